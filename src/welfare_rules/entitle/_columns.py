"""Columnar populations: check the columns, reduce rows to keys, and rebuild one Person per key.

Rows with equal *relevant* inputs get equal entitlements, so a population is counted by
key (``collections.Counter`` over the zipped columns) and each distinct key is validated
and evaluated once. Birth and death dates are first reduced to what the rules read (the
birth year and the exact age on the date; whether the death came before it), so a million
distinct birth dates make a few hundred keys.

Column names: ``id``, ``birth_date``, ``birth_year``, ``death_date``, ``categories``
(ids separated by ``;``), ``<category>.<attribute>`` (e.g. ``war_invalid.injury_rate``),
``poor``, ``near_poor``, ``commune``, ``selections`` (programme ids separated by ``;``).
An empty cell (``None``, ``""``) is *missing*, never zero.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from .._i18n import Catalog, Text
from ..dates import age_on, as_date
from ..errors import PersonDataError, quote
from ..rules.categories import CATEGORIES
from ._codes import encode, fold_firsts, numpy, recode
from .engine import Plan
from .person import Person

_MSG = Catalog(
    "entitle.columns",
    {
        "unknown": Text(
            vi="cột không xác định: {name!r} (xem docs/entitlements.md)",
            en="unknown column {name!r} (see docs/entitlements.md)",
        ),
        "length": Text(
            vi="cột {name!r} có {size} dòng, các cột khác có {expected}",
            en="column {name!r} has {size} rows, the others {expected}",
        ),
        "date": Text(
            vi="cần một ngày dạng YYYY-MM-DD, không phải {value}",
            en="expected a date as YYYY-MM-DD, not {value}",
        ),
        "int": Text(
            vi="cần một số nguyên, không phải {value}", en="expected a whole number, not {value}"
        ),
        "float": Text(
            vi="số thực {value} trong cột số nguyên; hãy ghi số nguyên "
            "(với pandas: kiểu Int64, không phải float64)",
            en="a float ({value}) in a whole-number column; write whole numbers "
            "(in pandas: an Int64 column, not float64)",
        ),
        "bool": Text(
            vi="cần đúng/sai (true/false, 1/0, có/không), không phải {value}",
            en="expected yes or no (true/false, 1/0), not {value}",
        ),
        "year": Text(
            vi="năm sinh {year} khác năm của ngày sinh {date}",
            en="birth year {year} differs from the year of the birth date {date}",
        ),
        "death": Text(
            vi="ngày mất {death} trước ngày sinh {birth}",
            en="date of death {death} is before the birth {birth}",
        ),
    },
)

_FIELDS: tuple[str, ...] = ("id", "birth_date", "birth_year", "death_date", "categories")
_FIELDS += ("poor", "near_poor", "commune", "selections")
ATTRIBUTE_COLUMNS: tuple[str, ...] = tuple(
    f"{category.id}.{name}" for category in CATEGORIES.values() for name in category.attributes
)
KNOWN_COLUMNS: frozenset[str] = frozenset(_FIELDS + ATTRIBUTE_COLUMNS)
# Columns that do not change an entitlement: not part of the key.
_PASSIVE = frozenset({"id", "commune"})
_TRUE = frozenset({"true", "1", "yes", "y", "có", "co", "x"})
_FALSE = frozenset({"false", "0", "no", "n", "không", "khong"})


def _ignored(name: str, plan: Plan) -> bool:
    """Whether a column cannot change any entitlement under ``plan`` (left out of the key)."""
    if name in _PASSIVE:
        return True
    if name == "poor":
        return "poor_household" not in plan.relevant
    if name == "near_poor":
        return "near_poor_household" not in plan.relevant
    if name == "selections":
        return not plan.selected
    if "." in name:
        return name.split(".", 1)[0] not in plan.relevant
    return False


def _blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and value != value)


def _error(reason: Text, row: int, column: str, value: object) -> PersonDataError:
    return PersonDataError(reason, path=f"[{row}].{column}", value=value)


def cell_error(name: str, value: object, row: int) -> PersonDataError:
    """The error for a cell of column ``name`` its converter refuses (a float in a
    whole-number column says so)."""
    if _as_bool is (CONVERTERS.get(name) or attribute_converter(name)):
        return _error(_MSG("bool", value=quote(value)), row, name, value)
    key = "float" if isinstance(value, float) or _float_text(value) else "int"
    return _error(_MSG(key, value=quote(value)), row, name, value)


def _float_text(value: object) -> bool:
    """Whether ``value`` is text that reads as a float (``"1954.0"`` in a CSV)."""
    if not isinstance(value, str):
        return False
    try:
        float(value)
    except ValueError:
        return False
    return True


def _is_float(value: object) -> bool:
    return isinstance(value, float) and value == value  # NaN is a blank cell


def check_floats(name: str, values: Sequence[Any], rows: Sequence[int] | None = None) -> None:
    """A float among ``values`` (the cells of column ``name`` at ``rows``, or all) is an
    error naming its row. Converters refuse floats too, but the grouping never shows them
    one equal to an earlier int (``1954.0 == 1954`` and ``1.0 == True`` hash alike), so the
    cells of whole-number and yes/no columns are checked here first."""
    if not any(issubclass(kind, float) for kind in set(map(type, values))):
        return
    index = next((i for i, value in enumerate(values) if _is_float(value)), None)
    if index is not None:  # NaN cells are floats too, but they are blanks, not floats
        raise cell_error(name, values[index], index if rows is None else rows[index])


# Whole-number and yes/no columns outside the attributes (those are checked where read).
TYPED_COLUMNS = ("birth_year", "poor", "near_poor")


def check_households(columns: Mapping[str, Sequence[Any]], plan: Plan) -> None:
    """The ``poor`` and ``near_poor`` cells read even when no programme reads them (they
    are the household's record): a cell that is not yes/no, or a household both poor and
    near-poor, is an error naming the first row. Columns a programme reads are checked
    with their keys. Each distinct cell is read once (numpy codes when installed)."""
    if not any(_ignored(name, plan) for name in columns):
        return
    np = numpy()
    if np is None:
        _check_households_slowly(columns)
        return
    coded: dict[str, tuple[Any, list[Any]]] = {}
    for name, values in columns.items():
        try:
            coded[name] = encode(np, values)
        except TypeError:  # an unhashable cell
            _check_households_slowly(columns)
            return
    check_household_codes(np, coded)


def check_household_codes(np: Any, coded: Mapping[str, tuple[Any, list[Any]]]) -> None:
    """:func:`check_households` of columns given as (codes, distinct values)."""
    flags: list[Any] = []
    for name, (codes, table) in coded.items():
        read = []
        for code, value in enumerate(table):
            try:
                read.append(False if _is_na(value) else bool(_as_bool(value)))
            except (ValueError, TypeError):
                row = int(np.flatnonzero(codes == code)[0])
                raise cell_error(name, value, row) from None
        flags.append(np.array(read, dtype=bool)[codes])
    if len(flags) == 2:
        both = np.flatnonzero(flags[0] & flags[1])
        if len(both):
            _both(int(both[0]))


def _both(row: int) -> None:
    try:
        Person.from_dict({"poor": True, "near_poor": True})
    except PersonDataError as exc:
        raise PersonDataError(exc.reason, path=f"[{row}].{exc.path}", value=exc.value) from None


def _check_households_slowly(columns: Mapping[str, Sequence[Any]]) -> None:
    flags: list[list[bool]] = []
    for name, values in columns.items():
        read: list[bool] = []
        for row, value in enumerate(values):
            try:
                read.append(False if _is_na(value) else bool(_as_bool(value)))
            except (ValueError, TypeError):
                raise cell_error(name, value, row) from None
        flags.append(read)
    if len(flags) == 2:
        pairs = enumerate(zip(flags[0], flags[1], strict=True))
        both = next((row for row, (a, b) in pairs if a and b), None)
        if both is not None:
            _both(both)


def _as_date(value: object) -> dt.date | None:
    """A cell's date (:func:`dates.as_date`), ``None`` for a blank cell."""
    return None if _blank(value) else as_date(value, iso_only=True)


def _as_int(value: object) -> int | None:
    if _blank(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise ValueError(value)


def _as_bool(value: object) -> bool | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        folded = value.strip().lower()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
    raise ValueError(value)


def _as_ids(value: object) -> tuple[str, ...]:
    if _blank(value):
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(";") if part.strip())
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(str(part) for part in value)
    raise ValueError(value)


def _hashable(values: Sequence[Any]) -> Sequence[Any]:
    """The column with list/set cells turned into sorted tuples, so rows can be keys."""
    return [
        tuple(sorted(map(str, v))) if isinstance(v, list | set | frozenset) else v for v in values
    ]


class _Memo(dict[object, object]):
    """A per-value cache of ``convert(value)``; errors name the first row that has the value."""

    def __init__(self, convert: Callable[[object], object]) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, value: object) -> object:
        result = self[value] = self.convert(value)
        return result


