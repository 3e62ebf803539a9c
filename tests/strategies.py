"""Shared Hypothesis strategies (one place, as in attrs' and dateutil's tests)."""

from __future__ import annotations

from hypothesis import strategies as st

# Whole VND amounts as they occur in reports: up to a quadrillion đồng.
vnd = st.integers(min_value=0, max_value=10**15)


# Integers in the range the spelling-out must handle.
words_range = st.integers(min_value=0, max_value=10**12)


# ---------------------------------------------------------------- rulesets (rules/model.py)
from typing import TYPE_CHECKING  # noqa: E402

# Valid, loadable rulesets of every programme kind. Builders return plain dicts shaped as
# the files are (keys as in TOML), so tests can also write or mutate them; `rulesets()`
# validates them into `Ruleset` objects.

_GIFT_AMOUNTS = st.integers(min_value=1, max_value=100_000).map(lambda k: k * 1_000)
_NOTE = st.sampled_from(
    [
        "not confirmed by a public source",
        {"vi": "chưa được xác nhận", "en": "not confirmed"},
    ]
)


@st.composite
def legal_bases(draw: st.DrawFn, *, date: object = None) -> dict[str, object]:
    """A cited instrument; ``date`` fixes its date (else drawn, or absent)."""
    import datetime as dt

    confirmed = draw(st.booleans())
    basis: dict[str, object] = {
        "number": f"{draw(st.integers(1, 9999))}/QĐ-UBND",
        "kind": draw(st.sampled_from(["decision", "resolution", "circular", "law", "plan"])),
        "issuer": {"vi": "Ủy ban nhân dân tỉnh", "en": "Provincial People's Committee"},
        "confirmed": confirmed,
    }
    if date is None:
        date = draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)))
    if date is not None:
        basis["date"] = date
    if not confirmed:
        basis["note"] = draw(_NOTE)
    return basis


@st.composite
def eligibility_rules(draw: st.DrawFn) -> dict[str, object]:
    """A rule over the category vocabulary: a category with valid conditions, or a group."""
    from welfare_rules.rules.categories import CATEGORIES, GROUPS

    if draw(st.integers(0, 5)) == 0:
        return {"group": draw(st.sampled_from(sorted(GROUPS)))}
    category = CATEGORIES[draw(st.sampled_from(sorted(CATEGORIES)))]
    conditions = []
    for attribute in draw(st.lists(st.sampled_from(sorted(category.attributes) or [""]))):
        if not attribute:
            continue
        spec = category.attributes[attribute]
        if spec.kind == "bool":
            conditions.append({"attribute": attribute, "op": "==", "value": draw(st.booleans())})
        else:
            low = spec.minimum or 0
            high = spec.maximum if spec.maximum is not None else low + 10
            op = draw(st.sampled_from([">=", ">", "<=", "<", "==", "!="]))
            conditions.append(
                {"attribute": attribute, "op": op, "value": draw(st.integers(low, high))}
            )
    rule: dict[str, object] = {"category": category.id, "conditions": conditions}
    if draw(st.booleans()):
        rule |= {"confirmed": False, "note": draw(_NOTE)}
    return rule


@st.composite
def _levels(draw: st.DrawFn) -> list[dict[str, object]]:
    amounts = draw(st.lists(_GIFT_AMOUNTS, min_size=1, max_size=4, unique=True))
    levels = []
    for amount in sorted(amounts, reverse=True):
        level: dict[str, object] = {"amount": amount}
        if draw(st.integers(0, 4)) == 0:
            level |= {"rules_stated": False, "note": draw(_NOTE)}
        else:
            level["rule"] = draw(st.lists(eligibility_rules(), min_size=1, max_size=3))
        levels.append(level)
    return levels


