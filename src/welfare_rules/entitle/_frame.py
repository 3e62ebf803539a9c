"""pandas DataFrames reduced to keys with numpy: every column read as small integer codes.

The work per row is numpy arithmetic on arrays pandas already holds (no per-row Python
object): dates are int64 day numbers looked up in a table over their range (birth year
and the age flag the rules read); categorical, boolean and masked integer columns give
their codes directly; attribute columns are read only on the rows that have categories.
The codes are folded into one group number per row (:func:`~._codes.fold`), and each
column's table of decoded Python values is read once per distinct key. The keys are the
ones :func:`~._columns.group_columns` makes, so :class:`~._keys.KeyInputs` and the error
paths (which name the row and the column) serve both.
"""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import operator
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..dates import age_on, birthday_passed
from ..errors import PersonDataError, quote
from ._codes import fold, fold_firsts, fold_groups
from ._columns import (
    _MSG,
    KNOWN_COLUMNS,
    TYPED_COLUMNS,
    Grouped,
    _blank,
    _error,
    _ignored,
    _py,
    cell_error,
    check_floats,
    check_household_codes,
    finder,
)
from .engine import Plan
from .person import Person

_NAT = -(1 << 63)  # numpy's NaT as int64
_EPOCH = dt.date(1970, 1, 1).toordinal()
_YEARS = (1800, 2200)  # the birth years a Person accepts
_RANGE = 1 << 16  # integer columns spanning more values than this are factorized
_NUMBERS = frozenset(TYPED_COLUMNS) | {name for name in KNOWN_COLUMNS if "." in name}

Coded = tuple[Any, list[tuple[object, ...]]]  # codes per row; the key fragment of each code


@dataclass(frozen=True, slots=True)
class Indexed:
    """A column's codes kept as ``lookup[index]``, looked up only where wanted: over a
    million rows the lookup costs about as much as counting them, and the parts are
    counted over the index (:mod:`._frame_parts`)."""

    index: Any  # int64, one per row
    lookup: Any  # the code of each index
    counts: Any = None  # how many rows have each index, when counted as it was made

    def __len__(self) -> int:
        return len(self.index)

    def codes(self) -> Any:
        """The codes of every row."""
        return self.lookup[self.index]


@dataclass(frozen=True, slots=True)
class Sparse:
    """A column's codes kept only where they are not 0: ``values`` at ``rows`` (ascending),
    0 on every other of the ``size`` rows. The attribute cells are read on the rows with
    categories (a few percent) and asked for on those rows again (:mod:`._frame_parts`):
    a million codes written to be read back at the same rows cost a few passes more."""

    rows: Any
    values: Any
    size: int

    def __len__(self) -> int:
        return self.size

    def codes(self) -> Any:
        """The codes of every row."""
        np = importlib.import_module("numpy")
        codes = np.zeros(self.size, dtype=self.values.dtype)
        codes[self.rows] = self.values
        return codes


def plain_codes(codes: Any) -> Any:
    """The codes as an array (:class:`Indexed` looked up, :class:`Sparse` filled in)."""
    return codes.codes() if isinstance(codes, Indexed | Sparse) else codes


def codes_at(codes: Any, rows: Any) -> Any:
    """The codes at ``rows`` (ascending row numbers): a :class:`Sparse` column's values
    when asked for at its own rows."""
    if isinstance(codes, Sparse) and codes.rows is rows:
        return codes.values
    return plain_codes(codes).take(rows)  # take: a quarter faster than [rows]


@dataclass(slots=True)
class FrameCodes:
    """A frame's key columns read as codes, before they are folded into keys.

    ``full`` holds the columns folded over every row, ``rich`` those folded over the rows
    with categories or selections only (:meth:`rich_rows`); each is ``(codes, fragments)``
    with codes over every row (an array, :class:`Indexed` or :class:`Sparse`). ``names``
    are the key's columns in key order (``full``'s, then ``rich``'s). ``given`` holds, for
    the categories and selections columns, the rows (ascending) whose cell is not blank;
    ``dates`` gives each birth token a date; ``died`` the rows (ascending) of the people
    who died before the date (``None`` without a death column): the ``died`` column's true
    codes, found once where the deaths are read.
    """

    frame: Any
    size: int
    names: tuple[str, ...]
    full: list[Coded]
    rich: list[Coded]
    given: dict[str, Any]
    dates: dict[object, dt.date]
    attributes: tuple[str, ...]
    died: Any = None

    def rich_rows(self, np: Any) -> Any:
        """The rows (ascending) with categories or selections: those :attr:`rich` is
        folded over (the union of :attr:`given`, asked for only by the key-by-key way)."""
        rows = list(self.given.values())
        return rows[0] if len(rows) == 1 else np.union1d(*rows)

    def columns(self) -> dict[str, Coded]:
        """Each key column's codes over every row and fragments, by name (the rich ones
        unfolded)."""
        return dict(zip(self.names, [*self.full, *self.rich], strict=True))


def group_frame(frame: Any, plan: Plan, *, keep_rows: bool = False) -> Grouped:
    """:func:`~._columns.group_columns` for a pandas DataFrame, vectorized with numpy."""
    return fold_frame(code_frame(frame, plan), keep_rows=keep_rows)