CONVERTERS: dict[str, Callable[[object], object]] = {
    "birth_year": _as_int,
    "categories": _as_ids,
    "selections": _as_ids,
    "poor": _as_bool,
    "near_poor": _as_bool,
}


class Grouped:
    """A population reduced to keys: counts by key, and the rows' keys when asked."""

    def __init__(
        self,
        names: tuple[str, ...],
        counts: Counter[tuple[object, ...]],
        keys: list[tuple[object, ...]] | None,
        ids: Sequence[object] | None,
        size: int,
        dates: Mapping[object, dt.date],
        columns: Sequence[Sequence[Any]],
        attributes: tuple[str, ...] = (),
    ) -> None:
        self.attributes = attributes  # the columns packed in "details"
        self.names = names
        self.counts = counts
        self.keys = keys
        self.ids = ids
        self.size = size
        self.dates = dates  # birth token -> a birth date with that token
        self.columns = columns
        self.find: Callable[[tuple[object, ...]], Iterator[int]] | None = None
        # key -> its first row (the order of the undetermined groups); () alone: row 0
        self.firsts: dict[tuple[object, ...], int] = {(): 0} if not names else {}

    def first(self, key: tuple[object, ...]) -> int:
        """The first row whose key is ``key``."""
        found = self.firsts.get(key)
        return found if found is not None else next(self.rows_of(key), 0)

    def _named(self, key: tuple[object, ...]) -> Iterator[tuple[str, object]]:
        """(column, raw value) pairs of a key, the attribute cells unpacked."""
        for name, raw in zip(self.names, key, strict=True):
            if name != "details":
                yield name, raw
            elif isinstance(raw, tuple):
                yield from zip(self.attributes, raw, strict=True)

    def rows_of(self, key: tuple[object, ...]) -> Iterator[int]:
        """The rows whose key is ``key``."""
        if self.find is not None:
            return self.find(key)
        rows = self.keys if self.keys is not None else zip(*self.columns, strict=True)
        return (row for row, other in enumerate(rows) if other == key)

    def person(self, key: tuple[object, ...]) -> Person:
        """The person a key stands for (validated; errors name the first row with the key)."""
        data: dict[str, Any] = {}
        categories: dict[str, dict[str, object]] = {}
        attributes: dict[str, dict[str, object]] = {}
        for name, raw in self._named(key):
            if name == "birth_token":
                if raw is not None:
                    data["birth_date"] = self.dates[raw]
                continue
            if name == "died":
                if raw:
                    return Person(death_date=dt.date.min)
                continue
            convert = CONVERTERS.get(name) or attribute_converter(name)
            try:
                value = convert(raw)
            except ValueError:
                raise cell_error(name, raw, next(self.rows_of(key), 0)) from None
            if name == "categories" and isinstance(value, tuple):
                categories = {str(c): {} for c in value}
            elif name in ("poor", "near_poor"):
                data[name] = bool(value)
            elif name == "selections" and isinstance(value, tuple):
                data["selections"] = frozenset(value)
            elif value is not None:
                if name == "birth_year":
                    data["birth_year"] = value
                else:
                    category, attribute = name.split(".", 1)
                    attributes.setdefault(category, {})[attribute] = value
        for category, values in attributes.items():
            if category in categories:
                categories[category] = values
        data["categories"] = categories
        try:
            return Person.from_dict(data)
        except PersonDataError as exc:
            row = next(self.rows_of(key), 0)
            raise PersonDataError(exc.reason, path=f"[{row}].{exc.path}", value=exc.value) from exc