@st.composite
def _brackets(draw: st.DrawFn) -> list[dict[str, object]]:
    ages = sorted(draw(st.lists(st.integers(60, 110), min_size=1, max_size=7, unique=True)))
    brackets: list[dict[str, object]] = [
        {"age": age, "amount": draw(_GIFT_AMOUNTS)} for age in ages
    ]
    if draw(st.booleans()):
        start = draw(st.integers(ages[-1] + 1, ages[-1] + 5))
        brackets.append({"from_age": start, "every_year": True, "amount": draw(_GIFT_AMOUNTS)})
    for bracket in brackets:
        if draw(st.integers(0, 3)) == 0:
            bracket["in_kind"] = [{"vi": "lụa", "en": "silk", "quantity": 5, "unit": "m"}]
        elif draw(st.integers(0, 3)) == 0:  # goods with a stated value (counted in budgets)
            value = draw(st.sampled_from([100_000, 150_000, 700_000]))
            bracket["in_kind"] = [{"vi": "quà hiện vật", "en": "goods", "value": value}]
    return brackets


@st.composite
def programme_dicts(
    draw: st.DrawFn, *, kind: str | None = None, ident: str = "p"
) -> dict[str, object]:
    """A programme of ``kind`` (drawn when ``None``) with 1–3 dated versions, maybe a gap."""
    import datetime as dt

    kind = kind or draw(st.sampled_from(["levels", "longevity", "selected", "socialized"]))
    dates = sorted(
        draw(
            st.lists(
                st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)),
                min_size=1,
                max_size=3,
                unique=True,
            )
        )
    )
    versions: list[dict[str, object]] = []
    for index, effective in enumerate(dates):
        if index and draw(st.integers(0, 4)) == 0:
            versions.append(
                {"effective": effective, "recorded": False, "confirmed": False, "note": draw(_NOTE)}
            )
            continue
        version: dict[str, object] = {
            "effective": effective,
            "basis": draw(legal_bases(date=draw(st.dates(dt.date(2000, 1, 1), effective)))),
        }
        if kind == "levels":
            version["level"] = draw(_levels())
        elif kind == "longevity":
            version["bracket"] = draw(_brackets())
        elif kind == "selected":
            version["amount"] = draw(_GIFT_AMOUNTS)
            quota = draw(st.none() | st.integers(1, 1000))
            if quota is not None:
                version["quota"] = quota
        versions.append(version)
    from welfare_rules.tiers import FundingSource

    programme: dict[str, object] = {
        "id": f"{ident}-{kind}",
        "title": {"vi": f"Chương trình {ident}", "en": f"Programme {ident}"},
        "kind": kind,
        "source": draw(st.sampled_from([s.value for s in FundingSource])),
        "version": versions,
    }
    if kind == "longevity":
        programme["age_basis"] = draw(st.sampled_from(["calendar_year", "exact"]))
    if kind == "selected":
        programme["selection"] = {"vi": "Thành phố lựa chọn", "en": "Chosen by the city"}
    return programme


@st.composite
def ruleset_dicts(draw: st.DrawFn) -> dict[str, object]:
    """A ruleset as a file holds it, with 1–5 programmes of mixed kinds and unique ids."""
    kinds = draw(
        st.lists(
            st.sampled_from(["levels", "longevity", "selected", "socialized"]),
            min_size=1,
            max_size=5,
        )
    )
    programmes = [draw(programme_dicts(kind=k, ident=f"p{i}")) for i, k in enumerate(kinds)]
    data: dict[str, object] = {
        "id": draw(st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)),
        "title": {"vi": "Bộ quy định thử", "en": "Test ruleset"},
        "jurisdiction": {"vi": "Thành phố thử", "en": "Test city"},
        "occasion": draw(st.sampled_from(["tet", "longevity"])),
        "programme": programmes,
    }
    year = draw(st.none() | st.integers(2015, 2030))
    if year is not None:
        data["year"] = year
    return data


if TYPE_CHECKING:
    from welfare_rules.rules.model import Ruleset


@st.composite
def rulesets(draw: st.DrawFn) -> Ruleset:
    """A valid `Ruleset` (no includes) of every programme kind, via the loader's checks."""
    from welfare_rules.rules.load import parse_ruleset

    return parse_ruleset(draw(ruleset_dicts()))


# ------------------------------------------------------------ report trees (audit/report.py)
if TYPE_CHECKING:
    from welfare_rules.audit.report import Node, Report

