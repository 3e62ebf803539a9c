"""Tables (Markdown pipes or tab-separated rows) whose header names the figure columns.

The header row is the first row that names at least two of the columns ``Số suất``
(count), ``Mức quà`` (level) and ``Thành tiền`` (amount), one of them a count or an
amount, and states no figure itself (a cell that is only a number, ``774`` or
``600.000đ:``, makes a row of figures, not a header); a unit in the header
(``(triệu đồng)``, ``(1.000 đồng)``) scales the column. A row labelled
``Tổng cộng``/``Cộng`` is the total; rows numbered ``I``, ``II`` … head groups of the
rows numbered ``1``, ``2`` … under them. A header repeated further down starts its
columns afresh. A second total row, or a group's ``Cộng I`` row, states figures again:
:func:`._restate.restate_record` settles it so that each figure keeps its own line.

Nothing vanishes: a number the table does not read as a figure of a row (in a row above
the header, in a cell beyond the header's columns, a count in a label cell beside the
row's own count, a row with only a level) is listed as not understood
(:attr:`Table.unknown`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from .. import _regex
from ..errors import MoneyParseError
from ..money import parse_vnd
from ..tiers import FundingSource
from ._lines import Rec, ShareSpec, stated_sums
from ._money_unit import SCALES
from ._normalize import Line, same_length_lower
from ._numbers import Token, scan
from ._restate import restate_record

Column = Literal[
    "index",
    "label",
    "count",
    "level",
    "amount",
    "percent",
    "age",
    "note",
    "remark",
    "source",
    "part",
    "plan",
    "source_level",
]

_PERCENT = _regex.compile(r"tỷ lệ|tỉ lệ|%")
_PERCENT_CELL = _regex.compile(r"\d{1,3}(?:,\d{1,4})?")
_AGE = _regex.compile(r"(?:độ |nhóm )?tuổi(?: thọ)?")
_INDEX = _regex.compile(r"s?tt|số tt|số thứ tự|thứ tự")
# a column of numbers that are no figures: a person's year or date of birth, identity
# card, phone, account or house number ("Năm sinh", "Số CCCD"); free text ("Ghi chú") is
# a remark (_REMARK)
_NOTE = _regex.compile(
    r"(?:năm|ngày|ngày, tháng, năm|ngày tháng năm) sinh|ngày(?: nhận| chi| cấp)?|"
    r"(?:số )?(?:cccd|cmnd|cmt|căn cước(?: công dân)?|chứng minh(?: nhân dân| thư)?)|"
    r"(?:số )?điện thoại|sđt|(?:số )?tài khoản|stk|mã(?: số)?(?: đối tượng| hộ| bhxh)?|"
    r"số nhà|địa chỉ|ký nhận|chữ ký"
)
# free text beside the figures ("Ghi chú": "Đã nhận 02 suất quà của Hội", "Cụ 101 tuổi"):
# read with the row's name; none of its numbers is the row's figure (_remarked_levels)
_REMARK = _regex.compile(r"ghi chú|nhận xét|diễn giải thêm")
# "Số tiền/người/tháng": a rate per unit and per month, multiplied by months as well
_PER = r"(?:/ ?|mỗi |một |1 )"  # "/suất", "mỗi người", "1 suất": per one unit
_PER_TIME = _regex.compile(rf"{_PER}(?:tháng|năm|quý|ngày|kỳ)(?![^\W\d_])")
_AMOUNT = _regex.compile(r"thành tiền|số tiền|kinh phí|tổng tiền|trị giá|giá trị|tiền")
_LEVEL = _regex.compile(r"mức|đơn giá")
# what one unit is worth ("Trị giá/suất", "Số tiền mỗi suất", "Giá trị 1 suất (đồng)"): a
# level, though it names money
_PER_UNIT = _regex.compile(rf"{_PER}(?:suất|người|hộ|cụ|phần|đối tượng|lượt|em|cháu)(?![^\W\d_])")
# a column of what one funding source pays of each row's amount ("Ngân sách tỉnh", "NS
# huyện", "Xã hội hóa"); a bare "Nguồn" or "Nguồn kinh phí" names the row's source instead
_SOURCE = _regex.compile(
    r"(?:ngân sách|ns|nguồn|quỹ) (?!kinh phí)[^\W\d_]+(?: [^\W\d_]+)?(?: \(.*\))?"
    r"|xã hội hóa|xã hội hoá|xhh|vận động|tài trợ|ủng hộ",
)
_ROW_SOURCE = _regex.compile(r"nguồn(?: kinh phí| quà| chi| vốn| tài trợ)?")  # no unit: names
# A count column says "số …" ("Số suất", "Số người") or is a bare unit word ("Suất",
# "SL"); a label column may name people ("Người nhận", "Đối tượng người có công").
_COUNT = _regex.compile(r"số (?:suất|lượng|người|lượt|đối tượng|hồ sơ|hộ|cụ)")
_COUNT_WORD = _regex.compile(r"(?:suất|người|lượt|sl)(?: ?\(.*\))?")
# "Tổng cộng", "Cộng", and the area's own row: "Toàn huyện", "Toàn xã"
_TOTAL = _regex.compile(
    r"(?:tổng cộng|tổng số|tổng|cộng"
    r"|toàn (?:huyện|xã|tỉnh|thành phố|thị xã|thị trấn|quận|phường|thôn))(?![^\W\d_])",
    re.IGNORECASE,
)
# "Hộ nghèo (1.000.000đ)", "Cận nghèo (mức 500.000 đồng/hộ)": a group named with the
# level it is paid at, in brackets: its column counts the group (the level priced in)
_PRICED_GROUP = _regex.compile(
    r"[^()\d]*[^\W\d_][^()\d]*\((?:mức )?\d{1,3}(?:\.\d{3})+ ?(?:đồng|đ|vnđ)"
    r"(?: ?/ ?[^\W\d_]+(?: [^\W\d_]+)?)?\)"
)
# "Đã chi trả (người)", "Chưa nhận (suất)": a count, its unit in brackets
_COUNT_UNIT = _regex.compile(r"[^()]*\((?:người|suất|hộ|cụ|lượt|đối tượng|hồ sơ)\)")
_TOTAL_IN_MONEY = _regex.compile(
    r"(?:tổng cộng|tổng số|tổng|cộng) \((?:nghìn |ngàn |triệu |1\.000 )?(?:đồng|đ|vnđ)\)"
)


def _money_total(cell: str) -> bool:
    """``Tổng cộng (đồng)``, ``Cộng (nghìn đồng)``: a column of the row's total amount."""
    return _TOTAL_IN_MONEY.fullmatch(cell.lower().strip()) is not None


# a group of columns named by its level: "Mức 600.000đ", "Mức quà 300.000 đồng/suất"
PRICED_GROUP_NAME = _regex.compile(
    r"mức(?: quà| hỗ trợ| tặng)? \d{1,3}(?:\.\d{3})+ ?(?:đồng|đ|vnđ)(?: ?/ ?[^\W\d_]+)?",
    re.IGNORECASE,
)
_ROMAN = _regex.compile(r"[IVXLC]{1,6}\.?|[A-H]\.?")  # "I", "II" … or "A", "B": a group
_GRAND_ROW = _regex.compile(r"tổng cộng|tổng số|.*\( ?[ivxlc\d]+ ?\+", re.IGNORECASE)
_UNIT = _regex.compile(r"(suất|người|lượt|đối tượng|hồ sơ|hộ|cụ)")
# a total of blocks named in brackets: "Tổng cộng (Bảng 1 + Bảng 2)", "Tổng (A+B)", "(I + II)"
_SUMS_BLOCKS = _regex.compile(
    r".*\( ?(?:[^\W\d_]+ )?(?:\d{1,2}|[ivxlc]{1,4}|[a-h]) ?\+", re.IGNORECASE
)
_COUNT_CELL = _regex.compile(r"\d{1,3}(?:\.\d{3})+|\d+")


@dataclass
class Table:
    """A table read into records: the rows (grouped), the total row, what was not read."""

    rows: list[Rec]
    total: Rec | None
    unknown: list[tuple[int, Token]] = field(default_factory=list)
    part_splits: list[Rec] = field(default_factory=list)  # rows broken down by part columns
    # a plan column's figures (``Kế hoạch (suất)`` beside ``Thực hiện (suất)``): each row's
    # plan, by the row's id, and the plans' own tree (the total row's plan summing the
    # rows'), placed beside the table
    plan_of: dict[int, Rec] = field(default_factory=dict)
    plans: list[Rec] = field(default_factory=list)
    group_of: dict[int, str] = field(default_factory=dict)  # a by-group table's parts
    # a total row after the table's own adding it to the tables above ("TỔNG CỘNG (Bảng 1
    # + Bảng 2)"): placed after the table, it sums their totals
    grand: Rec | None = None
    header: tuple[str, ...] = ()  # the header the rows were read by
    numbered: dict[str, Rec] = field(default_factory=dict)  # rows by roman number ("II")