def code_frame(frame: Any, plan: Plan) -> FrameCodes:
    """The frame's columns checked and read as codes (every error about a cell is raised
    here, naming its row and column)."""
    pd = importlib.import_module("pandas")
    np = importlib.import_module("numpy")
    labels = frame.columns.tolist()  # iterating the Index itself costs 2 µs a label
    for name in labels:
        if name not in KNOWN_COLUMNS:
            raise PersonDataError(_MSG("unknown", name=name), path=str(name), value=name)
    frame = _whole_floats(pd, np, frame)
    size = len(frame)
    columns = [str(name) for name in labels]
    present = set(columns)
    kinds = {str(name): dtype.kind for name, dtype in _column_dtypes(frame)}
    alone = len(present) == len(columns)  # each name once: its type is its column's
    for name in TYPED_COLUMNS:
        if name in present and (kinds[name] in "fO" or not alone):  # others hold no float
            _check_floats(np, frame[name], name)
    households = [name for name in ("poor", "near_poor") if name in present]
    if any(_ignored(name, plan) for name in households):
        _check_households(pd, np, frame, households)
    names: list[str] = []
    full: list[Coded] = []  # folded over every row
    dates: dict[object, dt.date] = _TokenDates(plan.on, exact=plan.exact)
    merged = False
    births = None
    died = None
    if "birth_date" in present:
        births = _instants(pd, np, frame["birth_date"], "birth_date")
        merged = not plan.exact and "birth_year" in present
        stated = _int_column(pd, np, frame["birth_year"], "birth_year") if merged else None
        full.append(_birth_codes(np, births, stated, plan, frame))
        names.append("birth_token")
    if "death_date" in present:
        deaths = _instants(pd, np, frame["death_date"], "death_date")
        codes, died = _death_codes(np, deaths, births, plan, frame)
        full.append(codes)
        names.append("died")
    plain = [
        name
        for name in columns
        if not _ignored(name, plan) and "." not in name
        if name not in ("birth_date", "death_date") and not (name == "birth_year" and merged)
    ]
    rich: list[Coded] = []  # folded over the rows with categories or selections only
    rich_names: list[str] = []
    given: dict[str, Any] = {}
    for name in plain:
        codes, table = _frame_codes(pd, np, frame[name])
        if name in ("categories", "selections"):
            filled = _filled(np, codes, [code for code, v in enumerate(table) if _blank(v)])
            given[name] = true_rows(np, filled)
            rich.append((codes, [(value,) for value in table]))
            rich_names.append(name)
        else:
            full.append((codes, [(value,) for value in table]))
            names.append(name)
    attributes = [n for n in columns if "." in n and not _ignored(n, plan)]
    if "categories" not in given:
        attributes = []  # attributes count only with their category
    if rich and attributes:
        rich.append(_details(pd, np, frame, attributes, given["categories"]))
        rich_names.append("details")
    names.extend(rich_names)
    return FrameCodes(frame, size, tuple(names), full, rich, given, dates, tuple(attributes), died)


def fold_frame(coded: FrameCodes, *, keep_rows: bool = False) -> Grouped:
    """The coded frame folded into keys: counts by key, first rows, the rows' keys when
    ``keep_rows``."""
    np = importlib.import_module("numpy")
    size, names = coded.size, coded.names
    full = [(plain_codes(codes), table) for codes, table in coded.full]
    if coded.rich:
        full.append(_fold_rows(np, coded.rich, coded.rich_rows(np), size))
    ids = _ids(coded.frame) if keep_rows else None
    if not full or not size:
        counts: Counter[tuple[object, ...]] = Counter({(): size}) if size else Counter()
        empty: list[tuple[object, ...]] | None = [()] * size if keep_rows else None
        return Grouped((), counts, empty, ids, size, {}, ())
    group, combos, sizes, starts = fold_groups(
        np, [(codes, len(table)) for codes, table in full], size
    )
    tables = [table for _, table in full]
    order = _fragments(tables, combos)
    counts = Counter()
    firsts: dict[tuple[object, ...], int] = {}
    for key, count, start in zip(order, sizes, starts, strict=True):
        counts[key] += count
        firsts.setdefault(key, start)
    keys = [order[number] for number in group().tolist()] if keep_rows else None
    grouped = Grouped(names, counts, keys, ids, size, coded.dates, (), coded.attributes)
    grouped.find = finder(np, group, order)
    grouped.firsts = firsts
    return grouped


def _check_households(pd: Any, np: Any, frame: Any, households: Sequence[str]) -> None:
    """:func:`~._columns.check_household_codes` of the household columns; plain numpy
    ``bool`` columns hold nothing but yes/no, so only the rows both poor and near-poor are
    looked for (one ``&`` instead of reading each column as codes)."""
    values = [_bool_values(np, frame, name) for name in households]
    if all(found is not None for found in values):
        both = len(values) == 2 and np.logical_and(*values).any()
        if both:
            check_household_codes(np, {n: _frame_codes(pd, np, frame[n]) for n in households})
        return
    check_household_codes(np, {name: _frame_codes(pd, np, frame[name]) for name in households})


def _bool_values(np: Any, frame: Any, name: str) -> Any:
    """A plain numpy ``bool`` column's values (``None`` for any other column), read from
    the frame's blocks where pandas keeps them so (``frame[name]`` builds a Series)."""
    try:
        found = frame._mgr.iget_values(frame.columns.get_loc(name))
    except (AttributeError, TypeError, KeyError):
        column = frame[name]
        return column.to_numpy() if column.dtype == np.dtype(bool) else None
    if isinstance(found, np.ndarray) and found.dtype == np.dtype(bool) and found.ndim == 1:
        return found if len(found) == len(frame) else None
    return None