# Gift levels (mức) as reports state them: 5.000đ to 2.000.000đ in steps of 5.000đ.
_LEVELS = st.integers(min_value=1, max_value=400).map(lambda k: k * 5_000)


@st.composite
def _report_node(
    draw: st.DrawFn, *, depth: int, max_depth: int, max_children: int, extras: bool
) -> Node:
    from welfare_rules.audit.report import Claim, Node, Restatement

    label = draw(st.sampled_from(["Mức", "Tuổi", "Nguồn", "Hội", "Quỹ"])) + f" {depth}"
    if depth == max_depth or (depth > 0 and draw(st.integers(0, 2)) == 0):
        count = draw(st.integers(1, 5_000))
        if depth == 0 or draw(st.integers(0, 4)):
            level = draw(_LEVELS)
            # now and then a level paid several times ("142 hộ x 3 tháng x 59.520 đồng")
            factor = draw(st.sampled_from([1, 1, 1, 1, 2, 3, 12]))
            if factor == 1:
                return Node(label=label, count=count, level=level, amount=count * level)
            return Node(
                label=label, count=count, level=level, factor=factor, amount=count * level * factor
            )
        return Node(label=label, count=count, amount=draw(st.integers(1, 10**6)) * 1_000)
    children = tuple(
        draw(
            _report_node(
                depth=depth + 1, max_depth=max_depth, max_children=max_children, extras=extras
            )
        )
        for _ in range(draw(st.integers(1, max_children)))
    )
    count: int | None = sum(_counted(child) for child in children)
    amount = sum(child.amount or 0 for child in children)
    if (
        depth > 0
        and extras
        and len(children) >= 2
        and all(
            child.count is not None and child.level is not None and not child.children
            for child in children
        )
        and draw(st.integers(0, 2)) == 0
    ):
        count = None  # counted by its parts ("gồm 356 suất … và 1.090 suất …, trị giá …")
    claims: tuple[Claim, ...] = ()
    restatements: tuple[Restatement, ...] = ()
    if extras and count and draw(st.integers(0, 3)) == 0:
        claims = (Claim(expression=f"amount >= {amount // count} * count"),)
    if extras and draw(st.integers(0, 3)) == 0:
        field = draw(st.sampled_from(["count", "amount"] if count is not None else ["amount"]))
        restatements = (Restatement(field=field, value=count if field == "count" else amount),)
    return Node(
        label=label,
        count=count,
        amount=amount,
        children=children,
        claims=claims,
        restatements=restatements,
    )


def _counted(node: Node) -> int:
    """A node's count: its own, or, stating none, its parts' (each states one:
    :func:`welfare_rules.audit.compile.counts_by_parts`)."""
    if node.count is not None:
        return node.count
    return sum(child.count or 0 for child in node.children)


def _numbered(node: Node, next_line: list[int]) -> Node:
    line = next_line[0]
    next_line[0] += 2
    restatements = tuple(r.model_copy(update={"line": line + 1}) for r in node.restatements)
    claims = tuple(c.model_copy(update={"line": line}) for c in node.claims)
    children = tuple(_numbered(child, next_line) for child in node.children)
    return node.model_copy(
        update={"line": line, "children": children, "restatements": restatements, "claims": claims}
    )


@st.composite
def report_trees(
    draw: st.DrawFn,
    *,
    max_top: int = 2,
    max_depth: int = 3,
    max_children: int = 4,
    extras: bool = True,
) -> Report:
    """A consistent report tree: every product (``count × level = amount``, times the
    node's factor where it has one), every count
    and amount sum, every restatement and every claim holds; nodes have distinct source
    lines in reading order. Every figure sits in at least one equality edit (top-level
    nodes either have children or a level), so any single mistyping is detectable.
    ``extras`` adds claims and restatements."""
    from welfare_rules.audit.report import Report

    tops = [
        draw(_report_node(depth=0, max_depth=max_depth, max_children=max_children, extras=extras))
        for _ in range(draw(st.integers(1, max_top)))
    ]
    next_line = [1]
    return Report(title="generated", nodes=tuple(_numbered(node, next_line) for node in tops))