def header_columns(cells: tuple[str, ...], *, money: bool = False) -> tuple[Column, ...] | None:
    """What each column holds, if ``cells`` is a header row that names figures (and
    states none: a cell that is only a number makes a row of figures). ``money``: the
    table's amounts are in a unit stated above it (``ĐVT: triệu đồng``), so a header
    naming only groups and their total is a matrix of amounts (:func:`_matrix`)."""
    if any(_number_cell(cell) for cell in cells):
        return None
    columns: list[Column] = []
    priced: list[int] = []  # the columns naming a group with its level (_PRICED_GROUP)
    for cell in cells:
        lower = cell.lower().strip()
        if _INDEX.fullmatch(lower):
            columns.append("index")
        elif _PERCENT.search(lower):
            columns.append("percent")  # "Tỷ lệ so với tổng số NCT (%)"
        elif _AGE.fullmatch(lower):
            columns.append("age")  # "Độ tuổi": the row's name, in years
        elif _NOTE.fullmatch(lower):
            columns.append("note")  # "Năm sinh", "Số CCCD": numbers that are no figures
        elif _REMARK.fullmatch(lower):
            columns.append("remark")  # "Ghi chú": free text, its numbers no figures
        elif _SOURCE.fullmatch(lower):
            columns.append("source")  # "Ngân sách tỉnh": a part of the row's amount
        elif _ROW_SOURCE.fullmatch(lower):
            columns.append("label")  # "Nguồn kinh phí": the name of the row's source
        elif _PER_UNIT.search(lower) and not _PER_TIME.search(lower) and not _has_digit(lower):
            columns.append("level")  # "Trị giá/suất (đồng)": one unit's worth (no value)
        elif _AMOUNT.search(lower) or _money_total(lower):
            columns.append("amount")  # "Tổng cộng (đồng)": the row's amount
        elif _COUNT.search(lower) or _COUNT_WORD.fullmatch(lower) or _COUNT_UNIT.fullmatch(lower):
            columns.append("count")  # before the level: "Số suất mức 600.000đ" counts
        elif _PRICED_GROUP.fullmatch(lower):
            columns.append("count")
            priced.append(len(columns) - 1)
        elif _LEVEL.search(lower):
            columns.append("level")
        elif money and _PLAN_OR_DONE.fullmatch(lower):
            columns.append("amount")  # "ĐVT: đồng" above "Dự toán | Thực hiện": amounts
        else:
            columns.append("label")
    own_amounts = [
        at
        for at, column in enumerate(columns)
        if column == "amount" and not _money_total(cells[at])
    ]
    if priced and not own_amounts:
        # "Hộ nghèo (1.000.000đ/hộ) | Cận nghèo (500.000đ/hộ) | Cộng (đồng)": no amount
        # column beside them, so their cells are the groups' amounts, not counts
        for at in priced:
            columns[at] = "label"
    _named_pairs(cells, columns)
    if columns.count("source") >= 2 and "amount" not in columns:
        # "NS trung ương | NS thành phố | … | Xã hội hóa | Cộng": the sources' total is the
        # row's amount
        last = max(at for at, column in enumerate(columns) if column == "source")
        total = next(
            (
                at
                for at in range(last + 1, len(cells))
                if columns[at] == "label" and _MATRIX_TOTAL.fullmatch(cells[at].lower().strip())
            ),
            None,
        )
        if total is not None:
            columns[total] = "amount"
    if columns.count("source") < 2 or "amount" not in columns:  # no breakdown of an amount
        columns = ["label" if column == "source" else column for column in columns]
    figures = [column for column in columns if column in ("count", "level", "amount")]
    # "Người có công (đồng) | Hộ nghèo (đồng) | Cộng (đồng)": the only figure column is
    # the groups' total, the groups' columns are amounts too
    total_only = figures == ["amount"] and _money_total(cells[columns.index("amount")].lower())
    if (not figures or total_only) and (
        money or any(_MONEY_WORD.search(cell.lower()) for cell in cells)
    ):
        matrix = _matrix(cells, columns)
        if matrix is not None:
            return matrix
    if len(figures) == 1 and _states_digits(cells):
        return None  # "| I | Mức 600.000đ | | |": a row naming a level, not a header
    if any(_PERSON.fullmatch(cell.lower().strip()) for cell in cells):
        # "Họ và tên | Diện đối tượng | Số tiền": one person a row; "Gia đình 2 liệt sĩ"
        # in the category says who the person is, no figure of the row's
        for at, cell in enumerate(cells):
            if columns[at] == "label" and _CATEGORY.fullmatch(cell.lower().strip()):
                columns[at] = "remark"
    if figures == ["level"] and any(_PERSON.fullmatch(cell.lower().strip()) for cell in cells):
        # "Họ và tên | Năm sinh | Mức quà": a list of people, each row one gift paid
        columns[columns.index("level")] = "amount"
        figures = ["amount"]
    if len(figures) == 1 and "label" in columns and figures[0] in ("count", "amount"):
        return tuple(columns)  # "Đơn vị ủng hộ | Số tiền": one figure a row, summed down
    if figures == ["amount", "amount"] and _plan_beside_done(cells, columns):
        return tuple(columns)  # "Dự toán | Thực hiện": the plan's and the done amounts
    if len(set(figures)) < 2 or not set(figures) & {"count", "amount"}:
        return None
    return tuple(columns)


def _named_pairs(cells: tuple[str, ...], columns: list[Column]) -> None:
    """``Nhóm A | Tiền nhóm A | Nhóm B | Tiền nhóm B``: a column named as the group whose
    amount the next column gives (``Tiền …``, ``Thành tiền …``) counts that group, where
    two groups at least are so written (:func:`_run_groups` reads the pairs)."""
    pairs = [
        at
        for at in range(1, len(cells))
        if columns[at] == "amount"
        and columns[at - 1] == "label"
        and group_named(cells[at], amount=True)
        and group_named(cells[at], amount=True) == group_named(cells[at - 1])
    ]
    if len(pairs) >= 2:
        for at in pairs:
            columns[at - 1] = "count"


_ROLE_WORDS = _regex.compile(r"(?:số lượng|số suất|số người|số tiền|thành tiền|kinh phí|tiền|số) ")


def total_label(label: str) -> bool:
    """A row's label calling it a total (``Tổng cộng``, ``Cộng``, ``Toàn huyện``)."""
    return _TOTAL.match(label.strip("* ")) is not None


def group_named(cell: str, *, amount: bool = False) -> str:
    """The group a figure column is of (``Tiền hộ nghèo (đồng)``, ``Số hộ nghèo``: ``hộ
    nghèo``), its role word and unit left out; an amount column names it only after an
    amount word (``""`` otherwise)."""
    name = _BRACKETED.sub("", cell.lower()).strip()
    role = _ROLE_WORDS.match(name)
    if amount and (role is None or role.group(0).strip() in ("số", "số lượng", "số người")):
        return ""
    return name[role.end() :].strip() if role is not None else name


def _plan_beside_done(cells: tuple[str, ...], columns: list[Column]) -> bool:
    """The two amount columns are a plan's and what was done (``Dự toán | Thực hiện``),
    as :func:`_plan_columns` reads them."""
    planned, done = _planned_and_done(cells, columns, "amount")
    return len(planned) == 1 and len(done) == 1


def _planned_and_done(
    cells: tuple[str, ...], columns: Sequence[Column], kind: Column
) -> tuple[list[int], list[int]]:
    """The positions of the ``kind`` columns naming a plan only (``Kế hoạch``, ``Dự
    toán``) and of those naming what was done only (``Thực hiện``, ``Đã chi``)."""
    at = [i for i, column in enumerate(columns) if column == kind]
    planned = [i for i in at if _PLAN.search(cells[i]) and not _DONE.search(cells[i])]
    done = [i for i in at if _DONE.search(cells[i]) and not _PLAN.search(cells[i])]
    return planned, done


# a column named only as a plan or as what was done, its money unit stated above the
# table: "Dự toán", "Thực hiện", "Kế hoạch năm 2025" (_plan_columns tells them apart)
_PLAN_OR_DONE = _regex.compile(
    r"(?:dự toán|kế hoạch|thực hiện|thực chi|quyết toán)(?: (?:năm )?\d{4})?(?: ?\(.*\))?"
)
_MATRIX_TOTAL = _regex.compile(r"(?:tổng cộng|tổng số|tổng|cộng)(?: tiền| kinh phí)?(?: ?\(.*\))?")
_MONEY_WORD = _regex.compile(r"(?<![^\W\d_])(?:đồng|tr\.? ?đ|nghìn đ|triệu)(?![^\W\d_])")


def _matrix(cells: tuple[str, ...], columns: list[Column]) -> tuple[Column, ...] | None:
    """``STT | Xã, thị trấn | Người có công | Hộ nghèo | Tổng cộng`` over rows of
    amounts: a label column, then two or more columns naming groups, then their total:
    each row's amount is its total, broken down by group as a funding source's columns
    break it down (a second breakdown of the row, checked across; the total row sums
    the rows down)."""
    try:
        first = columns.index("label")
        total = next(
            at
            for at in range(first + 3, len(cells))
            if _MATRIX_TOTAL.fullmatch(cells[at].lower().strip())
        )
    except (ValueError, StopIteration):
        return None
    groups = range(first + 1, total)
    if any(columns[at] != "label" or not cells[at].strip() for at in groups):
        return None
    if any(_IN_WHICH.match(cells[at].strip()) for at in groups):
        return None  # "Trong đó: thân nhân liệt sĩ": some of another group, no group
    matrix = list(columns)
    for at in groups:
        matrix[at] = "source"
    matrix[total] = "amount"
    return tuple(matrix)