def group_columns(
    columns: Mapping[str, Sequence[Any]], plan: Plan, *, keep_rows: bool = False
) -> Grouped:
    """Check ``columns`` and count rows by the key of their relevant inputs."""
    sizes = {name: len(values) for name, values in columns.items()}
    size = next(iter(sizes.values()), 0)
    for name, length in sizes.items():
        if name not in KNOWN_COLUMNS:
            raise PersonDataError(_MSG("unknown", name=name), path=name, value=name)
        if length != size:
            raise PersonDataError(
                _MSG("length", name=name, size=length, expected=size), path=name, value=length
            )
    for name in TYPED_COLUMNS:
        if name in columns:
            check_floats(name, columns[name])
    check_households(
        {name: columns[name] for name in ("poor", "near_poor") if name in columns}, plan
    )
    np = numpy()
    if np is not None and size:
        try:
            return _group_codes(np, columns, plan, size, keep_rows=keep_rows)
        except (TypeError, OverflowError):  # unhashable cells: the pure-Python path below
            pass
    names: list[str] = []
    key_columns: list[Sequence[Any]] = []
    dates: dict[object, dt.date] = {}
    if "birth_date" in columns:
        names.append("birth_token")
        key_columns.append(_birth_tokens(columns["birth_date"], plan, dates))
    if "death_date" in columns:
        names.append("died")
        key_columns.append(_death_flags(columns, plan))
    attributes = [name for name in columns if "." in name and not _ignored(name, plan)]
    for name, values in columns.items():
        if _ignored(name, plan):
            continue
        if name not in ("birth_date", "death_date") and "." not in name:
            names.append(name)
            key_columns.append(values)
    if attributes:
        # Attributes matter only with their category: one cell per row that has categories.
        names.append("details")
        key_columns.append(_details(columns, attributes))
    if not key_columns:
        counts: Counter[tuple[object, ...]] = Counter({(): size}) if size else Counter()
        keys: list[tuple[object, ...]] | None = [()] * size if keep_rows else None
        return Grouped((), counts, keys, columns.get("id"), size, dates, ())
    try:
        keys, counts, firsts = _count(key_columns, keep_rows=keep_rows)
    except TypeError:  # list cells (categories as lists): make them tuples
        key_columns = [_hashable(values) for values in key_columns]
        keys, counts, firsts = _count(key_columns, keep_rows=keep_rows)
    grouped = Grouped(
        tuple(names), counts, keys, columns.get("id"), size, dates, key_columns, tuple(attributes)
    )
    grouped.firsts = firsts
    return grouped