# ---------------------------------------------------------------- people (entitle/person.py)
import itertools  # noqa: E402
from typing import Any  # noqa: E402


@st.composite
def people(draw: st.DrawFn, *, complete: bool = False, selections: tuple[str, ...] = ()) -> Any:
    """A valid `Person`: birth date, year or neither; maybe dead; categories from the
    vocabulary with attributes (all of them when ``complete``, else some may be missing);
    household flags; selections among ``selections``."""
    import datetime as dt

    from welfare_rules.entitle.person import Person
    from welfare_rules.rules.categories import CATEGORIES

    data: dict[str, Any] = {}
    birth = draw(st.dates(dt.date(1915, 1, 1), dt.date(2025, 12, 31)))
    shape = draw(st.sampled_from(["date", "year", "none"] if not complete else ["date", "year"]))
    if shape == "date":
        data["birth_date"] = birth
    elif shape == "year":
        data["birth_year"] = birth.year
    if draw(st.integers(0, 9)) == 0:
        data["death_date"] = draw(st.dates(birth, dt.date(2030, 12, 31)))
    categories: dict[str, dict[str, object]] = {}
    for category_id in draw(st.lists(st.sampled_from(sorted(CATEGORIES)), max_size=3, unique=True)):
        attributes: dict[str, object] = {}
        for name, spec in CATEGORIES[category_id].attributes.items():
            if not complete and draw(st.integers(0, 3)) == 0:
                continue
            if spec.kind == "bool":
                attributes[name] = draw(st.booleans())
            else:
                low = spec.minimum or 0
                high = spec.maximum if spec.maximum is not None else low + 5
                attributes[name] = draw(st.integers(low, high))
        categories[category_id] = attributes
    data["categories"] = categories
    household = draw(st.sampled_from([None, "poor", "near_poor"]))
    if household is not None:
        data[household] = True
    if selections:
        data["selections"] = frozenset(draw(st.lists(st.sampled_from(selections), unique=True)))
    return Person(**data)


@st.composite
def populations(
    draw: st.DrawFn, *, selections: tuple[str, ...] = (), max_size: int = 30
) -> list[Any]:
    """A list of `Person`, with repeats (equal people must get equal entitlements)."""
    distinct = draw(st.lists(people(selections=selections), min_size=1, max_size=max_size))
    repeats = draw(st.lists(st.sampled_from(distinct), max_size=5))
    return distinct + repeats


@st.composite
def partitions(draw: st.DrawFn, size: int, *, max_parts: int = 6) -> list[tuple[int, int]]:
    """``range(size)`` cut into consecutive ``(start, stop)`` parts, some maybe empty (the
    pieces a population is split into for partial allocations; see ``Allocation.__add__``)."""
    cuts = draw(st.lists(st.integers(0, size), max_size=max_parts - 1))
    bounds = [0, *sorted(cuts), size]
    return list(itertools.pairwise(bounds))


# ------------------------------------------------------- report text (audit/extract.py, CLI)
_REPORT_PIECES = st.sampled_from(
    [
        "Mức ",
        "Tuổi ",
        "Tổng số ",
        "trong đó",
        " cụ thể: ",
        "(",
        ")",
        "; ",
        ", ",
        ". ",
        " = ",
        " x ",
        " × ",
        "*",
        ": ",
        "suất",
        " suất quà",
        " người",
        " lượt",
        " hồ sơ",
        "đ",
        " đồng",
        " triệu",
        " tỷ đồng",
        "%",
        "Quyết định số ",
        "/QĐ-CTN",
        " ngày ",
        "/",
        "trung bình mỗi suất trên ",
        "năm ",
        "tháng ",
        "Quý ",
        "**",
        "\u00a0",
        "\r\n",
        "\n",
        "- ",
        "+ ",
        "# ",
        '"',
        "NQ ",
    ]
)
_REPORT_NUMBERS = st.one_of(
    st.integers(0, 10**13).map(lambda n: f"{n:,}".replace(",", ".")),
    st.integers(0, 9999).map(str),
    st.from_regex(r"\d{1,3}([.,/]\d{1,4}){0,4}", fullmatch=True),
)