_PERSON = _regex.compile(r"họ (?:và )?tên(?: người nhận| đối tượng)?|tên|người nhận")
# what a person on a list is ("Diện đối tượng": "Gia đình 2 liệt sĩ", "Thương binh 4/4")
_CATEGORY = _regex.compile(
    r"diện(?: đối tượng| hưởng| chính sách)?|đối tượng|thành phần|quan hệ(?: với liệt sĩ)?"
)
_BRACKETED = _regex.compile(r"\([^()]*\)")


def _states_digits(cells: tuple[str, ...]) -> bool:
    """A digit outside the brackets that give a column's unit (``Số tiền (1.000 đồng)``)."""
    return any(char.isdigit() for cell in cells for char in _BRACKETED.sub("", cell))


def read_table(
    lines: list[Line], *, unit: str = "", continues: tuple[str, ...] = ()
) -> Table | None:
    """The table in ``lines`` (consecutive table rows), or ``None`` if it has no header.

    ``unit`` is the money unit stated above the table (``Đơn vị tính: nghìn đồng``): it
    scales the money columns whose header names no unit of its own. The numbers of the
    rows above the header are listed as not understood (no header says what they are).
    ``continues``: the header of a table just above, with only blank lines between (a
    sheet's rows after an empty row): rows without a header of their own, as many cells
    each, are read by it, and a total of the tables above among them is their
    :attr:`Table.grand` (``TỔNG CỘNG (Bảng 1 + Bảng 2)``).
    """
    default = _scale(unit)
    money = _MONEY_WORD.search(unit.lower()) is not None  # "ĐVT: đồng" too
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if header_columns(_cells(line), money=money) is not None
        ),
        None,
    )
    if start is None:
        return _continued(lines, continues, unit) if continues else None
    table = Table(rows=[], total=None)
    header = _cells(lines[start])
    above = next((i for i in range(start - 1, -1, -1) if not lines[i].separator), None)
    priced = None if above is None else _priced_groups_above(_cells(lines[above]), header)
    if priced is not None:  # "Mức 600.000đ" over "Số suất | Thành tiền": the columns' level
        header = priced
    for line in lines[: start if above is None or priced is None else above]:
        _unread(table, line.number, _cells(line))  # above the header: no column says
    reading = _Reading(table, _layout(header, default, money=money))
    for line in lines[start + 1 :]:
        cells = _cells(line)
        if line.separator or not any(cells):
            continue
        stacked = None if reading.seen else _stacked_header(header, cells)
        if stacked is not None:  # "Mức quà" over "Huyện | Xã": "Mức quà Huyện", …
            reading.layout = _layout(stacked, default, money=money)
            header = stacked
            continue
        columns = header_columns(cells, money=money)
        if columns is not None:  # the header again, or a new one: its columns from here
            groups = _two_row_header(header, cells) if not reading.seen else None
            if groups is not None:  # a column the lower row leaves empty: the upper's
                cells = tuple(map(_under, header, cells))
            reading.layout = _layout(cells, default, money=money, groups=groups or ())
            header = cells
            continue
        if column_marks(cells):  # "| A | B | 1 | 2 | 3=1x2 |": the columns' numbers
            continue
        reading.row(line)
    for rec in _walk(table.rows, table.total):  # a group or total given its count later
        if rec.count is not None and rec.unit is None:
            rec.unit = reading.first.unit
    _parts_hold(table)
    _partial_splits(table)
    if _one_figure(reading.first.columns) and table.total is not None:
        _total_last(table)
    _by_level_only(table)
    if table.total is not None:  # the total row's sources: beside the rows it sums
        table.rows.extend(child for child in table.total.children if child.split)
        table.total.children = [child for child in table.total.children if not child.split]
    again = reading.again
    if table.group_of and _by_group(table) and len(again) == 1:
        # "| Cộng | 32 | … | 13 | … |" read by group, then "| Tổng cộng | 45 | | 19.900.000 |":
        # the groups' total, where it states its figures as its own
        grand = again[0]
        merged = None if grand.has_figures() else _merged_cell(grand)
        if merged is not None:  # one group's cells only: a merged cell, its own figures
            grand.count, grand.unit, grand.amount = merged.count, merged.unit, merged.amount
            grand.children = []
        if grand.has_figures():
            table.total, again = grand, []
    for second in again:
        if table.total is not None and table.grand is None and _SUMS_BLOCKS.match(second.label):
            second.closing = second.grand = True
            table.grand = second
        else:
            _second_total(table, second)
    if table.plan_of:
        _plan_tree(table)
    _formula_rows(table)
    table.header = header
    return table


# "Tồn quỹ cuối kỳ (31/12/2024) = I + II - III", "(IV = I + II - III)": the row is the
# balance of the numbered rows its label names
_FORMULA = _regex.compile(r"(?:[IVXLC]{1,6} ?)?= ?([IVXLC]{1,6}(?: ?[+-] ?[IVXLC]{1,6})+) ?\)?\W*$")
_TERM = _regex.compile(r"([+-]?) ?([IVXLC]{1,6})")


def _formula_rows(table: Table) -> None:
    """A row whose label writes how it is made of the numbered rows above it (``Tồn quỹ
    cuối kỳ = I + II - III``): those rows become its parts, the subtracted ones taken off
    (:attr:`~._lines.Rec.subtracted`), so the balance is checked; where every named row
    is a top row above it stating an amount and it states one."""
    for rec in list(table.rows):
        formula = _FORMULA.search(rec.label)
        if formula is None or rec.amount is None or rec.children:
            continue
        terms = _TERM.findall(formula.group(1))
        parts = [table.numbered.get(number) for _, number in terms]
        if any(
            part is None
            or part is rec
            or part not in table.rows
            or part.amount is None
            or part.line > rec.line
            for part in parts
        ):
            continue
        for (sign, _), part in zip(terms, parts, strict=True):
            assert part is not None
            part.subtracted = sign == "-"
            table.rows.remove(part)
        rec.children = [part for part in parts if part is not None]
        rec.explicit = True


def _by_level_only(table: Table) -> None:
    """A table of figures by level and no row total (``| Xã A | 10 | 6.000.000 | 20 |
    6.000.000 |`` under ``Mức 600.000đ`` and ``Mức 300.000đ``): each row's and the total
    row's groups become a second breakdown (as where a total column states the rows'
    totals), so that the total row's groups are the sums of the rows' columns. Their
    figures had been the total row's parts only, which the rows then replaced: lost."""
    total = table.total
    if total is None or total.has_figures() or not total.children or not table.rows:
        return
    if table.group_of:
        return  # runs of named groups: read by group (_by_group)
    for rec in [*table.rows, total]:
        if rec.has_figures() or not rec.children or any(part.split for part in rec.children):
            return
        if len(rec.children) != len(total.children):
            return
    for rec in [*table.rows, total]:
        split = Rec(line=rec.line, bullet="|", label=f"{rec.label}: theo nhóm")
        split.children, split.explicit, split.inline, split.split = rec.children, True, True, True
        rec.children = [split]


def _continued(lines: list[Line], header: tuple[str, ...], unit: str) -> Table | None:
    """``lines``, rows of as many cells as ``header`` and none a header, read by it
    (see :func:`read_table`); ``None`` when their cells do not fit it."""
    if any(len(_cells(line)) != len(header) for line in lines if not line.separator):
        return None
    top = Line(lines[0].number, "", " | ".join(header), cells=header)
    table = read_table([top, *lines], unit=unit)
    if table is None:
        return None
    total = table.total
    if total is not None and not table.rows and _GRAND_ROW.match(total.label.strip("* ")):
        total.closing = total.grand = True  # "TỔNG CỘNG (Bảng 1 + Bảng 2)" alone
        table.grand, table.total = total, None
    return table


def _merged_cell(rec: Rec) -> Rec | None:
    """The one group part stating figures of a total row read under group columns that
    states none of its own (``| Tổng cộng | 45 | | 19.900.000 | | | |``: a merged cell),
    or ``None`` where none or several do."""
    stated = [part for part in rec.children if part.has_figures()]
    return stated[0] if len(stated) == 1 else None


def _by_group(table: Table) -> bool:
    """A table of groups' runs with no row total (``Thôn | Hộ nghèo (hộ) | Mức | Thành
    tiền | Cận nghèo (hộ) | Mức | Thành tiền``), read by group: each group's part of the
    total row sums that group's parts of the rows (the rows themselves state nothing).
    Whether it was so read."""
    group_of = table.group_of
    total = table.total
    heads: dict[str, Rec] = {}
    if total is not None:
        for part in total.children:
            if id(part) in group_of:
                heads[group_of[id(part)]] = part
    if total is not None and (len(heads) != len(total.children) or total.has_figures()):
        return False  # the total row states something beside its groups: left as read
    rows: list[Rec] = []
    for row in table.rows:
        if (
            row.has_figures()
            or not row.children
            or not all(id(part) in group_of for part in row.children)
        ):
            return False  # a row stating a figure of its own: not a table read by group
    for row in table.rows:
        for part in row.children:
            head = heads.get(group_of[id(part)])
            if head is None:
                rows.append(part)
            else:
                head.children.append(part)
                head.explicit = True
    table.rows = [*heads.values(), *rows]
    table.total = None
    return True