def _token(plan: Plan, dates: dict[object, dt.date]) -> Callable[[object], object]:
    """A birth date's key token: (year, exact age on the date) or (year, born by the date)."""
    on, exact = plan.on, plan.exact

    def token(value: object) -> object:
        birth = _as_date(value)
        if birth is None:
            return None
        key: object = (birth.year, age_on(birth, on)) if exact else (birth.year, birth <= on)
        dates.setdefault(key, birth)
        return key

    return token


def _ordinal(value: object) -> int:
    day = _as_date(value)
    return -1 if day is None else day.toordinal()


def _group_codes(
    np: Any, columns: Mapping[str, Sequence[Any]], plan: Plan, size: int, *, keep_rows: bool
) -> Grouped:
    """:func:`group_columns` with numpy: each key column encoded once, the codes folded."""
    names: list[str] = []
    coded: list[tuple[Any, list[Any]]] = []
    dates: dict[object, dt.date] = {}
    births = None
    if "birth_date" in columns:
        values = columns["birth_date"]
        births, raw = encode(np, values)
        try:
            coded.append(recode(np, births, raw, _token(plan, dates)))
        except (ValueError, TypeError):
            row, value = _first_bad(values, _as_date)
            raise _error(_MSG("date", value=quote(value)), row, "birth_date", value) from None
        born = np.array([_ordinal(value) for value in raw], dtype=np.int64)[births]
        names.append("birth_token")
    if "death_date" in columns:
        values = columns["death_date"]
        deaths, raw = encode(np, values)
        on = plan.on
        try:
            coded.append(
                recode(
                    np, deaths, raw, lambda v: None if (day := _as_date(v)) is None else day < on
                )
            )
        except (ValueError, TypeError):
            row, value = _first_bad(values, _as_date)
            raise _error(_MSG("date", value=quote(value)), row, "death_date", value) from None
        if births is not None:
            died = np.array([_ordinal(value) for value in raw], dtype=np.int64)[deaths]
            bad = np.flatnonzero((died >= 0) & (born >= 0) & (died < born))
            if len(bad):
                row = int(bad[0])
                death, birth = _as_date(values[row]), _as_date(columns["birth_date"][row])
                value = values[row]
                raise _error(_MSG("death", death=death, birth=birth), row, "death_date", value)
        names.append("died")
    attributes = [name for name in columns if "." in name and not _ignored(name, plan)]
    encoded: dict[str, tuple[Any, list[Any]]] = {}
    for name, values in columns.items():
        if _ignored(name, plan) or name in ("birth_date", "death_date") or "." in name:
            continue
        names.append(name)
        coded.append(encoded.setdefault(name, encode(np, values)))
    if attributes:
        names.append("details")
        found = encoded.get("categories")
        coded.append(_details_codes(np, columns, attributes, size, found))
    if not coded:
        counts: Counter[tuple[object, ...]] = Counter({(): size})
        keys: list[tuple[object, ...]] | None = [()] * size if keep_rows else None
        return Grouped((), counts, keys, columns.get("id"), size, dates, ())
    columns_codes = [(codes, len(found)) for codes, found in coded]
    group, combos, sizes, starts = fold_firsts(np, columns_codes, size)
    tables = [found for _, found in coded]
    order = [tuple(t[c] for t, c in zip(tables, combo, strict=True)) for combo in combos]
    counts = Counter()
    firsts: dict[tuple[object, ...], int] = {}
    for key, count, start in zip(order, sizes, starts, strict=True):
        counts[key] += count
        firsts.setdefault(key, start)
    keys = [order[number] for number in group.tolist()] if keep_rows else None
    grouped = Grouped(
        tuple(names), counts, keys, columns.get("id"), size, dates, (), tuple(attributes)
    )
    grouped.find = finder(np, group, order)
    grouped.firsts = firsts
    return grouped