def _whole_floats(pd: Any, np: Any, frame: Any) -> Any:
    """The frame with each float column of whole numbers (what ``pd.read_csv`` gives an
    integer column with empty cells) of a whole-number or yes/no column as ``Int64``; a
    column with any other float is left as it is, for the checks to name its row."""
    whole: dict[str, Any] = {}
    for name, dtype in _column_dtypes(frame):  # the types at once, not a column per name
        if str(name) not in _NUMBERS or dtype.kind != "f" or frame[name].dtype.kind != "f":
            continue
        values = frame[name].to_numpy(dtype="float64", na_value=np.nan)
        given = ~np.isnan(values)
        if not np.all(np.isfinite(values[given])):
            continue
        cells = values[given]
        if len(cells) and (np.any(cells != np.floor(cells)) or np.any(np.abs(cells) >= 2.0**53)):
            continue
        numbers = np.zeros(len(values), dtype=np.int64)
        numbers[given] = cells.astype(np.int64)
        whole[str(name)] = pd.arrays.IntegerArray(numbers, ~given)
    return frame.assign(**whole) if whole else frame


def _column_dtypes(frame: Any) -> list[tuple[object, Any]]:
    """Each column's label and type, in order: read from the frame's blocks where pandas
    keeps them so (``frame.dtypes`` builds a Series of them, 100-150 µs, a few percent of
    a small frame's allocation), else ``frame.dtypes``."""
    labels = frame.columns.tolist()
    try:
        found = list(frame._mgr.get_dtypes())
    except AttributeError:
        found = []
    if len(found) != len(labels) or not all(hasattr(d, "kind") for d in found):
        found = list(frame.dtypes)
    return list(zip(labels, found, strict=True))


def _fragments(
    tables: list[list[tuple[object, ...]]], combos: list[tuple[int, ...]]
) -> list[tuple[object, ...]]:
    """Each combination of codes as the key it stands for: its columns' fragments joined
    (one ``sum`` of a few short tuples per distinct key)."""
    getitem = operator.getitem
    return [sum(map(getitem, tables, combo), ()) for combo in combos]


def _fold_rows(np: Any, parts: list[Coded], rows: Any, size: int) -> Coded:
    """Columns folded into one code per row of ``size``, counted only on ``rows``
    (ascending); the other rows get code 0, the fragment of every column's code 0."""
    blank = tuple(itertools.chain.from_iterable(table[0] for _, table in parts))
    codes = np.zeros(size, dtype=np.int64)
    if not len(rows):
        return codes, [blank]
    group, combos, _ = fold(np, [(codes_at(c, rows), len(t)) for c, t in parts], len(rows))
    codes[rows] = group + 1
    found = _fragments([t for _, t in parts], combos)
    return codes, [blank, *found]


def _details(pd: Any, np: Any, frame: Any, attributes: list[str], rows: Any) -> Coded:
    """The attribute cells of ``rows`` (those with categories) as one code each, whose
    fragment is the cells' tuple; code 0 (the other rows) is ``None``."""
    if not len(rows):
        return np.zeros(len(frame), dtype=np.int8), [(None,)]
    arrays = [_column_array(pd, frame, name) for name in attributes]
    found = _sparse_details(pd, np, arrays, rows)
    if found is not None:
        return found
    return _dense_details(pd, np, [frame[name] for name in attributes], attributes, rows)


def _column_array(pd: Any, frame: Any, name: str) -> Any:
    """``frame[name].array`` for a nullable integer or boolean column, read from the
    frame's blocks where pandas keeps it so (``frame[name]`` builds a Series: 40-60 µs a
    column, a few percent of a million rows' allocation over the attribute columns);
    else ``frame[name].array``."""
    try:
        found = frame._mgr.iget_values(frame.columns.get_loc(name))
    except (AttributeError, TypeError, KeyError):
        found = None
    if isinstance(found, pd.arrays.IntegerArray | pd.arrays.BooleanArray) and len(found) == len(
        frame
    ):
        return found
    return frame[name].array


def _dense_details(pd: Any, np: Any, columns: list[Any], attributes: list[str], rows: Any) -> Coded:
    """:func:`_details` with every cell of ``rows`` read and folded (any column type)."""
    coded = [
        _cell_codes(pd, np, column, name, rows)
        for column, name in zip(columns, attributes, strict=True)
    ]
    group, combos, _ = fold(np, [(c, len(t)) for c, t in coded], len(rows))
    codes = np.zeros(len(columns[0]), dtype=_narrow(np, len(combos)))
    codes[rows] = group + 1
    tables = [t for _, t in coded]
    cells = [tuple(t[c] for t, c in zip(tables, combo, strict=True)) for combo in combos]
    return codes, [(None,), *[(cell,) for cell in cells]]


def _sparse_details(pd: Any, np: Any, arrays: list[Any], rows: Any) -> Coded | None:
    """:func:`_details` when every attribute column (``arrays``: each column's array) is a
    nullable integer or boolean array (``None`` otherwise, or for a column of too many
    values): the cells are read and
    folded only on the rows of ``rows`` that have one (a row with categories mostly has
    none: 8.000 of 70.000), and the rows without any get the all-blank cells' code, at
    the place of its first occurrence, so the codes and fragments are :func:`_details`'s
    exactly."""
    masked = [m for array in arrays if (m := _masked(pd, np, array)) is not None]
    if len(masked) < len(arrays):
        return None
    # Each mask read once, at the rows with categories (one in fourteen: every cache
    # line of it), not whole and then again at the rows with a cell.
    missing = [mask.take(rows) for _, mask in masked]
    bare = missing[0].copy()  # the rows of ``rows`` with no cell given
    for found_missing in missing[1:]:
        bare &= found_missing
    inner = np.flatnonzero(~bare)
    sub = rows.take(inner)
    coded = []
    for array, (data, _), at_rows in zip(arrays, masked, missing, strict=True):
        found = _masked_cells(np, array, data, at_rows.take(inner), sub)
        if found is None:
            return None
        coded.append(found)
    tables = [t for _, t in coded]
    if len(sub):
        group, combos, _, firsts = fold_firsts(np, [(c, len(t)) for c, t in coded], len(sub))
    else:
        group, combos, firsts = np.empty(0, dtype=np.int64), [], []
    cells = [tuple(t[c] for t, c in zip(tables, combo, strict=True)) for combo in combos]
    codes_of = group + 1
    if len(inner) < len(rows):  # the all-blank cells, numbered where they first occur
        first = int(np.argmax(bare))
        place = int(np.searchsorted(inner[np.asarray(firsts, dtype=np.int64)], first))
        cells.insert(place, tuple(t[0] for t in tables))
        codes_of += group >= place
        local = np.full(len(rows), place + 1, dtype=np.int64)
        local[inner] = codes_of
        codes_of = local
    codes = Sparse(rows, codes_of.astype(_narrow(np, len(cells))), len(masked[0][1]))
    return codes, [(None,), *[(cell,) for cell in cells]]