def _plan_tree(table: Table) -> None:
    """The plans' own tree, as the rows': the total row's plan sums the rows' plans, a
    group's its rows'. A row's percentage column (``Tỷ lệ so với KH (%)``) is then the
    share of its figure in its plan, where most rows' percentages say so."""
    plan_of = table.plan_of

    def mirror(rec: Rec, above: list[Rec]) -> None:
        plan = plan_of.get(id(rec))
        if plan is not None:
            above.append(plan)
        for child in rec.children:
            if not child.split:
                mirror(child, above if plan is None else plan.children)

    roots: list[Rec] = []
    total = table.total
    under = roots if total is None or id(total) not in plan_of else plan_of[id(total)].children
    if total is not None and id(total) in plan_of:
        roots.append(plan_of[id(total)])
    for row in table.rows:
        mirror(row, under)
    for plan in plan_of.values():
        plan.explicit = bool(plan.children)
    table.plans = roots
    rows = [rec for rec in _walk(table.rows, table.total) if _column_share(rec) is not None]
    fits = sum(1 for rec in rows if id(rec) in plan_of and _fits_share(rec, plan_of[id(rec)]))
    if rows and 2 * fits >= len(rows):
        for rec in rows:
            for share in rec.shares:
                if share.column and id(rec) in plan_of:
                    share.whole = plan_of[id(rec)]


_IN_WHICH = _regex.compile(r"\W*(?:trong đó|riêng|gồm)(?![^\W\d_])", re.IGNORECASE)
# "Cộng", "Tổng cộng", "Tổng cộng: 12 cụ" (its count named), "Tổng cộng -1.700.000" (a
# remark's or an unread column's number, read with the row's name)
_CLOSING_ROW = _regex.compile(
    r"(?:tổng cộng|tổng số|cộng|tổng)(?: chung| cả| số tiền| kinh phí)?\W*"
    r"(?:\d[\d.]*\s+[^\W\d_]+(?:\s[^\W\d_]+)?\W*)?(?:\d[\d.,]*\W*)?",
    re.IGNORECASE,
)


_MARK = _regex.compile(
    r"\(?(?:[A-ZĐ]{1,2}|(\d{1,2})(?: ?= ?(?:\(?\d{1,2}\)? ?[-+x×*/:] ?)+\(?\d{1,2}\)?)?)\)?"
)


def column_marks(cells: tuple[str, ...]) -> bool:
    """``A | B | 1 | 2 | 3=1x2 | 5=2+4``, ``(1) | (2) | (3)``: the row of an official
    form's table (biểu mẫu) that numbers its columns under the header, not a row of
    figures. Every cell filled is a letter or a column number (or a formula of column
    numbers); two numbers at least, rising, none past the columns there are."""
    marks = [_MARK.fullmatch(cell.strip()) for cell in cells if cell.strip()]
    if len(marks) < 2 or None in marks:
        return False
    numbers = [int(mark[1]) for mark in marks if mark is not None and mark[1] is not None]
    if len(numbers) < 2 or numbers[-1] > len(cells) + 2:
        return False
    return all(a < b for a, b in pairwise(numbers))


def _parts_hold(table: Table) -> None:
    """Part columns are a breakdown of the row (``Đã chi trả`` and ``Chưa chi trả`` of
    ``Số tiền tiếp nhận``) where they add up to it on most rows; otherwise they are other
    figures (another year, another programme) with no sum to the row: each of their cells
    is listed as not understood instead, never an error on a guess."""
    owners = table.part_splits
    if not owners:
        return
    splits = [(rec, split) for rec in owners if (split := _split_of(rec)) is not None]
    holding = sum(_adds_up_to(rec, split) for rec, split in splits)
    if holding * 2 > len(owners):
        return
    for rec, split in splits:
        rec.children.remove(split)
        rec.explicit = rec.inline = bool(rec.children)
        for part in split.children:
            for value in (part.count, part.amount):
                if value is not None:
                    text = f"{value:,}".replace(",", ".")
                    table.unknown.append((part.line, Token(0, len(text), text, "unknown")))


def _split_of(rec: Rec) -> Rec | None:
    """The row's second breakdown (its part or source columns), if any."""
    return next((child for child in rec.children if child.split), None)


def _adds_up_to(rec: Rec, split: Rec) -> bool:
    """The parts (two at least: one part equal to its row is no evidence of a
    breakdown) sum to the row in every figure both state."""
    sums = stated_sums(rec, split.children)
    return len(split.children) >= 2 and bool(sums) and all(sum(v) == w for _, w, v in sums)


def _partial_splits(table: Table) -> None:
    """``Tổng kinh phí | Ngân sách tỉnh | Ngân sách huyện`` where the sources fall short
    of the total on two rows or more: the columns name some sources only (the rest comes
    from the commune or donors, with no column), so each row's sources are a bound of its
    amount (``>=``), never an error. Short on one row only, that row holds a slip."""
    rows = [rec for rec in _walk(table.rows, table.total) if rec.amount is not None]
    splits = [(rec, part) for rec in rows for part in rec.children if part.split]
    witnesses = [(rec, part) for rec, part in splits if rec is not table.total]
    short = [  # the total row is no witness: it may be summed from a slipped cell
        rec
        for rec, part in witnesses
        if None not in (amounts := [child.amount for child in part.children])
        and sum(amount or 0 for amount in amounts) < (rec.amount or 0)
    ]
    if len(short) < 2 or len(short) * 2 < len(witnesses):
        return
    for _, part in splits:
        part.partial = True


def _one_figure(columns: tuple[Column, ...]) -> bool:
    return sum(column in ("count", "level", "amount") for column in columns) == 1


def _total_last(table: Table) -> None:
    """A table of one figure a row sums its rows only in a total row after them that is
    called a total and nothing else (``Cộng``, ``Tổng cộng``): a ``Tổng số hội viên`` row
    above or below rows of one figure is one indicator among others (``Hội viên nữ``,
    ``Hội viên trên 80 tuổi``), which need not add up to it."""
    total = table.total
    assert total is not None
    closing = _CLOSING_ROW.fullmatch(total.label.strip("* "))
    if closing and all(rec.line < total.line for rec in _walk(table.rows, None)):
        return  # "Cộng", "Tổng cộng" after the rows: their sum ("Tổng số hội viên": no)
    table.total = None
    table.rows = sorted([*table.rows, total], key=lambda rec: rec.line)


def _cells(line: Line) -> tuple[str, ...]:
    return line.cells or ()  # a line of no table (an empty one) has no cells


@dataclass(frozen=True)
class _Layout:
    """What a header says: each column's kind and scale, a two-way table's levels, and
    the count's unit."""

    columns: tuple[Column, ...]
    scales: tuple[str, ...]
    levels: dict[int, Group] | None
    unit: str | None
    headers: tuple[str, ...] = ()  # the header's cells as written
    parts: dict[int, Column] = field(default_factory=dict)  # a part column's figure
    # runs of count | level | amount per group (_run_groups): with a column of the row's
    # total ("run_totals": each row's groups are a breakdown of it, blank or not), or
    # without ("by_group": the table is read by group, each group's total row over it)
    run_totals: bool = False
    by_group: bool = False
    # a funding source's level and amount columns (``Mức huyện | … | Thành tiền huyện``):
    # the source each names, by position (_source_columns)
    source_keys: dict[int, str] = field(default_factory=dict)


Group = int | str | None
"""A two-way table's column group: its level, the group's name where the header names no
level (``Người có công`` over ``Số suất | Thành tiền``), ``None`` for the row's totals."""


def _has_digit(text: str) -> bool:
    """``Người có công (0,5 tr.đ/suất)`` names a group and its level, not a level column."""
    return any(char.isdigit() for char in text)


def _layout(
    cells: tuple[str, ...],
    default: str,
    *,
    money: bool = False,
    groups: tuple[str, ...] = (),
) -> _Layout:
    """``groups``: the names a header row above ``cells`` gives their columns (a merged
    header written as two rows, :func:`_two_row_header`)."""
    columns = header_columns(cells, money=money)
    assert columns is not None
    levels = _level_groups(cells, columns, groups)
    run_totals = by_group = False
    if levels is None and (runs := _run_groups(cells, columns)) is not None:
        levels, columns = runs
        run_totals = None in levels.values()
        by_group = not run_totals
    scales = tuple(  # the unit stated above scales every money column naming none
        _scale(cell) or (default if column in ("level", "amount", "source") else "")
        for cell, column in zip(cells, columns, strict=False)
    )  # (a part's amount column is an amount column here: it keeps the unit)
    parts: dict[int, Column] = {}
    columns, plans = _plan_columns(cells, columns)
    parts.update(plans)
    source_keys: dict[int, str] = {}
    if not levels:
        columns, source_keys = _source_columns(cells, columns)
    if not levels and "source" not in columns:
        columns, own_parts = _part_columns(columns, _own_total(cells, columns))
        parts.update(own_parts)
    return _Layout(
        columns,
        scales,
        levels,
        _unit(cells, columns),
        tuple(cell.strip() for cell in cells),
        parts,
        run_totals,
        by_group,
        source_keys,
    )