@st.composite
def report_like_text(draw: st.DrawFn) -> str:
    """Text built from the words, numbers and marks of gift reports, in any order."""
    parts = draw(
        st.lists(st.one_of(_REPORT_PIECES, _REPORT_NUMBERS, st.text(max_size=4)), max_size=40)
    )
    return "".join(parts)


# ------------------------------------------ grouping (entitle/_codes.py, _columns.py, _keys.py)
import datetime as _dt  # noqa: E402

# Radices small (dense counting) and large (compaction, sorting): the largest keep
# 40 rows × 2**40 well below 2**62, so a correct fold never overflows.
_RADICES = st.sampled_from([1, 2, 3, 5, 64, 1 << 11, (1 << 21) + 1, 1 << 33, 1 << 40])


@st.composite
def code_columns(
    draw: st.DrawFn, *, max_rows: int = 40, max_columns: int = 4
) -> tuple[int, list[tuple[list[int], int]]]:
    """``(size, [(codes, radix), ...])``: key columns as `_codes.fold` takes them (codes in
    ``range(radix)``, often the largest), with few distinct codes so rows repeat."""
    size = draw(st.integers(1, max_rows))
    columns = []
    for _ in range(draw(st.integers(0, max_columns))):
        radix = draw(_RADICES)
        code = st.one_of(st.just(radix - 1), st.integers(0, radix - 1))
        pool = draw(st.lists(code, min_size=1, max_size=4, unique=True))
        columns.append((draw(st.lists(st.sampled_from(pool), min_size=size, max_size=size)), radix))
    return size, columns


_TRUE_CELLS = [True, 1, "1", "true", "TRUE", "yes", "y", " Yes ", "có", "co", "x"]
_FALSE_CELLS = [False, 0, "0", "false", "no", "n", "không", "khong"]
_BLANK_CELLS = [None, ""]


def _date_cell(draw: st.DrawFn, day: _dt.date | None) -> object:
    if day is None:
        return draw(st.sampled_from(_BLANK_CELLS))
    moment = _dt.datetime(day.year, day.month, day.day, 12)
    return draw(st.sampled_from([day.isoformat(), f" {day.isoformat()} ", day, moment]))


def _int_cell(draw: st.DrawFn, value: int | None) -> object:
    if value is None:
        return draw(st.sampled_from(_BLANK_CELLS))
    return draw(st.sampled_from([value, str(value), f" {value} "]))


def _bool_cell(draw: st.DrawFn, value: bool | None) -> object:
    if value is None:
        return draw(st.sampled_from(_BLANK_CELLS))
    return draw(st.sampled_from(_TRUE_CELLS if value else _FALSE_CELLS))


def _ids_cell(draw: st.DrawFn, ids: list[str], *, sets: bool = False) -> object:
    if not ids:
        return draw(st.sampled_from([None, "", (), []]))
    shapes: list[object] = [";".join(ids), " ; ".join(ids), list(ids), tuple(ids)]
    if sets:
        shapes.append(frozenset(ids))
    return draw(st.sampled_from(shapes))