def _masked_cells(np: Any, array: Any, data: Any, missing: Any, rows: Any) -> Any:
    """The codes and table (:func:`_frame_codes`) of a nullable integer or boolean array's
    cells at ``rows`` from its values (:func:`_masked`) and its mask read at the rows
    (``missing``): the values read at the given cells only; ``None`` for integers
    spanning too many values."""
    at = np.flatnonzero(~missing)
    known = data.take(rows.take(at))
    if array.dtype.kind == "b":
        codes = np.zeros(len(rows), dtype=np.int8)
        codes[at] = np.add(known, 1, dtype=np.int8)
        return codes, _BOOLS
    return _given_codes(np, len(rows), at, known)


def _cell_codes(pd: Any, np: Any, column: Any, name: str, rows: Any) -> tuple[Any, list[Any]]:
    """:func:`_frame_codes` of the cells of ``column`` at ``rows``, after
    :func:`_check_floats`. A nullable integer or boolean column (``Int16``, ``boolean``:
    no float can be in it) is read from its array taken at the rows; any other is taken
    as a Series (building one costs about a millisecond, more than reading 70.000 cells)."""
    array = column.array
    masked = _masked(pd, np, array)
    if masked is not None:
        data, mask = masked
        found = _masked_cells(np, array, data, mask[rows], rows)
        if found is not None:
            return found  # type: ignore[no-any-return]
    cells = pd.Series(array.take(rows), copy=False)
    _check_floats(np, cells, name, rows)
    return _frame_codes(pd, np, cells)


def _check_floats(np: Any, column: Any, name: str, rows: Any = None) -> None:
    """:func:`~._columns.check_floats` for a frame column (the cells at ``rows``, or all): a
    float column (``float64``, ``Float64``) with any value, or a float in an object column,
    is an error naming the row: a whole-number column is never read from floats."""
    kind = column.dtype.kind
    if kind == "f":
        values = column.to_numpy(dtype="float64", na_value=np.nan)
        with np.errstate(invalid="ignore"):
            odd = ~np.isnan(values) & ~(np.isfinite(values) & (values == np.floor(values)))
        found = np.flatnonzero(odd)  # the first value that is not whole
        if not len(found):
            found = np.flatnonzero(column.notna().to_numpy(dtype=bool))
        if len(found):
            index = int(found[0])
            row = index if rows is None else int(rows[index])
            raise cell_error(name, float(column.iloc[index]), row)
    elif kind == "O":
        check_floats(name, column.tolist(), None if rows is None else rows.tolist())


def _instants(pd: Any, np: Any, column: Any, name: str) -> tuple[Any, int]:
    """The column's dates as int64 counts of its unit (``NaT``: missing) and the count of
    a day; errors name the first cell that is not a date."""
    if column.dtype.kind != "M":
        column = _parse_dates(pd, column, name)
    if getattr(column.dtype, "tz", None) is not None:
        column = column.dt.tz_localize(None)  # the local calendar day, as .dt.year reads it
    values = column.to_numpy()
    unit = np.dtype(values.dtype.str.replace("M8", "m8"))
    per_day = int(np.timedelta64(1, "D").astype(unit).astype(np.int64))
    return values.view(np.int64), per_day


def _day_index(np: Any, raw: Any, per_day: int) -> tuple[int, int, Any] | None:
    """The lowest and highest day numbers (days since 1970-01-01) of the instants ``raw``
    (int64 counts of a unit, ``per_day`` a day; NaT: missing) and each cell's day less the
    lowest as a fresh int64 array, ``high - low + 1`` (one past the last day) where the
    cell is missing; ``None`` when every cell is.

    In unsigned arithmetic ``raw - (NaT + 1)`` keeps the order of the instants and makes
    NaT the highest number, so one plain ``min`` finds the lowest instant (``min(where=…)``
    costs several times more); the same array, moved to the lowest day's first instant,
    capped one day past the last and divided in place, is the index: a few passes over
    the rows and one array, where day numbers, a missing mask and a moved copy cost three.
    """
    size = 1 << 64
    moved = np.subtract(raw.view(np.uint64), np.uint64((_NAT + 1) % size))
    lowest = int(moved.min(initial=np.uint64(size - 1)))  # size - 1: NaT, or no row
    if lowest == size - 1:
        return None
    low = (lowest + _NAT + 1) // per_day
    high = int(raw.max()) // per_day
    past = (high - low + 1) * per_day  # the first instant after the last day, moved
    if (-_NAT - low * per_day) % size < past:  # NaT, moved, not past it: dates at the
        index = raw // per_day - low  # ends of what numpy holds; the plain way
        index[raw == _NAT] = high - low + 1
        return low, high, index
    moved -= np.uint64((low * per_day - _NAT - 1) % size)  # to the lowest day's first instant
    np.minimum(moved, np.uint64(past), out=moved)
    moved //= np.uint64(per_day)
    return low, high, moved.view(np.int64)