_PLAN = _regex.compile(
    r"(?<![^\W\d_])(?:kế hoạch|kh|chỉ tiêu|dự kiến|dự toán|được giao|giao|(?:trong )?danh sách"
    r"|phải chi)(?![^\W\d_])",
    re.IGNORECASE,
)
_DONE = _regex.compile(
    r"(?<![^\W\d_])(?:thực hiện|th|kết quả|đã trao|đã tặng|đã chi|thực chi|thực tế|đã nhận)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)


def _plan_columns(
    cells: tuple[str, ...], columns: tuple[Column, ...]
) -> tuple[tuple[Column, ...], dict[int, Column]]:
    """``Kế hoạch (suất) | Thực hiện (suất)``: a count or an amount column naming a plan
    (``kế hoạch``, ``KH``, ``chỉ tiêu``, ``dự toán``) beside one of the same kind naming
    what was done (``thực hiện``, ``kết quả``, ``đã chi``) holds each row's plan, not its
    figure: the done column is the row's (its level and amount are of what was given).
    The columns, with each plan column's kind by position."""
    plans: dict[int, Column] = {}
    out = list(columns)
    for kind in ("count", "amount"):
        planned, done = _planned_and_done(cells, columns, kind)
        if len(planned) == 1 and len(done) == 1:
            out[planned[0]], plans[planned[0]] = "plan", kind
        elif planned and not done and plans:
            # "Số suất được giao | Số suất đã trao | Mức | Kinh phí được giao": the amount
            # is the plan's, so the row's own figures are the plan's: no plan columns
            return columns, {}
    return tuple(out), plans


_KIND_WORDS = _regex.compile(
    r"\([^()]*\)|(?<![^\W\d_])(?:mức quà|mức hỗ trợ|mức|thành tiền|số tiền|kinh phí|ngân sách"
    r"|đồng)(?![^\W\d_])",
    re.IGNORECASE,
)


def _source_columns(
    cells: tuple[str, ...], columns: tuple[Column, ...]
) -> tuple[tuple[Column, ...], dict[int, str]]:
    """``Số người | Mức huyện | Mức xã | Thành tiền huyện | Thành tiền xã | Cộng``: a level
    and an amount column naming the same funding source are that source's part of the
    row (``count × its level = its amount``, the parts making the row's amount), for two
    sources at least, each named once by a level and once by an amount column; the one
    amount column naming none is the row's. The columns, and each source column's source
    (the words left once the kind and the unit are taken off)."""
    named: dict[str, dict[Column, list[int]]] = {}
    plain_amounts: list[int] = []
    for at, column in enumerate(columns):
        if column not in ("level", "amount"):
            continue
        words = " ".join(_KIND_WORDS.sub(" ", cells[at].lower()).split())
        if not words or (column == "amount" and _TOTAL.fullmatch(words)):
            if column == "amount":
                plain_amounts.append(at)  # "Thành tiền", "Cộng thành tiền": the row's
            continue
        if not FundingSource.mentioned_in(words):
            return columns, {}  # "Mức quà Tết": not a source's column
        named.setdefault(words, {}).setdefault(column, []).append(at)
    if len(named) < 2 or any(
        len(kinds.get("level", [])) != 1 or len(kinds.get("amount", [])) != 1
        for kinds in named.values()
    ):
        return columns, {}
    totals = [  # "Cộng (đồng)" after them: the row's amount
        at
        for at, column in enumerate(columns)
        if column == "label" and at > 0 and _TOTAL.match(cells[at].strip())
    ]
    if len(plain_amounts) + len(totals) > 1 or "count" not in columns:
        return columns, {}
    out = list(columns)
    for at in totals:
        out[at] = "amount"
    keys: dict[int, str] = {}
    for words, kinds in named.items():
        (level,), (amount,) = kinds["level"], kinds["amount"]
        out[level], out[amount] = "source_level", "source"
        keys[level] = keys[amount] = words
    return tuple(out), keys


def _part_columns(
    columns: tuple[Column, ...], own_count: int | None = None
) -> tuple[tuple[Column, ...], dict[int, Column]]:
    """``Số đối tượng | Số tiền tiếp nhận | Đã chi trả (người) | Số tiền đã chi trả | Chưa
    chi trả (người) | Số tiền chưa chi trả``: a count or an amount column after the row's
    own (the first of each) is a part's (:func:`_part_split`), never a second value
    written over the row's first. ``own_count``: the row's count column where it comes
    after its parts (``Nam | Nữ | Cộng``: :func:`_own_total`)."""
    seen: set[Column] = set()
    out = list(columns)
    parts: dict[int, Column] = {}
    if own_count is not None:
        seen.add("count")
        for at, column in enumerate(columns):
            if column == "count" and at != own_count:
                out[at], parts[at] = "part", column
    for at, column in enumerate(columns):
        if column not in ("count", "amount") or (own_count is not None and column == "count"):
            continue
        if column in seen or (column == "count" and "amount" in seen):
            out[at], parts[at] = "part", column
        seen.add(column)
    return tuple(out), parts


def _number_cell(cell: str) -> bool:
    """Whether ``cell`` is a number and nothing else: digits, with at most a unit inside
    the number's own token and punctuation around it (``774``, ``600.000đ:``)."""
    if not any(char.isdigit() for char in cell):
        return False
    rest, last = [], 0
    for token in scan(cell):
        rest.append(cell[last : token.start])
        last = token.end
    rest.append(cell[last:])
    return not any(char.isalpha() for char in "".join(rest))


def _unread(table: Table, number: int, cells: tuple[str, ...]) -> None:
    """Every number of ``cells`` that is no known non-figure, listed as not understood."""
    for cell in cells:
        for token in scan(cell):
            if token.kind in _NUMBERS:
                table.unknown.append((number, token))


_NUMBERS = frozenset({"amount", "level", "count", "claim", "unknown"})
"""The kinds of token that are figures or might be (not dates, ages, percentages …)."""


class _Reading:
    """The rows under a header, read one by one into ``table`` (groups and totals)."""

    def __init__(self, table: Table, layout: _Layout) -> None:
        self.table = table
        self.layout = self.first = layout
        self.group: Rec | None = None
        self.again: list[Rec] = []  # total rows after the first
        self.seen = False  # whether a row was read under the header yet
        self.last: Rec | None = None  # the last row read that is no "Trong đó" row
        self.in_total: Rec | None = None  # the total's "Trong đó" rows, as its breakdown

    def row(self, line: Line) -> None:
        self.seen = True
        table, layout = self.table, self.layout
        rec, index = _row(line, layout, table)
        if rec is None:
            if index and _ROMAN.fullmatch(index):  # "| I | Quà của tỉnh | | |": a group
                group = Rec(line=line.number, bullet="|", explicit=True)
                group.label = " ".join(cell for cell in _cells(line)[1:] if cell) or index
                table.rows.append(group)
                self.group = group
            return
        for found in (rec, *rec.children):
            found.unit = layout.unit if found.count is not None else None
        if not rec.has_figures() and not rec.children:  # a level alone: no count, no amount
            if index and _ROMAN.fullmatch(index):  # "| I | Mức 600.000đ | | |": a group's
                rec.explicit = True
                table.rows.append(rec)
                self.group = rec
            else:  # a level no count or amount goes with: nothing to check it by
                _unread(table, line.number, _cells(line))
            return
        siblings = self.group.children if self.group is not None else table.rows
        total = table.total
        if _IN_WHICH.match(rec.label) and total is not None and self.last is total:
            # "| | Tổng cộng | 574 | | 177.250.000 |", then "| | Trong đó ngân sách tỉnh | | |
            # 157.600.000 |" and the other sources: the total's breakdown, a second one
            if self.in_total is None:
                self.in_total = Rec(line=line.number, bullet="|", label=f"{total.label}: trong đó")
                self.in_total.explicit = self.in_total.inline = self.in_total.split = True
                total.children.append(self.in_total)
            self.in_total.children.append(rec)
            return
        self.last = rec
        if _IN_WHICH.match(rec.label) and siblings and not siblings[-1].children:
            # "| Trong đó: hỗ trợ người có công | 50.000.000 |": some of the row above
            siblings[-1].children.append(rec)
            siblings[-1].explicit = True
            return
        if _TOTAL.match(rec.label):
            if self.group is not None and not _GRAND_ROW.match(rec.label):  # "Cộng I"
                _subtotal(self.group, rec)
                self.group = None
            elif table.total is None:
                table.total, self.group = rec, None
            else:  # a second total row: settled once the rows are read
                self.again.append(rec)
        elif index and _ROMAN.fullmatch(index):
            rec.explicit = True
            table.rows.append(rec)
            table.numbered[index.rstrip(".").upper()] = rec
            self.group = rec
        elif self.group is not None:
            self.group.children.append(rec)
        else:
            table.rows.append(rec)


def _unit(cells: tuple[str, ...], columns: tuple[Column, ...]) -> str | None:
    """The count's unit from its header: "Số suất" → "suất"."""
    for cell, column in zip(cells, columns, strict=False):
        if column == "count":
            found = _UNIT.search(cell.lower())
            return found.group(1) if found else None
    return None


def _walk(rows: list[Rec], total: Rec | None) -> list[Rec]:
    found = [*rows, *([total] if total else [])]
    for rec in rows:
        found.extend(rec.children)
    return found


def _scale(header: str) -> str:
    lower = header.lower()
    for pattern, unit in SCALES:
        if pattern.search(lower):
            return unit
    return ""


def _level_groups(
    cells: tuple[str, ...], columns: tuple[Column, ...], groups: tuple[str, ...] = ()
) -> dict[int, Group] | None:
    """A two-way table (``Số suất mức 600.000đ | Thành tiền mức 600.000đ | … | Tổng số
    suất | Tổng thành tiền``): each figure column's level, ``None`` for the row totals;
    where the header names no level, the group a row above names the column with
    (``groups``: ``Người có công`` over ``Số suất | Thành tiền``), if two groups at least
    share the figures. ``None`` when the table has one count and one amount column at
    most, or columns of one kind nothing tells apart."""
    figures = [i for i, column in enumerate(columns) if column in ("count", "amount")]
    kinds = [columns[i] for i in figures]
    if kinds.count("count") < 2 and kinds.count("amount") < 2:
        return None
    levels: dict[int, Group] = {}
    for i in figures:
        money = [token.value for token in scan(cells[i]) if token.kind in ("level", "amount")]
        levels[i] = money[0] if money else None
    named = {i: groups[i] for i in figures if i < len(groups) and groups[i]}
    if len(set(named.values())) >= 2 and all(levels[i] is None for i in named):
        for i, group in named.items():
            if sum(1 for other in named.values() if other == group) >= 2 or _TOTAL.match(group):
                levels[i] = None if _TOTAL.match(group) else _group_level(group)
    if sum(1 for level in levels.values() if level is None) > 2:
        return None  # several columns of one kind and no level to tell them apart
    return levels


def _group_level(group: str) -> Group:
    """A group named over its columns: its level where the name states one (``Hộ nghèo -
    Mức 500.000đ``: 500.000, its columns then priced), else the name."""
    money = [token.value for token in scan(group) if token.kind in ("level", "amount")]
    return money[0] if len(money) == 1 and money[0] is not None else group


def _run_groups(
    cells: tuple[str, ...], columns: tuple[Column, ...]
) -> tuple[dict[int, Group], tuple[Column, ...]] | None:
    """A header repeating a group's figures in one row (``Thôn | Hộ nghèo (hộ) | Mức |
    Thành tiền | Hộ cận nghèo (hộ) | Mức | Thành tiền | Cộng (đồng)``): each run of a
    count, a level and an amount column is a group, named by its count column (the unit
    in brackets left out); a column after the runs called a total (``Cộng``,
    ``Tổng cộng``) is the row's own amount. The groups and the columns, or ``None``
    unless there are two runs at least, each stating its own level (a paid/unpaid
    breakdown of the row's figures has none), with distinct names; at most one total
    column after them. A run of a count and an amount only is a group too where the
    amount's header names the count's group (``Số hộ nghèo | Tiền hộ nghèo (đồng)``,
    ``Nhóm A | Tiền nhóm A``) and a total column follows the runs."""
    out = list(columns)
    figures = [
        at
        for at, column in enumerate(columns)
        if column in ("count", "level", "amount") and not _money_total(cells[at])
    ]  # "Cộng (đồng)" is no run's amount
    if not figures:
        return None
    totals = [
        at
        for at in range(figures[-1] + 1, len(cells))
        if columns[at] in ("label", "amount") and _TOTAL.match(cells[at].strip())
    ]
    runs: list[list[int]] = []
    for at in figures:
        if columns[at] == "count" or not runs:
            runs.append([at])
        else:
            runs[-1].append(at)
    if len(runs) < 2 or len(totals) > 1:
        return None
    names: list[str] = []
    for run in runs:
        kinds = [columns[at] for at in run]
        if kinds == ["count", "amount"] and totals and _paired(cells[run[0]], cells[run[1]]):
            # a total column after them says the groups make the row ("năm 2025 | năm
            # 2024" without one are two years, no parts)
            # "Số hộ nghèo | Tiền hộ nghèo (đồng)": no level, but the amount names the group
            names.append(_BRACKETED.sub("", cells[run[0]]).strip())
            continue
        if kinds != ["count", "level", "amount"]:
            return None
        names.append(_BRACKETED.sub("", cells[run[0]]).strip())
    if not all(names) or len(set(names)) < len(names):
        return None
    groups: dict[int, Group] = {
        at: name for run, name in zip(runs, names, strict=True) for at in run
    }
    for at in totals:
        groups[at], out[at] = None, "amount"
    return groups, tuple(out)


def _paired(count: str, amount: str) -> bool:
    """The amount column names the count column's group (``Nhóm A`` and ``Tiền nhóm
    A``)."""
    group = group_named(amount, amount=True)
    return bool(group) and group == group_named(count)


def _stacked_header(top: tuple[str, ...], below: tuple[str, ...]) -> tuple[str, ...] | None:
    """A merged header written as two rows whose lower row names what each upper column
    splits into (``| Số người | Mức quà (đồng/người) | | Thành tiền (đồng) | | |`` over
    ``| Số người | Huyện | Xã | Huyện | Xã | Cộng |``): each column's name, the upper's
    (carried right over its empty merged cells) with the lower's after it, the total
    word first (``Cộng Thành tiền (đồng)``). ``None`` unless the lower row states no
    digit, splits two upper columns at least and the names read as a header whose
    funding-source columns pair up (:func:`_source_columns`)."""
    if len(below) != len(top) or any(char.isdigit() for cell in below for char in cell):
        return None
    names: list[str] = []
    above = ""
    split = 0
    for upper, lower in zip(top, below, strict=True):
        upper, lower = upper.strip(), lower.strip()
        if upper:
            above = upper
        if not lower or lower == upper:
            names.append(upper or above)
            continue
        if not upper and not above:
            return None
        split += 1
        base = upper or above
        names.append(f"{lower} {base}" if _TOTAL.match(lower) else f"{base} {lower}")
    if split < 2:
        return None
    stacked = tuple(names)
    columns = header_columns(stacked)
    if columns is None:
        return None
    if not _source_columns(stacked, columns)[1] and _own_total(stacked, columns) is None:
        return None
    return stacked


def _own_total(cells: tuple[str, ...], columns: Sequence[Column]) -> int | None:
    """``Nam | Nữ | Cộng`` under ``Số người (cụ)``, stacked to ``Số người (cụ) Nam | Số
    người (cụ) Nữ | Cộng Số người (cụ)``: the count column called their total is the
    row's count, the others its parts (:func:`_part_columns`). Its position, where two
    count columns at least come before it with its name after their own."""
    for at, (cell, column) in enumerate(zip(cells, columns, strict=True)):
        total = _TOTAL.match(cell.strip())
        if column != "count" or total is None:
            continue
        base = cell.strip()[total.end() :].strip()
        parts = [
            i
            for i in range(at)
            if columns[i] == "count" and base and cells[i].strip().startswith(base + " ")
        ]
        if len(parts) >= 2:
            return at
    return None


def _under(above: str, under: str) -> str:
    """A column's name in a header written as two rows: the lower cell, the upper where
    the lower is empty, both where the lower is only a unit (``Tổng kinh phí`` over
    ``(đồng)``: ``Tổng kinh phí (đồng)``)."""
    under, above = under.strip(), above.strip()
    if not under:
        return above
    if above and _BRACKETED.fullmatch(under):
        return f"{above} {under}"
    return under


def _priced_groups_above(top: tuple[str, ...], header: tuple[str, ...]) -> tuple[str, ...] | None:
    """A merged header whose upper row names a level over each pair of figure columns
    (``| STT | Đơn vị | Mức 600.000đ | | Mức 300.000đ | | Tổng cộng |`` over ``| | | Số
    suất | Thành tiền | Số suất | Thành tiền | (đồng) |``): the upper row is no header of
    its own (it names levels only), so the lower one was read without them and the
    upper's numbers were not understood. Each column's name with its group's
    (``Số suất Mức 600.000đ``, ``Tổng cộng (đồng)``), or ``None`` unless two groups at
    least each name a level and span two columns or more."""
    groups = _two_row_header(top, header)
    if groups is None:
        return None
    spans: dict[str, int] = {}
    for group in groups:
        if group:
            spans[group] = spans.get(group, 0) + 1
    priced = [
        group
        for group, span in spans.items()
        if span >= 2 and PRICED_GROUP_NAME.fullmatch(group.strip())
    ]
    if len(priced) < 2:
        return None
    names: list[str] = []
    for upper, group, under in zip(top, groups, header, strict=True):
        under = under.strip()
        if not under:
            names.append(upper.strip())  # "STT", "Đơn vị" above an empty cell
        elif not group or group == under:
            names.append(under)
        elif under.startswith("(") or _TOTAL.match(under.lower()):
            names.append(f"{group} {under}")  # "Tổng cộng (đồng)"
        else:
            names.append(f"{under} {group}")  # "Số suất Mức 600.000đ"
    return tuple(names)


def _two_row_header(top: tuple[str, ...], below: tuple[str, ...]) -> tuple[str, ...] | None:
    """A merged header written as two rows (``| STT | Tổ | Người có công | | Hộ nghèo | |
    Tổng |`` over ``| | | Số suất | Thành tiền | Số suất | Thành tiền | |``): each column's
    group, the name above it or, where that cell is empty or repeats it (a merged cell),
    the last name to its left; ``None`` when ``below`` is no header under ``top`` (a
    cell below names a figure under an empty column)."""
    if len(below) != len(top) or not any(cell.strip() for cell in below):
        return None
    groups: list[str] = []
    current = ""
    for at, (above, under) in enumerate(zip(top, below, strict=True)):
        name = above.strip()
        if name:
            current = name
        elif not under.strip() or at == 0:
            current = ""
        groups.append(current if under.strip() else "")
    named = [group for group in groups if group]
    if len(set(named)) < 2 or len(named) == len(set(named)):
        return None  # no name spans two columns: no merged groups
    return tuple(groups)


def _subtotal(group: Rec, total: Rec) -> None:
    """A group's total row (``Cộng I``), settled by :func:`._restate.restate_record`: the
    group takes its figures and its line where the group row states none the total row
    lacks (its label then names both), the total row restates them where the group row
    states them all, and else (a group row of a level only) it is the group's one part."""
    named = group.label
    if restate_record(group, total) == "moved":
        group.label = f"{named} ({total.label})" if named else total.label


def _second_total(table: Table, again: Rec) -> None:
    """A second total row states the first one's figures again (settled as a group's
    total row is); where each states a figure the other lacks, the second becomes the
    first one's part and holds the rows."""
    total = table.total
    if total is None:  # the first was no total of the rows (_total_last): nor is this one
        table.rows = sorted([*table.rows, again], key=lambda rec: rec.line)
        return
    if _adds_rows_after(table, total, again):
        # "| | Cộng | 60 | | 16.000.000 |", "| | Phí chuyển tiền | | | 160.000 |", "| |
        # Tổng cộng | | | 16.160.000 |": the subtotal and the rows after it make the total
        # its rows, and its own second breakdown (by group, by source)
        own = [rec for rec in table.rows if rec.line <= total.line]
        total.children = own
        total.explicit = True
        table.rows = [total, *(rec for rec in table.rows if rec.line > total.line)]
        table.total = again
        if (
            again.count is not None
            and total.count is not None
            and all(rec.count is None for rec in table.rows[1:])
        ):
            # the fee row counts no gift: the grand total's count is the subtotal's again
            total.restatements.append(("count", again.count, again.line))
            again.count = None
        return
    total.children = table.rows
    restate_record(total, again)
    table.rows, total.children = total.children, []


def _adds_rows_after(table: Table, total: Rec, again: Rec) -> bool:
    """Whether a grand total row (``Tổng cộng``, ``Tổng kinh phí …``) adds a closing
    ``Cộng`` after its rows and the rows between them (a fee, a reserve, a supplement):
    each of those states an amount, none follows the grand total, and the grand total's
    amount is not the first's (which it then restates). Rows after ``Cộng`` that break
    it down (``Trong đó: ngân sách tỉnh``, or amounts adding up to it) are no such rows,
    nor is a second ``Cộng`` (of a second block of rows)."""
    after = [rec for rec in table.rows if rec.line > total.line]
    before = [rec for rec in table.rows if rec.line <= total.line]
    label = total.label.strip("* ")
    return (
        bool(after)
        and all(rec.line <= total.line for rec in _walk(before, None))  # no "Trong đó" moved
        and any(rec.line < total.line for rec in table.rows)
        and all(total.line < rec.line < again.line for rec in after)
        and all(rec.amount is not None and not rec.children for rec in after)
        and _CLOSING_ROW.fullmatch(label) is not None
        and _GRAND_ROW.match(label) is None
        and same_length_lower(again.label.strip("* ")).startswith("tổng")
        and not _IN_WHICH.match(after[0].label)
        and again.amount is not None
        and total.amount is not None
        and again.amount != total.amount
        and sum(rec.amount or 0 for rec in after) != total.amount
    )


def _row(line: Line, layout: _Layout, table: Table) -> tuple[Rec | None, str]:
    """The row's record (``None`` when it states no figure) and its index cell. Every
    number of the row ends up a figure of the record or listed in ``table.unknown``."""
    columns, scales, levels, headers = layout.columns, layout.scales, layout.levels, layout.headers
    cells = _cells(line)
    rec = Rec(line=line.number, bullet="|")
    parts: dict[int | str, Rec] = {}  # a two-way table's cells by group: the row's parts
    sources: list[Rec] = []  # the cells of the funding-source columns
    keyed: dict[str, Rec] = {}  # a source's part by the source its columns name
    pieces: list[tuple[Column, int, str]] = []  # the part columns' figures and headers
    labels: list[str] = []
    named: list[tuple[int, Token]] = []  # the label cells' numbers, where to list them
    remarks: list[tuple[int, Token]] = []  # the levels a remark names (never the row's)
    planned: Rec | None = None  # the row's plan (a plan column's cell)
    doubled: set[tuple[int, int]] = set()  # records given two levels by two columns
    index = ""
    for position, (column, cell, scale) in enumerate(zip(columns, cells, scales, strict=False)):
        text = cell.strip()
        target = rec
        level = levels.get(position) if levels else None
        if level is not None:
            target = parts.get(level) or parts.setdefault(level, _group_part(line, level))
        if not text or text in ("-", "x", "0"):
            if text == "0" and column in ("count", "amount", "level"):
                _set(target, column, 0)
            elif text == "0" and column == "part":  # "| 0 | 0 |": none unpaid
                pieces.append((layout.parts[position], 0, headers[position]))
            continue
        if column == "index":
            index = text
            continue
        if column == "age":
            labels.append(text)  # "70", "Trên 100": the age names the row; no figure
            continue
        if column == "note":
            continue  # "1935", "029523938499": the header says they are no figures
        if column == "percent":
            share = text.rstrip("% ")
            if _PERCENT_CELL.fullmatch(share):
                rec.shares.append(ShareSpec(share, "", "", line.number, column=True))
            else:
                table.unknown.append((line.number, Token(0, len(text), text, "unknown")))
            continue
        if column == "label":
            labels.append(text)
            mark = len(table.unknown)
            named.extend((mark, token) for token in scan(text) if token.kind in _NUMBERS)
            continue
        if column == "remark":
            labels.append(text)  # "Hộ nghèo, nhận thêm 01 suất": said of the row, no figure
            mark = len(table.unknown)
            remarks.extend((mark, token) for token in scan(text) if token.kind == "level")
            continue
        if column == "plan":
            kind = layout.parts[position]
            value = _figure(text, kind, scale)
            if value is None:
                table.unknown.append((line.number, Token(0, len(text), text, "unknown")))
            else:  # "Kế hoạch (người) | … | Kinh phí dự toán": one plan, its figures
                if planned is None:
                    planned = Rec(line=line.number, bullet="|", label=headers[position])
                _set(planned, kind, value)
            continue
        if column == "part":
            kind = layout.parts[position]
            value = _figure(text, kind, scale)
            if value is None:
                table.unknown.append((line.number, Token(0, len(text), text, "unknown")))
            else:
                pieces.append((kind, value, headers[position]))
            continue
        if column in ("source", "source_level") and not levels:
            kind = "amount" if column == "source" else "level"
            value = _figure(text, kind, scale)
            key = layout.source_keys.get(position)
            if value is None:
                table.unknown.append((line.number, Token(0, len(text), text, "unknown")))
            elif key is not None:  # "Mức huyện | … | Thành tiền huyện": the source's part
                part = keyed.get(key)
                if part is None:
                    part = keyed[key] = Rec(line=line.number, bullet="|", label=f"Ngân sách {key}")
                    sources.append(part)
                _set(part, kind, value)
            else:  # "| 343.500.000 |" under "Ngân sách tỉnh": that source's part
                sources.append(
                    Rec(line=line.number, bullet="|", amount=value, label=headers[position])
                )
            continue
        value = _figure(text, column, scale)
        if value is not None and column == "level" and target.level is not None:
            # a second level column nothing tells apart from the first ("Mức ngân sách |
            # Mức xã hội hóa"): whose level is whose the header does not say; both are
            # listed as not understood rather than one written over the other
            table.unknown.append((line.number, Token(0, len(text), text, "unknown")))
            if (target.line, id(target)) not in doubled:
                doubled.add((target.line, id(target)))
                first = display_level(target.level)
                table.unknown.append((line.number, Token(0, len(first), first, "unknown")))
                target.level = None
        elif value is not None and column == "level" and (target.line, id(target)) in doubled:
            table.unknown.append((line.number, Token(0, len(text), text, "unknown")))
        elif value is not None:
            _set(target, column, value)
        elif _TOTAL.fullmatch(text):  # "Tổng cộng" written in the level column
            labels.append(text)
        else:
            table.unknown.append((line.number, Token(0, len(text), text, "unknown")))
    _unread(table, line.number, cells[len(columns) :])  # beyond the header's columns
    rec.label = " ".join(labels) or index or f"#{line.number}"
    if planned is not None:
        planned.label = f"{rec.label}: {planned.label}"
        table.plan_of[id(rec)] = planned
    if sources:  # a second breakdown of the row's amount: by funding source
        for source in sources:
            source.label = f"{rec.label}: {source.label}"
        split = Rec(line=line.number, bullet="|", label=f"{rec.label}: nguồn kinh phí")
        split.children, split.explicit, split.inline, split.split = sources, True, True, True
        rec.children.append(split)
    if pieces:
        rec.children.append(_part_split(rec, pieces, line.number))
        table.part_splits.append(rec)
    grouped: list[Rec] = []
    for group, part in _in_order(parts):
        name = group if isinstance(group, str) else f"Mức {group:,}".replace(",", ".")
        part.label = f"{rec.label}: {name}"
        if part.has_figures():
            grouped.append(part)
    if layout.by_group:
        for group, part in _in_order(parts):
            table.group_of[id(part)] = str(group)
    if grouped and (rec.has_figures() or layout.run_totals) and not rec.children:
        # the row states its totals too: its groups are a breakdown of them, kept so
        # (as the funding sources are) that a total row's groups are its columns' sums
        split = Rec(line=line.number, bullet="|", label=f"{rec.label}: theo nhóm")
        split.children, split.explicit, split.inline, split.split = grouped, True, True, True
        rec.children.append(split)
        if any(isinstance(group, str) for group in parts) and rec.has_figures():
            # named groups may be alternatives ("Kế hoạch | Thực hiện") or a subset
            # ("Trong đó: …"): a breakdown only where they add up on most rows (a row
            # whose total cell is blank has nothing to add them up to)
            table.part_splits.append(rec)
    else:
        rec.children.extend(grouped)
    _named_figures(rec, named, columns, levels, table)
    _remarked_levels(rec, remarks, levels, table)
    if rec.children:
        rec.explicit = rec.inline = True
    if not rec.has_figures() and not rec.children and rec.level is None:
        return None, index
    return rec, index


def _group_part(line: Line, group: int | str) -> Rec:
    """A row's part in a column group: at its level, or named by its group."""
    if isinstance(group, int):
        return Rec(line=line.number, bullet="|", level=group)
    return Rec(line=line.number, bullet="|", label=group)


def _in_order(parts: dict[int | str, Rec]) -> list[tuple[int | str, Rec]]:
    """The row's parts: by level, highest first; named groups as the header orders them."""
    if all(isinstance(group, int) for group in parts):
        return sorted(parts.items(), key=lambda item: item[0], reverse=True)
    return list(parts.items())


def _part_split(rec: Rec, pieces: list[tuple[Column, int, str]], line: int) -> Rec:
    """The part columns' figures as a second breakdown of the row: a part begins at each
    count, or at an amount when the part has one already, and is named by its header."""
    found: list[Rec] = []
    for kind, value, header in pieces:
        if not found or kind == "count" or found[-1].amount is not None:
            found.append(Rec(line=line, bullet="|", label=f"{rec.label}: {header}"))
        _set(found[-1], kind, value)
        if kind == "count":
            found[-1].unit = rec.unit
    split = Rec(line=line, bullet="|", label=f"{rec.label}: chi tiết")
    split.children, split.explicit, split.inline, split.split = found, True, True, True
    return split


def _named_figures(
    rec: Rec,
    named: list[tuple[int, Token]],
    columns: tuple[Column, ...],
    levels: dict[int, Group] | None,
    table: Table,
) -> None:
    """The numbers of a row's label cells: the row's level (``Mức 600.000đ``) or count
    (``Tặng 22 suất``) when the table has no such column and the label names one; a
    number the row's figures already state is theirs; any other is not understood (a
    count of households beside the row's count of gifts, say). A level one of the
    table's columns is headed with is that column's (a note naming it)."""
    stated = {rec.count, rec.level, rec.amount}
    stated.update(value for part in rec.children for value in (part.count, part.amount))
    # "Không có đối tượng mức 600.000đ": a level the table's columns are headed with
    stated.update(level for level in (levels or {}).values() if isinstance(level, int))
    for field_name in ("level", "count"):
        kind_tokens = [token for _, token in named if token.kind == field_name]
        if (
            len(kind_tokens) == 1
            and field_name not in columns
            and not levels
            and getattr(rec, field_name) is None
        ):
            setattr(rec, field_name, kind_tokens[0].value)
            stated.add(kind_tokens[0].value)
    for mark, token in reversed(named):  # listed where their cell stands in the row
        if token.value is None or token.value not in stated:
            table.unknown.insert(mark, (rec.line, token))


def _remarked_levels(
    rec: Rec, remarks: list[tuple[int, Token]], levels: dict[int, Group] | None, table: Table
) -> None:
    """A level a remark names (``Năm 2023 mức 300.000đ/suất``, ``Không có mức 600.000đ``)
    may be said of another year, another row or a column: it is never the row's level. One
    the row states (a person's one gift) or a column is headed with is theirs; any other is
    listed as not understood."""
    stated = {rec.level, rec.amount, *(part.level for part in rec.children)}
    stated.update(level for level in (levels or {}).values() if isinstance(level, int))
    for mark, token in reversed(remarks):
        if token.value is None or token.value not in stated:
            table.unknown.insert(mark, (rec.line, token))


def _figure(text: str, column: Column, scale: str) -> int | None:
    if column == "count":
        if _COUNT_CELL.fullmatch(text):
            return int(text.replace(".", ""))
        return None
    try:
        return parse_vnd(text + scale if scale and text[-1].isdigit() else text)
    except MoneyParseError:
        return None


def display_level(value: int) -> str:
    """A level as a table writes it (``300.000``): to list it as not understood."""
    return f"{value:,}".replace(",", ".")


def _set(rec: Rec, column: Column, value: int) -> None:
    if column == "count":
        rec.count = value
    elif column == "level":
        rec.level = value
    elif column == "amount":
        rec.amount = value


def column_wholes(table: Table, candidates: list[Rec]) -> None:
    """The whole of a percentage column: the candidate (the table's total, or a count
    stated before the table) of which the most rows' percentages are right, and at least
    half of the other rows' (the whole's own 100 % says nothing of it). A column no
    candidate explains cannot be checked: its percentages are listed as not understood,
    so the audit says it is incomplete instead of passing them over."""
    rows = [
        rec
        for rec in _walk(table.rows, table.total)
        if (share := _column_share(rec)) is not None and share.whole is None  # a plan's: set
    ]
    if not rows or _part_shares(table, rows):
        return
    best, best_fits = None, 0
    for whole in candidates:
        fits = sum(1 for rec in rows if _fits_share(rec, whole))
        others = sum(1 for rec in rows if rec is not whole)
        if fits > best_fits and 2 * fits >= others:
            best, best_fits = whole, fits
    for rec in rows:
        for share in rec.shares:
            if not share.column:
                continue
            if best is not None:
                share.whole = best
            else:
                token = Token(0, len(share.text), share.text, "unknown")
                table.unknown.append((share.line, token))
        if best is None:
            rec.shares = [share for share in rec.shares if not share.column]


def _part_shares(table: Table, rows: list[Rec]) -> bool:
    """``Đã chi trả (người) | … | Tỷ lệ chi trả (%)`` beside part columns: each row's
    percentage is the share of one of its parts in it (the part ``j`` whose share most
    rows state right, and at least half of them), so it moves to that part, of the row
    as its whole. Whether it did."""
    found = [(rec, _own_split(table, rec)) for rec in rows]
    splits = [(rec, split) for rec, split in found if split is not None]
    sizes = {len(split.children) for _, split in splits}
    if len(splits) != len(rows) or len(sizes) != 1:
        return False
    best, best_fits = None, 0
    for at in range(sizes.pop()):
        fits = sum(
            _fits_share(split.children[at], rec, _column_share(rec)) for rec, split in splits
        )
        if fits > best_fits and 2 * fits >= len(rows):
            best, best_fits = at, fits
    if best is None:
        return False
    for rec, split in splits:
        moved = [share for share in rec.shares if share.column]
        for share in moved:
            share.whole = rec
        split.children[best].shares.extend(moved)
        rec.shares = [share for share in rec.shares if not share.column]
    return True


def _own_split(table: Table, rec: Rec) -> Rec | None:
    """The breakdown of a row by its part columns (the total row's stands beside the
    rows it sums, on the total's line)."""
    if not table.part_splits:
        return None
    found = _split_of(rec)
    if found is None and rec is table.total:
        found = next((row for row in table.rows if row.split and row.line == rec.line), None)
    return found


def _column_share(rec: Rec) -> ShareSpec | None:
    return next((share for share in rec.shares if share.column), None)


def _fits_share(rec: Rec, whole: Rec, share: ShareSpec | None = None) -> bool:
    """``rec``'s count is the percentage (its column's, or ``share``) of ``whole``'s."""
    share = _column_share(rec) if share is None else share
    if share is None or rec.count is None or not whole.count or whole is rec:
        return False
    units, _, decimals = share.text.partition(",")
    scale: int = 10 ** len(decimals)
    written = int(units + decimals)
    total: int = whole.count
    exact = rec.count * 100 * scale  # compared with written × whole: no division
    return written * total - total // 2 <= exact < (written + 1) * total


__all__ = ["Table", "column_wholes", "header_columns", "read_table"]