@st.composite
def person_columns(
    draw: st.DrawFn, *, selections: tuple[str, ...] = (), max_size: int = 25
) -> tuple[list[Any], dict[str, list[Any]]]:
    """``(people, columns)``: valid people (`people`, with repeats) and the same records
    as columns, each cell written in one of the spellings a CSV or a caller uses (dates
    as text, ``date`` or ``datetime``; numbers as int or text; yes/no as bool, 1/0 or
    words; ids as ``;``-text, list, tuple or set). Attribute cells of categories a row does
    not hold carry any value (never read); all-blank columns may be left out."""
    from welfare_rules.entitle._columns import ATTRIBUTE_COLUMNS
    from welfare_rules.rules.categories import CATEGORIES

    distinct = draw(st.lists(people(selections=selections), min_size=1, max_size=max_size))
    crowd = distinct + draw(st.lists(st.sampled_from(distinct), max_size=8))
    crowd = draw(st.permutations(crowd))
    rows: list[dict[str, object]] = []
    for person in crowd:
        year = person.birth_year
        if year is None and person.birth_date is not None and draw(st.booleans()):
            year = person.birth_date.year  # both given, agreeing
        row: dict[str, object] = {
            "id": draw(st.sampled_from([None, "", "A-1", "B-2"])),
            "birth_date": _date_cell(draw, person.birth_date),
            "birth_year": _int_cell(draw, year),
            "death_date": _date_cell(draw, person.death_date),
            "categories": _ids_cell(draw, list(person.categories)),
            "poor": _bool_cell(draw, True) if person.poor else draw(st.sampled_from(_FALSE_CELLS)),
            "near_poor": _bool_cell(draw, True)
            if person.near_poor
            else draw(st.sampled_from([*_FALSE_CELLS, *_BLANK_CELLS])),
            "commune": draw(st.sampled_from([None, "Phường Quang Trung", "Xã Thượng Yên Công"])),
            "selections": _ids_cell(draw, sorted(person.selections), sets=True),
        }
        for column in ATTRIBUTE_COLUMNS:
            category, attribute = column.split(".", 1)
            spec = CATEGORIES[category].attributes[attribute]
            if category in person.categories:
                value = person.categories[category].get(attribute)
            elif person.categories:  # read, converted, then ignored: any value of its type
                value = draw(
                    st.none() | (st.booleans() if spec.kind == "bool" else st.integers(0, 150))
                )
            else:  # a row without categories: its attribute cells are never read
                row[column] = draw(st.sampled_from([None, "", "abc", 81.0, 1.5, 7]))
                continue
            row[column] = (_bool_cell if spec.kind == "bool" else _int_cell)(draw, value)  # type: ignore[arg-type]
        rows.append(row)
    names = draw(st.permutations(list(rows[0])))
    columns = {name: [row[name] for row in rows] for name in names}
    for name in list(columns):
        if all(cell in _BLANK_CELLS for cell in columns[name]) and draw(st.booleans()):
            del columns[name]
    return crowd, columns


# ------------------------------------- the text extractor's pieces (audit/_normalize.py …)
def grouped(value: int) -> str:
    """``value`` written the Vietnamese way: ``.`` between thousands (``13.200.000``)."""
    return f"{value:,}".replace(",", ".")


# Words of gift reports, with their diacritics (NFC here; tests derive the NFD form).
_REPORT_WORDS = st.sampled_from(
    [
        "Tổng",
        "số",
        "suất",
        "quà",
        "Mức",
        "Tuổi",
        "người",
        "trị",
        "giá",
        "đồng",
        "Trong",
        "đó",
        "cụ",
        "thể",
        "Nguồn",
        "ngân",
        "sách",
        "tỉnh",
        "Hội",
        "Người",
        "cao",
        "tuổi",
        "lượt",
        "đối",
        "tượng",
        "hồ",
        "sơ",
        "Quyết",
        "định",
        "ngày",
        "Thành",
        "phố",
        "Uông",
        "Bí",
        "1.251",
        "600.000đ",
        "22",
        "=",
        "x",
        ":",
        ";",
        "(",
        ")",
        ".",
        ",",
        "-",
    ]
)
# Every kind of space the normaliser turns into one plain space (tabs too, outside tables).
ODD_SPACES = (
    " ",
    "  ",
    "\t",
    "\u00a0",
    "\u2002",
    "\u2003",
    "\u2009",
    "\u200a",
    "\u202f",
    "\u205f",
    "\u3000",
)
# Typographic marks and their plain forms.
SMART_MARKS = {
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
}


_WRAPS = st.sampled_from(["", "", "**", "__", "\u201c\u201d", "\u2018\u2019"])
_SPACES = st.sampled_from(ODD_SPACES)