def finder(
    np: Any, group: Any, order: list[tuple[object, ...]]
) -> Callable[[tuple[object, ...]], Iterator[int]]:
    """``Grouped.find`` for folded codes: the rows (in order) whose group is ``key``'s.
    ``group`` is the rows' group numbers, or a function that gives them (numbered only
    when a row is looked for: an error, rarely)."""

    def find(key: tuple[object, ...]) -> Iterator[int]:
        wanted = [index for index, other in enumerate(order) if other == key]
        numbers = group() if callable(group) else group
        return iter(np.flatnonzero(np.isin(numbers, wanted)).tolist())

    return find


def _details_codes(
    np: Any,
    columns: Mapping[str, Sequence[Any]],
    attributes: list[str],
    size: int,
    categories: tuple[Any, list[Any]] | None,
) -> tuple[Any, list[Any]]:
    """:func:`_details` as codes (``categories``: that column encoded); only the rows with
    categories are read."""
    codes = np.zeros(size, dtype=np.int64)
    if categories is None:
        return codes, [None]
    found, raw = categories
    rows = np.flatnonzero(np.array([bool(value) for value in raw], dtype=bool)[found]).tolist()
    if not rows:
        return codes, [None]
    pick = operator.itemgetter(*rows)
    cells = [
        pick(columns[name]) if len(rows) > 1 else (columns[name][rows[0]],) for name in attributes
    ]
    for name, values in zip(attributes, cells, strict=True):
        check_floats(name, values, rows)
    inner, tuples = encode(np, list(zip(*cells, strict=True)))
    codes[rows] = inner + 1
    return codes, [None, *tuples]


def _details(columns: Mapping[str, Sequence[Any]], attributes: list[str]) -> list[object]:
    """Per row, the attribute cells as one tuple where the row has categories, else ``None``."""
    size = len(columns[attributes[0]])
    categories = columns.get("categories")
    details: list[object] = [None] * size
    if categories is None:
        return details
    cells = [columns[name] for name in attributes]
    rows = [row for row, value in enumerate(categories) if value]
    for name, values in zip(attributes, cells, strict=True):
        check_floats(name, [values[row] for row in rows], rows)
    for row in rows:
        details[row] = tuple(cell[row] for cell in cells)
    return details