def _parse_dates(pd: Any, column: Any, name: str) -> Any:
    parsed = pd.to_datetime(column, errors="coerce", format="ISO8601")
    bad = (parsed.isna() & column.notna() & (column.astype("string").str.len() > 0)).to_numpy()
    rows = bad.nonzero()[0]
    if len(rows):
        row = int(rows[0])
        value = column.iloc[row]
        raise _error(_MSG("date", value=quote(value)), row, name, value)
    return parsed


def _civil(np: Any, days: Any) -> tuple[Any, Any, Any]:
    """Year, month and day of int64 day numbers (days since 1970-01-01), in integer
    arithmetic (H. Hinnant's ``civil_from_days``; numpy's ``//`` floors, as it needs):
    a few array operations, where ``astype("M8[Y]")`` converts each day on its own."""
    shifted = days + 719_468  # days since 0000-03-01
    era = shifted // 146_097
    of_era = shifted - era * 146_097
    year_of_era = (of_era - of_era // 1_460 + of_era // 36_524 - of_era // 146_096) // 365
    of_year = of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted_month = (5 * of_year + 2) // 153  # 0: March
    day = of_year - (153 * shifted_month + 2) // 5 + 1
    month = np.where(shifted_month < 10, shifted_month + 3, shifted_month - 9)
    year = year_of_era + era * 400 + (month <= 2)
    return year, month, day


def _span_years(np: Any, low: int, high: int) -> Any:
    """The year of each day from ``low`` to ``high`` (day numbers since 1970-01-01): each
    year repeated over its days, the years' first days found with the calendar (a century
    of birth dates is a hundred years, 38.000 days that :func:`_civil` converts one by one,
    1,5 ms); days outside the years 1 to 9999 go through :func:`_civil`."""
    if low + _EPOCH < 1 or high + _EPOCH > dt.date.max.toordinal():
        return _civil(np, np.arange(low, high + 1, dtype=np.int64))[0]
    first = dt.date.fromordinal(low + _EPOCH).year
    last = dt.date.fromordinal(high + _EPOCH).year
    starts = [dt.date(year, 1, 1).toordinal() - _EPOCH for year in range(first + 1, last + 1)]
    bounds = np.array([low, *starts, high + 1], dtype=np.int64)
    return np.repeat(np.arange(first, last + 1, dtype=np.int64), np.diff(bounds))


def _int_column(pd: Any, np: Any, column: Any, name: str) -> tuple[Any, Any]:
    """A column of whole numbers as (integer values, of the column's type or int64;
    missing mask; the value of a missing cell is not defined); errors name the row."""
    dtype = column.dtype
    if dtype.kind in "iu":
        masked = _masked(pd, np, column.array)
        if masked is not None:  # the values of missing cells are never read
            return masked
        missing = column.isna().to_numpy(dtype=bool)
        return column.to_numpy(dtype="int64", na_value=0), missing
    codes, table = _frame_codes(pd, np, column)
    values = []
    for code, value in enumerate(table):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            row = int(np.flatnonzero(codes == code)[0])
            raise _error(_MSG("int", value=quote(value)), row, name, value)
        values.append(0 if value is None else value)
    return np.array(values, dtype=np.int64)[codes], codes == 0


def _birth_codes(
    np: Any,
    births: tuple[Any, int],
    stated: tuple[Any, Any] | None,
    plan: Plan,
    frame: Any,
) -> Coded:
    """Birth tokens (year, exact age on the date or whether born by it) as codes; with
    ``stated`` (calendar-year ages), records with a birth year only are keyed like a date
    in that year, and a birth year that differs from the date's year is an error."""
    on = plan.on
    raw, per_day = births
    on_day = on.toordinal() - _EPOCH
    counted = _chunked_birth_codes(np, births, stated, plan, frame)
    if counted is not None:
        return counted
    found = _day_index(np, raw, per_day)
    if found is None:  # no birth date at all
        low = high = on_day
        index = np.ones(len(raw), dtype=np.int64)  # past the one day: no birth known
    else:
        low, high, index = found
    year, bit = _span_tokens(np, low, high, plan)
    span = year  # one entry per day of the span
    first, top = int(year[0]), int(year[-1])
    only = None
    if stated is not None:
        values, absent = stated
        given = true_rows(np, ~absent)
        if len(given):
            years = values[given].astype(np.int64)  # each stated year read once
            with_date = index[given] != len(span)  # a date's index is in the span
            only, years, bounds = _year_only(
                given, years, with_date, lambda dated: year[index[dated]], births, frame
            )
            if bounds is not None:
                first, top = min(first, bounds[0]), max(top, bounds[1])
    table, fragments = _token_table(np, year, bit, first, top, plan)
    if only is not None and len(only):
        index[only] = len(span) + 1 + (years - first)
    return Indexed(index, table), fragments


def _year_only(
    given: Any,
    years: Any,
    with_date: Any,
    dated_years: Any,
    births: tuple[Any, int],
    frame: Any,
) -> tuple[Any, Any, tuple[int, int] | None]:
    """Of the rows ``given`` a birth year (ascending; ``years`` theirs), those with no
    date, their years, and the lowest and highest (``None``: no such row). A row with a
    date too (``with_date``; ``dated_years(rows)`` the years of their dates) whose year
    differs is an error naming it, as is a year out of the range a person accepts."""
    only = given
    if with_date.any():  # rare: both a date and a year, which must agree
        dated = given[with_date]
        clash = dated[dated_years(dated) != years[with_date]]
        if len(clash):
            raw, per_day = births
            row = int(clash[0])
            value = frame["birth_year"].iloc[row]
            birth = dt.date.fromordinal(int(raw[row]) // per_day + _EPOCH)
            raise _error(_MSG("year", year=value, date=birth), row, "birth_year", value)
        only, years = given[~with_date], years[~with_date]
    if not len(only):
        return only, years, None
    low_year, high_year = int(years.min()), int(years.max())
    if low_year < _YEARS[0] or high_year > _YEARS[1]:
        _check_years(years, only, frame)
    return only, years, (low_year, high_year)


def _span_tokens(np: Any, low: int, high: int, plan: Plan) -> tuple[Any, Any]:
    """The year of each day from ``low`` to ``high`` (day numbers since 1970-01-01) and its
    token's flag: with exact ages, whether the birthday is not yet reached in the date's
    year (:func:`~welfare_rules.dates.birthday_passed`, vectorized); else whether the day
    is the date or before it (born by the date)."""
    on = plan.on
    if plan.exact:
        span = np.arange(low, high + 1, dtype=np.int64)
        year, month, day = _civil(np, span)
        passed = month * 100 + day <= on.month * 100 + on.day
        if birthday_passed(2, 29, on=on) and not birthday_passed(3, 1, on=on):
            passed |= (month == 2) & (day == 29)  # 28 February of a common year
        return year, (~passed).astype(np.int64)
    year = _span_years(np, low, high)
    on_day = on.toordinal() - _EPOCH
    return year, (np.arange(low, high + 1, dtype=np.int64) <= on_day).astype(np.int64)


def _token_table(
    np: Any,
    year: Any,
    bit: Any,
    first: int,
    top: int,
    plan: Plan,
) -> tuple[Any, list[tuple[object, ...]]]:
    """The code of each index (:func:`_birth_codes`): the days of the span (``year`` and
    ``bit`` of each), one past them (no birth known: code 0), then each year from
    ``first`` to ``top`` for the records with a birth year only; and each code's
    fragment (its token; :class:`_TokenDates` gives each token a date)."""
    on, exact = plan.on, plan.exact
    stated_years = np.arange(first, top + 1, dtype=np.int64)
    table = np.concatenate(
        (
            (year - first) * 2 + bit + 1,
            [0],
            (stated_years - first) * 2 + (stated_years <= on.year) + 1,
        )
    ).astype(_narrow(np, (top - first + 1) * 2 + 1))
    fragments: list[tuple[object, ...]] = [(None,)]
    for token_year in range(first, top + 1):
        for flag in (0, 1):
            token = (token_year, on.year - token_year - flag) if exact else (token_year, flag)
            fragments.append((token,))
    return table, fragments


class _TokenDates(dict[object, dt.date]):
    """Birth token -> a birth date with that token (:func:`_token_date`), each made when
    first asked for: a key's person is built for the tokens some living row has, not for
    every token of the span's years (two hundred dates for a century)."""

    def __init__(self, on: dt.date, *, exact: bool) -> None:
        super().__init__()
        self.on, self.exact = on, exact

    def __missing__(self, token: object) -> dt.date:
        if not (isinstance(token, tuple) and len(token) == 2):
            raise KeyError(token)
        year, flag = token
        found = self[token] = _token_date((int(year), int(flag)), self.on, exact=self.exact)
        return found


_CHUNK_ROWS = 1 << 17  # rows of a birth column moved, capped, divided and counted at a time


def _chunked_birth_codes(
    np: Any, births: tuple[Any, int], stated: tuple[Any, Any] | None, plan: Plan, frame: Any
) -> Coded | None:
    """:func:`_birth_codes` made in chunks of rows that stay in the cache: the same index,
    table and fragments, and how many rows have each index (:attr:`Indexed.counts`),
    counted as each chunk is made. The first pass moves the instants as
    :func:`_day_index` does (NaT the highest), finds the lowest and highest, and tells,
    on the chunk just moved, which rows with a stated year have a date too (the moved
    chunk is read back in the cache, never written whole); the second moves each chunk
    to the lowest day, caps it one day past the last, divides it, writes the index of
    each year-only row's year and counts it. Over the whole index, the year-only rows
    read and written at their places cost as much as a pass each (they are spread: one
    in ten), and counting it afterwards reads 8 MB again. ``None`` where
    :func:`_day_index`'s way decides: no birth date at all, or dates at the ends of what
    numpy holds."""
    raw, per_day = births
    rows = len(raw)
    size = 1 << 64
    given = years = None
    if stated is not None:
        values, absent = stated
        given = true_rows(np, ~absent)
        years = values.take(given).astype(np.int64)  # each stated year read once
    starts = range(0, rows, _CHUNK_ROWS)
    ends = [min(rows, start + _CHUNK_ROWS) for start in starts]
    unsigned = raw.view(np.uint64)
    buffer = np.empty(min(rows, _CHUNK_ROWS), dtype=np.uint64)  # a chunk moved, read back
    shift, missing = np.uint64((_NAT + 1) % size), np.uint64(size - 1)
    lowest, highest = size - 1, _NAT
    cuts = None if given is None else np.searchsorted(given, [*starts, rows]).tolist()
    with_date = []  # per chunk: which of its rows with a stated year have a date
    for number, (start, end) in enumerate(zip(starts, ends, strict=True)):
        part = np.subtract(unsigned[start:end], shift, out=buffer[: end - start])
        lowest = min(lowest, int(part.min()))
        highest = max(highest, int(raw[start:end].max()))
        if given is not None and cuts is not None:
            inside = given[cuts[number] : cuts[number + 1]] - start
            with_date.append(part.take(inside) != missing)
    if lowest == size - 1:
        return None  # no birth date at all
    low = (lowest + _NAT + 1) // per_day
    high = highest // per_day
    past = (high - low + 1) * per_day  # the first instant after the last day, moved
    if (-_NAT - low * per_day) % size < past:
        return None  # NaT, moved, not past it: the plain way
    year, bit = _span_tokens(np, low, high, plan)
    first, top = int(year[0]), int(year[-1])
    only = None
    if given is not None and len(given):
        dated = np.concatenate(with_date)

        def dated_years(dated_rows: Any) -> Any:
            return year[raw[dated_rows] // per_day - low]

        only, years, bounds = _year_only(given, years, dated, dated_years, births, frame)
        if bounds is not None:
            first, top = min(first, bounds[0]), max(top, bounds[1])
    table, fragments = _token_table(np, year, bit, first, top, plan)
    counts = np.zeros(len(table), dtype=np.int64)
    moved = np.empty(rows, dtype=np.uint64)
    to_lowest = np.uint64((low * per_day) % size)  # the instants moved to the lowest day
    cap, day = np.uint64(past), np.uint64(per_day)
    placed = None
    if only is not None and years is not None and len(only):
        placed = np.searchsorted(only, [*starts, rows]).tolist()
        years = years + (len(year) + 1 - first)  # each year-only row's index
    for number, (start, end) in enumerate(zip(starts, ends, strict=True)):
        part = np.subtract(unsigned[start:end], to_lowest, out=moved[start:end])
        np.minimum(part, cap, out=part)
        part //= day
        index = part.view(np.int64)
        if placed is not None and only is not None and years is not None:
            low_at, high_at = placed[number], placed[number + 1]
            index[only[low_at:high_at] - start] = years[low_at:high_at]
        np.add.at(counts, index, 1)  # numpy's fast path: faster than a bincount added
    return Indexed(moved.view(np.int64), table, counts), fragments


def _check_years(years: Any, rows: Any, frame: Any) -> None:
    """Birth years (``years``, those of ``rows``) out of the range a person accepts: the
    error names the first row."""
    outside = rows[(years < _YEARS[0]) | (years > _YEARS[1])]
    if len(outside):
        row = int(outside[0])
        value = frame["birth_year"].iloc[row]
        try:
            Person.from_dict({"birth_year": int(value)})
        except PersonDataError as exc:
            raise PersonDataError(exc.reason, path=f"[{row}].{exc.path}", value=exc.value) from exc
        raise _error(_MSG("int", value=quote(value)), row, "birth_year", value)


def _death_codes(
    np: Any, deaths: tuple[Any, int], births: tuple[Any, int] | None, plan: Plan, frame: Any
) -> tuple[Coded, Any]:
    """Whether each person died before the date (0: no death recorded), and the rows
    (ascending) of those who did; a death before the birth is an error naming the row.
    ``deaths`` are the column's instants (:func:`_instants`): only the rows with a death
    are turned into day numbers."""
    raw, per_day = deaths
    dead = np.flatnonzero(raw != _NAT)
    days = raw[dead] // per_day
    if births is not None and len(dead):
        instants, per_birth_day = births
        born = instants[dead]
        bad = np.flatnonzero((born != _NAT) & (days < born // per_birth_day))
        if len(bad):
            row = int(dead[bad[0]])
            death = dt.date.fromordinal(int(days[bad[0]]) + _EPOCH)
            birth = dt.date.fromordinal(int(born[bad[0]]) // per_birth_day + _EPOCH)
            value = frame["death_date"].iloc[row]
            raise _error(_MSG("death", death=death, birth=birth), row, "death_date", value)
    before = days < plan.on.toordinal() - _EPOCH
    codes = Sparse(dead, np.add(before, 1, dtype=np.int8), len(raw))  # 0: no death recorded
    return (codes, [(None,), (False,), (True,)]), dead[before]


def _token_date(token: tuple[int, int], on: dt.date, *, exact: bool) -> dt.date:
    """A birth date whose token is ``token`` (see :func:`_birth_codes`)."""
    year, flag = token
    first = dt.date(year, 1, 1)
    if exact:
        return first if age_on(first, on) == flag else dt.date(year, 12, 31)
    if year != on.year:
        return first
    return first if flag else on + dt.timedelta(days=1)


def _frame_codes(pd: Any, np: Any, column: Any) -> tuple[Any, list[Any]]:
    """One frame column as integer codes (0: missing; int64 or a narrower type) and the
    plain Python value of each."""
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        # pandas sizes the codes' type to hold one more than the largest code: code + 1
        # stays in it (a narrow type: a million int8 codes, not 8 MB of int64)
        array = column.array  # a Categorical: its codes and categories read directly
        raw = np.asarray(array.codes)  # (``.cat`` builds a Series of them: 60 µs)
        code = np.add(raw, 1, dtype=raw.dtype)
        return code, [None, *(_py(v) for v in array.categories.tolist())]
    masked = _masked(pd, np, column.array)
    if masked is not None:
        coded = _masked_codes(np, dtype.kind, *masked)
        if coded is not None:
            return coded
    if dtype.kind == "b":
        values = column.to_numpy(dtype="int8", na_value=-1)
        return np.add(values, 1, dtype=np.int8), _BOOLS
    if dtype.kind in "iu":
        missing = column.isna().to_numpy(dtype=bool)
        coded = _int_codes(np, missing, column.to_numpy(dtype="int64", na_value=0))
        if coded is not None:
            return coded
    found, labels = pd.factorize(column, use_na_sentinel=True)
    return found.astype(np.int64) + 1, [None, *(_py(v) for v in labels.tolist())]


def _filled(np: Any, codes: Any, blank: list[int]) -> Any:
    """Where the codes are not among the ``blank`` ones (code 0, missing, and a blank
    value's): compared with each when they are few (a lookup table indexed by a million
    int8 codes first widens them to 8 MB of indices)."""
    if blank == list(range(len(blank))):  # code 0 and the next ones: one comparison
        return codes >= len(blank)
    if len(blank) > 3:
        table = np.ones(int(codes.max(initial=0)) + 1, dtype=bool)
        table[[code for code in blank if code < len(table)]] = False
        return table[codes]
    filled = np.ones(len(codes), dtype=bool)
    for code in blank:
        filled &= codes != code
    return filled


def true_rows(np: Any, mask: Any) -> Any:
    """``np.flatnonzero(mask)`` of a bool array, faster where 4 to 10 % of the cells are
    true (the rows with categories: 7 %). Up to 10 %, numpy's nonzero finds each true cell
    with a ``memchr`` call (about 30 ns a cell); above, it walks every cell without
    branching (about 1 ns a cell). Between, the mask padded past its end with true cells
    to just over 10 % goes the second way, and the padding's positions are cut off."""
    size, count = len(mask), int(np.count_nonzero(mask))
    if not _PADDED[0] * size < count * 100 <= _PADDED[1] * size:
        return np.flatnonzero(mask)
    pad = (size - 10 * count) // 9 + 1  # (count + pad) / (size + pad) > 10 %
    return np.flatnonzero(np.concatenate((mask, np.ones(pad, dtype=bool))))[:count]


_PADDED = (4, 10)  # the shares (%) of true cells whose rows true_rows finds padded


def _narrow(np: Any, top: int) -> Any:
    """The narrowest signed integer type that holds the codes ``0 … top``: a million codes
    in 1 or 2 MB rather than 8 (every array the rows fill costs its pages)."""
    for kind in (np.int8, np.int16, np.int32):
        if top <= np.iinfo(kind).max:
            return kind
    return np.int64


_BOOLS: list[Any] = [None, False, True]  # the values of a yes/no column's codes 0, 1, 2


def _int_codes(np: Any, missing: Any, values: Any) -> tuple[Any, list[Any]] | None:
    """Whole numbers (``values``; ``missing`` where there are none, whose values are not
    read) as codes 1, 2, … of the values present in ascending order (0: missing) when they
    span fewer than :data:`_RANGE` values; ``None`` when they span more (the caller
    factorizes). Numbering only the values present keeps the codes few (injury rates 21,
    41, …, 91 are 6 codes, not 72), so folding several columns rarely needs compacting."""
    given = np.flatnonzero(~missing)
    return _given_codes(np, len(values), given, values[given])


def _given_codes(np: Any, size: int, given: Any, known: Any) -> tuple[Any, list[Any]] | None:
    """:func:`_int_codes` of ``size`` cells of which those at ``given`` hold ``known``."""
    if not len(given):
        return np.zeros(size, dtype=np.int8), [None]
    low, high = int(known.min()), int(known.max())
    if high - low >= _RANGE:
        return None
    offsets = np.subtract(known, low, dtype=np.int64)
    present = np.bincount(offsets, minlength=high - low + 1) > 0
    lookup = np.cumsum(present, dtype=np.int64)
    codes = np.zeros(size, dtype=_narrow(np, int(lookup[-1])))
    codes[given] = lookup[offsets]
    return codes, [None, *(low + np.flatnonzero(present)).tolist()]


def _masked(pd: Any, np: Any, array: Any) -> tuple[Any, Any] | None:
    """The values and missing mask of a nullable integer or boolean array (``Int16``,
    ``boolean``), read from the two numpy arrays it is made of
    (``IntegerArray(values, mask)``; pandas keeps them as ``_data`` and ``_mask``):
    ``to_numpy(na_value=…)`` copies and fills every cell, about 10 ms a million ``Int16``
    cells. The values of missing cells are not defined. ``None`` for any other array, or
    a pandas that keeps them otherwise (the caller then reads the public way)."""
    if not isinstance(array, pd.arrays.IntegerArray | pd.arrays.BooleanArray):
        return None
    data, mask = getattr(array, "_data", None), getattr(array, "_mask", None)
    if not isinstance(data, np.ndarray) or not isinstance(mask, np.ndarray):
        return None
    if mask.dtype != np.dtype(bool) or data.shape != mask.shape or data.ndim != 1:
        return None
    return data, mask


def _masked_codes(np: Any, kind: str, data: Any, mask: Any) -> tuple[Any, list[Any]] | None:
    """:func:`_frame_codes` of a nullable column's values and mask (:func:`_masked`)."""
    if kind == "b":
        codes = np.add(data, 1, dtype=np.int8)
        codes[mask] = 0
        return codes, _BOOLS
    return _int_codes(np, mask, data)


def _ids(frame: Any) -> list[object] | None:
    """The ids as plain values (a missing id, ``NA`` in a string column, is ``None``)."""
    if "id" not in frame.columns:
        return None
    column = frame["id"]
    values: list[object] = column.tolist()
    return [_py(value) for value in values] if column.hasnans else values


__all__ = ["FrameCodes", "Indexed", "Sparse", "code_frame", "codes_at", "fold_frame", "group_frame"]
