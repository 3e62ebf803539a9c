"""Fuzz extract_report: it never raises on a ``str``, its result can always be written as
JSON, and nothing is lost: every number on a line is a figure of the tree, a citation, a
known kind of number that is no figure (a date, a percentage, an age …), or listed as not
understood on its line."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules._limits import MAX_TREE_DEPTH
from welfare_rules.audit._normalize import Line, read_lines
from welfare_rules.audit._numbers import FIGURE_KINDS, Token, scan
from welfare_rules.audit._tables import column_marks, header_columns
from welfare_rules.audit.extract import ExtractedReport, example_text, extract_report
from welfare_rules.audit.reconciliation import reconcile
from welfare_rules.audit.report import Report

from ..strategies import report_like_text
from ._fuzz import HITS, fuzz, guarded, hostile_text

EXAMPLE = example_text()
_EXAMPLE_LINES = EXAMPLE.splitlines()

# Pieces of the example report, shuffled and mutated: close to real input.
_ASCII_DIGITS = st.sampled_from(list("0123456789"))
_LETTERS = st.characters(max_codepoint=0x1EFF, exclude_categories=["Nd", "Cs"])
_PLAIN_TEXT = st.text(_LETTERS | _ASCII_DIGITS, max_size=40)


_TABLE_PIECES = [
    "Trong đó:",
    "| Mức | Số suất | Thành tiền |",
    "|---|---|---|",
    "| 600.000đ | 22 | 13.200.000 |",
    "| Tổng cộng | 1.251 | 381.900.000 |",
    "Mức\tSố suất\tThành tiền",
    "600.000\t22\t13.200.000",
]
_HEDGES = ["hơn", "gần", "khoảng", "trên", "dưới", "ít nhất"]


def _hedged(hedge: str, line: str) -> str:
    """A line of the example with a hedge word before its first number."""
    return re.sub(r"(?=\d)", hedge + " ", line, count=1)


@st.composite
def report_texts(draw: st.DrawFn) -> str:
    """Lines of the example report, of generated report-like text, and of anything."""
    lines = draw(
        st.lists(
            st.sampled_from(_EXAMPLE_LINES)
            | report_like_text()
            | _PLAIN_TEXT
            | hostile_text
            | st.sampled_from(_TABLE_PIECES)
            | st.builds(_hedged, st.sampled_from(_HEDGES), st.sampled_from(_EXAMPLE_LINES)),
            max_size=12,
        )
    )
    return "\n".join(lines)


# Reproducers of the known bugs (each also a strict xfail test below).
_I_DOT = "İ 122 suất = 1.220.000 đồng"
_HEDGED = "Đã tặng hơn 4.400 đối tượng."
_SURROGATE = "Tổng số 5 suất \ud800 = 500.000đ"


# Reproducers of the known bugs (each also a strict xfail test below).
_BEYOND = {
    "amount": "Tổng số 5 suất, thành tiền 2.000.000.000.000.000.000 đồng",
    "level": "Mức 10000000000000000000đ",
    "count": "- Mức 500.000đ: 1000000000000000001 suất = 7đ",
}


def _extract(text: str) -> ExtractedReport:
    result = guarded(lambda: extract_report(text))  # documented never to raise on a str
    assert result is not None
    return result


@fuzz
@given(report_texts())
@example(EXAMPLE)
@example("")
@example("[" * 1000)
@example(_BEYOND["count"])
def test_extract_never_raises_and_dumps_to_json(text: str) -> None:
    extracted = _extract(text)
    dumped = guarded(extracted.model_dump_json)
    if dumped is None:
        return
    json.loads(dumped)
    again = guarded(lambda: Report.from_json(extracted.report.model_dump_json()))
    if again is not None:
        assert again == extracted.report  # the tree survives a JSON round trip


def _ints(value: object, into: set[int]) -> None:
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        into.add(value)
    elif isinstance(value, str):
        into.update(int(digits) for digits in re.findall(r"[0-9]+", value))
    elif isinstance(value, dict):
        for item in value.values():
            _ints(item, into)
    elif isinstance(value, list | tuple):
        for item in value:
            _ints(item, into)


def _figures_by_line(report: Report) -> dict[int, set[int]]:
    """Every number the tree holds (figures, restatements, bounds, claims), by line."""
    found: dict[int, set[int]] = defaultdict(set)

    def visit(item: Any) -> None:
        if isinstance(item, dict):
            line = item.get("line")
            if isinstance(line, int):
                for key, value in item.items():
                    if key not in ("line", "text", "label", "children"):
                        _ints(value, found[line])
            for value in item.values():
                visit(value)
        elif isinstance(item, list | tuple):
            for value in item:
                visit(value)

    visit(report.model_dump(mode="python")["nodes"])
    return found


_OWN_NUMBER = re.compile(r"\s*số\s*:?\s*")


def _logical_lines(text: str) -> list[Line]:
    """The lines as the extractor reads them (wrapped sentences joined, when it does)."""
    lines = read_lines(text)
    try:
        from welfare_rules.audit._layout import logical_lines
    except ImportError:  # pragma: no cover - before wrapped lines were joined
        return lines
    return logical_lines(lines)


def _claim_listed(token: Token, listed: list[str]) -> bool:
    """A claim whose record lacks its count or amount is listed as ``"> 400000"``."""
    return token.kind == "claim" and f"{token.op} {token.value}" in listed


def lost_numbers(text: str, extracted: ExtractedReport) -> list[tuple[int, str, str]]:
    """``(line, kind, number)`` of every number on a text line that is accounted for
    nowhere: neither a figure on its line, nor a citation, nor a known non-figure, nor
    listed as not understood. (Table rows are read cell by cell and checked by line.)"""
    figures = _figures_by_line(extracted.report)
    cited = {citation.line for citation in extracted.report.citations}
    unparsed: dict[int, list[str]] = defaultdict(list)
    for line in extracted.unparsed:
        unparsed[line.line].extend(line.numbers)
    lost = []
    columns: tuple[str, ...] = ()  # the columns of the last table header
    for line in _logical_lines(text):
        numbers = {line.number, *(number for _, number in getattr(line, "joined", ()))}
        values = set().union(*(figures.get(number, set()) for number in numbers))
        listed_here = [item for number in numbers for item in unparsed.get(number, [])]
        if line.cells is None:
            columns = ()
        else:
            columns = header_columns(line.cells) or columns
            if column_marks(line.cells):
                continue  # "| A | B | 1 | 2 |": the columns' numbers, known, not figures
            for position, cell in enumerate(line.cells):
                if position < len(columns) and columns[position] in ("index", "note", "remark"):
                    continue  # a row number (STT), a year of birth, a remark: no figure
                for token in scan(cell):
                    if token.kind not in FIGURE_KINDS | {"unknown", "claim"}:
                        continue
                    listed = any(token.text in item or item in cell for item in listed_here)
                    digits = re.match(r"[0-9][0-9.]*", token.text)
                    plain = int(digits[0].replace(".", "")) if digits else None
                    read = token.value in values or plain in values
                    if not read and not listed and not numbers & cited:
                        lost.append((line.number, "table", cell))
            continue
        for token in scan(line.text):
            listed = any(token.text in item for item in listed_here) or _claim_listed(
                token, listed_here
            )
            if token.kind in FIGURE_KINDS or token.kind == "claim":
                if token.value in values or listed:
                    continue
            elif token.kind == "unknown":
                if listed:
                    continue
            elif token.kind == "instrument":
                own = _OWN_NUMBER.fullmatch(line.text.lower()[: token.start])
                if numbers & cited or own:
                    continue
            else:
                continue  # a date, a period, a percentage, an age …: known, not a figure
            lost.append((line.number, token.kind, token.text))
    return lost


_HEDGE = re.compile(
    r"(?:hơn|trên|gần|khoảng|dưới|chưa đến|chưa tới|chưa đầy|ít nhất|tối đa|tối thiểu"
    r"|không quá|không dưới|không vượt quá|quá|vượt|thấp hơn|cao hơn|từ|xấp xỉ) ?:? ?$"
)


def _lost_signature(text: str, lost: tuple[int, str, str]) -> str:
    number, kind, written = lost
    line = next(line for line in _logical_lines(text) if line.number == number)
    lower = line.text.lower()
    before = lower[: max(lower.find(written.lower()), 0)]
    if "İ" in line.raw or "ı̇" in lower:
        return "lost: İ shifts positions"
    if _HEDGE.search(before):
        return "lost: a hedged figure on a line of its own"
    if kind == "table" and _TOTAL_ROW.match(lower):
        return _TOTAL_MOVED
    if kind == "table":
        return "lost: a table figure"
    return f"lost: {kind}"


_TOTAL_ROW = re.compile(r"\s*\|?\s*(?:tổng cộng|tổng số|cộng)(?![^\W\d_])")
_TOTAL_MOVED = "misplaced: a table's total row fills the record that announces the table"
# Signatures of known losses, counted instead of failing (each with a strict-xfail
# reproducer). None open: the table total that filled its announcing record (found by
# the 30-minute make fuzz run) keeps its line since _restate.restate_record.
_KNOWN_LOST: set[str] = set()
_TOTAL_FILLS = (
    "Tổng số quà đã chi là hơn 19.286 suất = 11.554.050.000 đồng. Trong đó:\n"
    "|Mức|Số suất\n|Tổng cộng|5"
)
# The same loss elsewhere: a record stated again on another line got the figures it
# lacked on its own line (a second total row, a group's row of a level, a parent
# stating only its amount above a total row of both).
_STATED_AGAIN = {
    "a table total fills its announcing record": _TOTAL_FILLS,
    "a second total row states the count the first lacks": (
        "| Mức | Số suất | Thành tiền |\n|---|---|---|\n| 600.000đ | 22 | 13.200.000 |\n"
        "| Tổng cộng | | 13.200.000 |\n| Tổng cộng | 22 | |"
    ),
    "a group row of a level over its total row": (
        "| TT | Nội dung | Số suất | Thành tiền |\n|---|---|---|---|\n| I | Mức 600.000đ | | |\n"
        "| 1 | Xã A | 22 | 13.200.000 |\n| | Cộng I | 22 | 13.200.000 |"
    ),
    "an amount above a total row of count and amount": (
        "Quà của tỉnh: 60.000đ. Trong đó:\n| Đối tượng | Số suất | Thành tiền |\n|---|---|---|\n"
        "| A | 6 | 60.000 |\n| Tổng cộng | 6 | 60.000 |"
    ),
    "hedged figures and a claim above a total row": (
        "Quà của tỉnh hơn 5 suất, trung bình mỗi suất trên 10.000 đồng. Trong đó:\n"
        "| Đối tượng | Số suất | Thành tiền |\n|---|---|---|\n| A | 6 | 60.000 |\n"
        "| Tổng cộng | 6 | 60.000 |"
    ),
}


_TABLE_LOSSES = {
    "tab-separated words taken as a header eat the line's numbers": (
        "- Mức\t600.000đ:\t774\tsuất\t=\t464.400.000đ."
    ),
    "rows above the header row": (
        "| 5 | 600.000 | 3.000.000 |\n| Mức | Số suất | Thành tiền |\n|---|---|---|\n"
        "| 600.000đ | 22 | 13.200.000 |"
    ),
    "cells beyond the header's columns": (
        "| Mức | Số suất | Thành tiền |\n|---|---|---|\n| 600.000đ | 22 | 13.200.000 | 99 |"
    ),
    "rows with only a level": (
        "| Mức | Số suất | Thành tiền |\n|---|---|---|\n| 600.000đ | 22 | 13.200.000 |\n"
        "| 300.000đ | | |"
    ),
    "counts inside label cells": (
        "| Nội dung | Số suất | Thành tiền |\n|---|---|---|\n| Hộ nghèo 12 hộ | 22 | 13.200.000 |"
    ),
    "a second total row": (
        "| Mức | Số suất | Thành tiền |\n|---|---|---|\n| 600.000đ | 22 | 13.200.000 |\n"
        "| Tổng cộng | 22 | 13.200.000 |\n| Tổng cộng | 23 | 13.800.000 |"
    ),
    "a header repeated under its rows": (
        "| Mức | Số suất | Thành tiền |\n|---|---|---|\n| 600.000đ | 22 | 13.200.000 |\n"
        "| Mức | Số suất | Thành tiền |\n| 300.000đ | 5 | 1.500.000 |"
    ),
    "a group row with only a level": (
        "| TT | Nội dung | Số suất | Thành tiền |\n|---|---|---|---|\n| I | Mức 600.000đ | | |\n"
        "| 1 | Xã A | 22 | 13.200.000 |"
    ),
}


def _table_examples(test: Any) -> Any:
    """``@example`` of every table case of issue 13 (figures that vanished), and of every
    record stated again whose figures stood on another line."""
    for text in (*_TABLE_LOSSES.values(), *_STATED_AGAIN.values()):
        test = example(text)(test)
    return test


@fuzz
@given(report_texts())
@example(EXAMPLE)
@example("Số: 12/BC-VD\nTổng số 1.251 suất quà trị giá 381.900.000 đồng. Trong đó:")
@example("Tổng số hơn 6.280 suất quà, trung bình mỗi suất trên 400.000 đồng")
@example(
    "Tổng số quà Tết và quà mừng thọ đã chi là **hơn 19.286** suất = **11.554.050.000** đồng."
    " Trong đó:\n|MỨC|SỐ SUẤT\n|TỔNG CỘNG|0"
)
@example(  # found by make fuzz: the claim of a folded restatement vanished (_restate._lone)
    "\n- 0Đ\n".join(
        [
            "Quà xã hội hóa: Tổng số 6.280 suất quà, tổng số tiền: 2.714.450.000 đồng. (trung "
            "bình mỗi suất quà trị giá trên 400.000 đồng), trong đó:"
        ]
        * 2
    )
)
@_table_examples
def test_nothing_is_lost(text: str) -> None:
    extracted = _extract(text)
    new = []
    for item in lost_numbers(text, extracted):
        sig = _lost_signature(text, item)
        if sig in _KNOWN_LOST:
            HITS[sig] += 1
        else:
            new.append((sig, item))
    assert not new, f"numbers neither read nor listed: {new}"


@fuzz
@given(st.sampled_from(_EXAMPLE_LINES), st.sampled_from(["I", "A", "Đ", "İ"]))
@example("+ Mức 600.000đ: 22 suất quà = 13.200.000đ.", "İ")
def test_a_leading_letter_does_not_change_the_figures(line: str, letter: str) -> None:
    # The figures of a line do not depend on which letter starts its label.
    plain = _extract("X " + line).report.model_dump(
        exclude={"nodes": {"__all__": {"label", "text"}}}
    )
    other = _extract(letter + " " + line).report.model_dump(
        exclude={"nodes": {"__all__": {"label", "text"}}}
    )
    assert _numbers_only(plain) == _numbers_only(other)
    dates = [(c["instrument"], c["date"]) for c in plain["citations"]]
    assert dates == [(c["instrument"], c["date"]) for c in other["citations"]]


def _numbers_only(dump: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(node.get("count"), node.get("level"), node.get("amount")) for node in dump["nodes"]]


# -- the known bugs, one reproducer each (strict: they fail once the bug is fixed) ---------


def test_fixed_i_dot_shifts_positions() -> None:
    node = extract_report(_I_DOT).report.nodes[0]
    assert (node.count, node.amount) == (122, 1_220_000)


def test_fixed_i_dot_raises() -> None:
    extract_report("İ2suất")


def test_fixed_hedged_figure_is_kept() -> None:
    extracted = extract_report(_HEDGED)
    assert not lost_numbers(_HEDGED, extracted)


def test_fixed_lone_surrogate_breaks_json() -> None:
    extract_report(_SURROGATE).model_dump_json()


def test_two_scale_words_multiply() -> None:
    # issue 13: '2,5 nghìn tỷ đồng' was read as 2.500đ by the extractor
    node = extract_report("Tổng kinh phí 2,5 nghìn tỷ đồng").report.nodes[0]
    assert node.amount == 2_500_000_000_000


@pytest.mark.parametrize("text", _TABLE_LOSSES.values(), ids=_TABLE_LOSSES.keys())
def test_table_figures_never_vanish(text: str) -> None:
    # issue 13: these table figures were neither in the tree nor 'not understood'
    assert not lost_numbers(text, extract_report(text))


def test_table_figures_read_or_listed() -> None:
    # the cases of the same issue item that hold now: keep them holding
    for text in (
        "| Nội dung | Thành tiền |\n|---|---|\n| Tặng 22 suất | 13.200.000 |",
        "| Mức | Số suất | Thành tiền |\n|---|---|---|\n| 600.000đ | 22 | 13.200.000 |\n"
        "| Tổng cộng | 22 | 13.200.000 |\n| Tổng cộng | 23 | 13.800.000 |",
    ):
        assert not lost_numbers(text, extract_report(text))


def test_a_claim_of_a_record_without_its_figures_is_listed() -> None:
    # found by the long fuzz run (an oracle fix): "trên 400.000 đồng" of a record whose
    # count is only hedged ("hơn 6.280 suất") is listed as "> 400000", not lost
    text = "Tổng số hơn 6.280 suất quà, trung bình mỗi suất trên 400.000 đồng"
    extracted = extract_report(text)
    assert [line.numbers for line in extracted.unparsed] == [("> 400000",)]
    assert not lost_numbers(text, extracted)


@pytest.mark.parametrize("text", _BEYOND.values(), ids=_BEYOND.keys())
def test_an_extracted_figure_beyond_the_limit_is_listed(text: str) -> None:
    # found by the long fuzz run: figures beyond 10^18 made extract_report raise pydantic's
    # ValidationError, or gave a count reconcile refused; they are numbers not understood
    extracted = extract_report(text)
    reconcile(extracted.report)
    assert Report.from_json(extracted.report.model_dump_json()) == extracted.report
    assert extracted.unparsed
    assert not lost_numbers(text, extracted)


@pytest.mark.parametrize("text", _STATED_AGAIN.values(), ids=_STATED_AGAIN.keys())
def test_a_record_stated_again_keeps_each_figure_on_its_line(text: str) -> None:
    # found by the 30-minute make fuzz run (_TOTAL_FILLS): a table's total row gave its
    # count to the record announcing the table ('hơn 19.286 suất … Trong đó:' states no
    # exact count), and the figure then stood on that record's line, not its own
    assert not lost_numbers(text, extract_report(text))


def _tree_depth(report: Report) -> int:
    deepest, stack = 0, [(node, 1) for node in report.nodes]
    while stack:  # iterative: Report.walk recurses
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node.children)
    return deepest


# issue 13 reproducer: 497 nested "Tổng số … Trong đó:" lines with alternating bullets
# nested 497 levels deep (no JSON, and RecursionError a few lines more); the builder now
# nests no deeper than _limits.MAX_TREE_DEPTH allows (_structure._within_depth).
@pytest.mark.parametrize("lines", [497, 600, 3000])
def test_deep_announcements_stay_within_the_tree_depth(lines: int) -> None:
    text = "\n".join(f"{'-+'[i % 2]} Tổng số {1000 - i} suất. Trong đó:" for i in range(lines))
    extracted = extract_report(text)
    assert _tree_depth(extracted.report) <= MAX_TREE_DEPTH
    assert Report.from_json(extracted.report.model_dump_json()) == extracted.report
    assert not lost_numbers(text, extracted)


def test_an_i_dot_keeps_citation_dates() -> None:
    # found in the fuzz summary: İ (U+0130) on a line made its citations lose their dates
    # (audit/extract.py _citations sliced with offsets of line.text.lower())
    text = "İ Căn cứ Quyết định số 1583/QĐ-CTN ngày 26/12/2023 của Chủ tịch nước"
    citation = extract_report(text).report.citations[0]
    assert citation.date == dt.date(2023, 12, 26)