def _count(
    columns: Sequence[Sequence[Any]], *, keep_rows: bool
) -> tuple[
    list[tuple[object, ...]] | None, Counter[tuple[object, ...]], dict[tuple[object, ...], int]
]:
    """The rows' keys (when kept), the count of each key and its first row."""
    keys = list(zip(*columns, strict=True))
    counts = Counter(keys)
    firsts: dict[tuple[object, ...], int] = {}
    if len(counts) > 1:
        for row, key in enumerate(keys):
            if key not in firsts:
                firsts[key] = row
                if len(firsts) == len(counts):
                    break
    else:
        firsts = dict.fromkeys(counts, 0)
    return (keys if keep_rows else None), counts, firsts


@functools.cache
def attribute_converter(name: str) -> Callable[[object], object]:
    """The converter of one ``category.attribute`` column (bool or int, by the vocabulary)."""
    category, attribute = name.split(".", 1)
    spec = CATEGORIES[category].attributes[attribute]
    return _as_bool if spec.kind == "bool" else _as_int


def _birth_tokens(values: Sequence[Any], plan: Plan, dates: dict[object, dt.date]) -> list[object]:
    """Each birth date reduced to (year, exact age on the plan's date) or the year alone."""
    on, exact = plan.on, plan.exact

    def token(value: object) -> object:
        birth = _as_date(value)
        if birth is None:
            return None
        key: object = (birth.year, age_on(birth, on)) if exact else (birth.year, birth <= on)
        dates.setdefault(key, birth)
        return key

    memo = _Memo(token)
    try:
        return list(map(memo.__getitem__, values))
    except (ValueError, TypeError):
        row, value = _first_bad(values, _as_date)
        raise _error(_MSG("date", value=quote(value)), row, "birth_date", value) from None


def _death_flags(columns: Mapping[str, Sequence[Any]], plan: Plan) -> list[object]:
    """Whether each person died before the plan's date (checked against the birth)."""
    on = plan.on
    values = columns["death_date"]
    memo = _Memo(lambda value: None if (death := _as_date(value)) is None else death < on)
    try:
        flags = list(map(memo.__getitem__, values))
    except (ValueError, TypeError):
        row, value = _first_bad(values, _as_date)
        raise _error(_MSG("date", value=quote(value)), row, "death_date", value) from None
    births = columns.get("birth_date")
    if births is not None:
        for row in [row for row, flag in enumerate(flags) if flag is not None]:
            death, birth = _as_date(values[row]), _as_date(births[row])
            if death is not None and birth is not None and death < birth:
                value = values[row]
                raise _error(_MSG("death", death=death, birth=birth), row, "death_date", value)
    return flags


def _first_bad(values: Sequence[Any], convert: Callable[[object], object]) -> tuple[int, object]:
    for row, value in enumerate(values):
        try:
            convert(value)
        except (ValueError, TypeError):
            return row, value
    return 0, None


def _py(value: Any) -> Any:
    """A pandas/numpy cell as a plain Python value (NA → ``None``)."""
    if _is_na(value):
        return None
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, str):
        value = item()
    return value  # a float stays a float: whole-number columns refuse it


def frame_columns(frame: Any) -> dict[str, list[Any]]:
    """A pandas DataFrame as plain columns: NaN/NaT/NA become ``None``."""
    columns: dict[str, list[Any]] = {}
    for name in frame.columns:
        series = frame[name]
        kind = series.dtype.kind
        if kind == "M":
            values = [None if v is None or v != v else v.date() for v in series.tolist()]
        elif kind == "f":
            values = [None if v != v else v for v in series.tolist()]
        elif kind in "iub" and not series.hasnans:
            values = series.tolist()
        else:
            values = [None if _is_na(v) else v for v in series.tolist()]
        columns[str(name)] = values
    return columns


def _is_na(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    return type(value).__name__ in ("NAType", "NaTType")


__all__ = [
    "ATTRIBUTE_COLUMNS",
    "KNOWN_COLUMNS",
    "Grouped",
    "frame_columns",
    "group_columns",
]