@st.composite
def messy_line(draw: st.DrawFn) -> str:
    """One line of report text as it arrives pasted from Word or PDF: words separated by
    odd spaces, some wrapped in ``**``/``__`` emphasis or smart quotes, in NFC or NFD.
    Never a line break, a pipe (a table row) or a backslash (an escape)."""
    import unicodedata

    pieces: list[str] = []
    for word, wrap, space in draw(st.lists(st.tuples(_REPORT_WORDS, _WRAPS, _SPACES), max_size=8)):
        if wrap in ("**", "__"):
            word = wrap + word + wrap
        elif wrap:
            word = wrap[0] + word + wrap[1]
        pieces.append(word)
        pieces.append(space)
    line = draw(st.sampled_from(["", " ", "\u00a0", "\u200b"])) + "".join(pieces)
    if draw(st.booleans()):
        line = line.replace(" ", draw(st.sampled_from(["\u2003", "\ufeff ", " \u00ad"])), 1)
    form = draw(st.sampled_from(["NFC", "NFD"]))
    return unicodedata.normalize(form, line)


line_breaks = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def texts_with_breaks(draw: st.DrawFn) -> tuple[list[str], str]:
    """Lines (as written) and the text joining them with mixed ``\\n``/``\\r\\n``/``\\r``."""
    lines = draw(st.lists(messy_line(), min_size=1, max_size=5))
    text = lines[0]
    for line in lines[1:]:
        newline = draw(line_breaks)
        if text.endswith("\r") and newline == "\n":
            newline = "\r\n"  # "\r" + "\n" would be one break, not two
        text += newline + line
    return lines, text


# Counts as reports write them: up to a few hundred thousand people or gifts.
report_counts = st.integers(min_value=0, max_value=500_000)
# Gift levels (mức) in whole thousands of đồng, as reports state them.
gift_levels = st.integers(min_value=1, max_value=5_000).map(lambda k: k * 1_000)


def grouping_ruleset() -> Ruleset:
    """A ruleset under which every column of a population can matter: levels testing a
    whole-number and a yes/no attribute and the household flags, exact-age longevity, and
    a selected programme ``chosen`` (``other`` is not one of its programmes)."""
    from welfare_rules.rules.load import parse_ruleset

    basis = {
        "number": "1/QĐ-UBND",
        "kind": "decision",
        "issuer": {"vi": "Ủy ban nhân dân", "en": "People's Committee"},
        "confirmed": True,
    }
    first = _dt.date(2020, 1, 1)
    high = [
        {
            "category": "war_invalid",
            "conditions": [{"attribute": "injury_rate", "op": ">=", "value": 81}],
        },
        {
            "category": "martyr_relative",
            "conditions": [
                {"attribute": "representative", "op": "==", "value": True},
                {"attribute": "martyrs", "op": ">=", "value": 2},
            ],
        },
    ]
    low = [
        {"category": "war_invalid", "conditions": []},
        {"group": "household"},
        {
            "category": "revolution_helper",
            "conditions": [{"attribute": "monthly_allowance", "op": "==", "value": True}],
        },
    ]
    brackets = [
        {"age": 70, "amount": 700_000},
        {"age": 80, "amount": 800_000},
        {"from_age": 100, "every_year": True, "amount": 1_000_000},
    ]
    programmes = [
        {
            "id": "gifts",
            "title": {"vi": "Quà", "en": "Gifts"},
            "kind": "levels",
            "source": "provincial",
            "version": [
                {
                    "effective": first,
                    "basis": basis,
                    "level": [{"amount": 600_000, "rule": high}, {"amount": 300_000, "rule": low}],
                }
            ],
        },
        {
            "id": "ages",
            "title": {"vi": "Mừng thọ", "en": "Longevity"},
            "kind": "longevity",
            "source": "commune",
            "age_basis": "exact",
            "version": [{"effective": first, "basis": basis, "bracket": brackets}],
        },
        {
            "id": "chosen",
            "title": {"vi": "Được chọn", "en": "Chosen"},
            "kind": "selected",
            "source": "provincial",
            "selection": {"vi": "Tỉnh lựa chọn", "en": "Chosen by the province"},
            "version": [{"effective": first, "basis": basis, "amount": 500_000}],
        },
    ]
    return parse_ruleset(
        {
            "id": "grouping-test",
            "title": {"vi": "Thử", "en": "Test"},
            "jurisdiction": {"vi": "Thử", "en": "Test"},
            "occasion": "tet",
            "programme": programmes,
        }
    )
