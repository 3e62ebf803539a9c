"""Tests for audit/report.py: the tree, its JSON round trip, and Report.edits()."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import ValidationError

from welfare_rules._validation import first_problem
from welfare_rules.audit.report import Citation, Claim, Node, Report, Restatement
from welfare_rules.errors import ReportDataError

from .strategies import report_trees


def _report() -> Report:
    leaf = Node(label="500k", count=5502, level=500_000, amount=2_721_000_000, line=37)
    return Report(
        title="t",
        date=dt.date(2024, 3, 4),
        nodes=(
            Node(
                label="provincial",
                count=5502,
                amount=2_751_000_000,
                children=(leaf,),
                restatements=(Restatement(field="count", value=5502),),
                claims=(Claim(expression="amount >= 500000 * count"),),
            ),
        ),
        citations=(Citation(instrument="1583/QĐ-CTN", date=dt.date(2023, 12, 26)),),
    )


def test_json_round_trip() -> None:
    report = _report()
    assert Report.model_validate_json(report.model_dump_json()) == report


def test_walk_node_labels() -> None:
    report = _report()
    assert [path for path, _ in report.walk()] == [(0,), (0, 0)]
    assert report.node((0, 0)).line == 37
    assert report.labels((0, 0)) == ("provincial", "500k")
    with pytest.raises(IndexError):
        report.node(())


def test_money_is_strict_int() -> None:
    with pytest.raises(ValidationError):
        Node(label="x", amount=1.0)  # type: ignore[arg-type]


def test_edits_and_compile() -> None:
    report = _report()
    edits = report.edits()
    assert [edit.kind for edit in edits] == [
        "count_sum",
        "amount_sum",
        "restatement",
        "claim",
        "product",
    ]
    violated = [edit for edit in edits if not edit.holds(report.compile().values)]
    assert [edit.kind for edit in violated] == ["amount_sum", "product"]


@given(report_trees())
def test_json_round_trip_of_generated_trees(report: Report) -> None:
    assert Report.model_validate_json(report.model_dump_json()) == report
    assert Report.from_json(report.model_dump_json()) == report
    assert Report.from_dict(report.model_dump(mode="json")) == report


@pytest.mark.parametrize(
    ("data", "path", "english"),
    [
        ({"nodes": [{"label": "x", "amount": 5.0}]}, "nodes[0].amount", "a float (5.0)"),
        ({"nodes": [{"label": "x", "count": -1}]}, "nodes[0].count", "negative value -1"),
        ({"nodes": [{"amount": 5}]}, "nodes[0].label", "required key missing"),
        ({"nodes": [{"label": "x", "colour": 5}]}, "nodes[0].colour", "unknown key"),
        ({"nodes": [{"label": "x", "source": "moon"}]}, "nodes[0].source", "funding source"),
    ],
)
def test_bad_data_names_the_key_path_in_both_languages(
    data: dict[str, object], path: str, english: str
) -> None:
    with pytest.raises(ReportDataError) as info:
        Report.from_dict(data)
    assert info.value.path == path
    assert english in str(info.value)
    assert path in info.value.text.vi
    with pytest.raises(ReportDataError):
        Report.from_json(json.dumps(data))


def test_with_figure_replaces_one_figure_and_leaves_the_original() -> None:
    report = _report()
    changed = report.with_figure((0, 0), "count", 5503)
    assert changed.node((0, 0)).count == 5503
    assert report.node((0, 0)).count == 5502
    restated = report.with_figure((0,), "count", 1, restatement=0)
    assert restated.node((0,)).restatements[0].value == 1
    assert restated.node((0,)).count == 5502


def _deep_tree(depth: int) -> dict[str, object]:
    node: dict[str, object] = {"label": "x", "amount": 1}
    for _ in range(depth):
        node = {"label": "x", "children": [node]}
    return {"nodes": [node]}


@pytest.mark.parametrize("depth", [49, 1000, 100_000])
def test_a_tree_past_the_depth_limit_is_report_data_error(depth: int) -> None:
    # issue 13: Report.from_dict on a 1.000-deep tree raised RecursionError while
    # building its own message; the depth is now measured first (iteratively)
    with pytest.raises(ReportDataError) as caught:
        Report.from_dict(_deep_tree(depth))
    assert "100" in caught.value.localized("en")
    assert "tầng" in caught.value.localized("vi")
    leaf = '{"label": "x", "amount": 1}'
    text = '{"nodes": [' + '{"label": "x", "children": [' * depth + leaf + "]}" * depth + "]}"
    with pytest.raises(ReportDataError, match="line 1"):
        Report.from_json(text)


def test_a_tree_within_the_depth_limit_reads() -> None:
    report = Report.from_dict(_deep_tree(48))
    assert Report.from_json(report.model_dump_json()) == report


def test_lone_surrogates_become_replacement_characters() -> None:
    report = Report.from_dict(
        {
            "title": "\ud800",
            "nodes": [
                {"label": "a\udfff", "claims": [{"expression": "amount > 0", "text": "\ud801"}]}
            ],
        }
    )
    assert (report.title, report.nodes[0].label) == ("\ufffd", "a\ufffd")
    assert report.nodes[0].claims[0].text == "\ufffd"
    assert Report.from_json(report.model_dump_json()) == report
    assert Report.from_json('{"title": "x\\udfffy"}').title == "x\ufffdy"
    assert Report.from_json('{"title": "\\ud83d\\ude00"}').title == "\U0001f600"  # a pair


@pytest.mark.parametrize("expression", ["600.000đ", "count >", "x == 1", "amount ** 2 == 4"])
def test_a_claim_that_is_no_edit_is_refused_with_its_key_path(expression: str) -> None:
    child = {"label": "y", "claims": [{"expression": "amount > 0"}, {"expression": expression}]}
    data = {"nodes": [{"label": "x"}, {"label": "z", "children": [child]}]}
    with pytest.raises(ReportDataError) as caught:
        Report.from_dict(data)
    assert caught.value.path == "nodes[1].children[0].claims[1].expression"
    assert caught.value.localized("vi") != caught.value.localized("en")
    with pytest.raises(ReportDataError):
        Report.from_json(json.dumps(data))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
def test_from_json_reads_bytes_in_any_unicode_encoding(encoding: str) -> None:
    text = '{"title": "Tết", "nodes": [{"label": "Mức 500.000đ", "amount": 1}]}'
    report = Report.from_json(text.encode(encoding))
    assert report.title == "Tết"


@pytest.mark.parametrize(
    "text", ["{", '{"nodes": [{"label": "x", "amount": ' + "1" * 5000 + "}]}", b"\xff\xfe\x00"]
)
def test_from_json_bad_json_is_report_data_error(text: str | bytes) -> None:
    with pytest.raises(ReportDataError):
        Report.from_json(text)


@pytest.mark.parametrize(
    ("node", "path"),
    [
        ({"label": "x", "count": 10**19}, "nodes[0].count"),
        (
            {"label": "x", "count": 1, "restatements": [{"field": "count", "value": 10**30}]},
            "nodes[0].restatements[0].value",
        ),
        (
            {
                "label": "x",
                "count": 1,
                "bounds": [{"field": "count", "written": 10**25, "hedge": "more"}],
            },
            "nodes[0].bounds[0].written",
        ),
    ],
)
def test_figures_beyond_the_limit_are_refused_with_their_key_path(
    node: dict[str, object], path: str
) -> None:
    # found by the long fuzz run: a count of 10^19 passed from_dict, and reconcile then
    # raised MoneyRangeError from the diagnosis
    with pytest.raises(ReportDataError) as caught:
        Report.from_dict({"nodes": [node]})
    assert caught.value.path == path
    assert "10^18" in caught.value.localized("vi")
    assert Report.from_dict({"nodes": [{"label": "x", "count": 10**18}]}).nodes[0].count == 10**18


def _whole_way(data: object) -> tuple[str, str] | None:
    """The first problem as validating the data whole gives it (before issue 15, and what
    ``from_dict`` still does): ``(path, English reason)``, or ``None`` if it validates."""
    try:
        Report.model_validate(data)
    except ValidationError as exc:
        path, reason, _value = first_problem(exc)
        return path, reason.en
    return None


_CORRUPTIONS: list[tuple[str, object]] = [
    ("title", 5),
    ("date", "2024-13-40"),
    ("citations", [{"instrument": 5}]),
    ("colour", "red"),
    ("amount", 1.5),
    ("count", -3),
    ("level", "x"),
    ("hue", 1),
    ("label", None),
]


@st.composite
def _corrupted(draw: st.DrawFn) -> dict[str, Any]:
    """A generated report's JSON data with one to four values made wrong, at the top or
    in any node: which error comes first must not depend on how it is validated."""
    data: dict[str, Any] = draw(report_trees()).model_dump(mode="json")
    nodes: list[dict[str, Any]] = []
    stack = list(data["nodes"])
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack += node["children"]
    for key, value in draw(st.lists(st.sampled_from(_CORRUPTIONS), min_size=1, max_size=4)):
        if key in ("title", "date", "citations", "colour"):
            data[key] = value
        else:
            draw(st.sampled_from(nodes))[key] = value
    return data


@given(_corrupted())
@example({"title": 5, "nodes": [{"label": None}], "colour": 1})
@example({"nodes": [{"label": "x"}, {"label": "y", "amount": 1.5}], "citations": [{}]})
@example({"nodes": [{"label": "x", "hue": 1}], "date": "2024-13-40"})
def test_from_json_finds_the_first_problem_validating_whole_data_finds(
    data: dict[str, Any],
) -> None:
    # issue 15: from_json validates one top-level node at a time (the other keys first);
    # the problem it names must be the one validating the data whole names
    expected = _whole_way(data)
    assert expected is not None
    with pytest.raises(ReportDataError) as caught:
        Report.from_json(json.dumps(data))
    assert (caught.value.path, caught.value.reason.en) == expected
    with pytest.raises(ReportDataError) as caught:
        Report.from_dict(data)
    assert (caught.value.path, caught.value.reason.en) == expected


def test_from_dict_leaves_the_callers_data_as_it_was() -> None:
    # from_json drops each parsed node as it builds it (its own data); from_dict must not
    data = _report().model_dump(mode="json")
    before = json.dumps(data)
    Report.from_dict(data)
    assert json.dumps(data) == before


def test_from_json_stores_repeated_labels_and_figures_once() -> None:
    item = {"label": "Mức 500.000đ", "count": 5502, "level": 500_000, "amount": 2_751_000_000}
    text = json.dumps({"nodes": [{"label": "xã A", "children": [item]}, item, item]})
    report = Report.from_json(text)
    first, second, third = report.nodes[0].children[0], report.nodes[1], report.nodes[2]
    assert first == second == third
    for field in ("label", "count", "level", "amount"):
        assert getattr(first, field) is getattr(second, field) is getattr(third, field)
    from_dict = Report.from_dict(json.loads(text))
    assert from_dict.nodes[1].amount is from_dict.nodes[2].amount
    alone = [Node.model_validate(data) for data in json.loads(text)["nodes"][1:]]
    assert alone[0].amount is not alone[1].amount  # shared only while reading a report


# -- the fast way of from_json (issue 15) -------------------------------------------------


def _careful(text: str | bytes) -> Report | tuple[str | None, str]:
    try:
        return Report._read_careful(text)
    except ReportDataError as exc:
        return exc.path, exc.reason.en


_WAYS = ["text", "pieces"]
"""The fast ways: JSON text read straight into nodes (msgspec, the fast extra), or parsed
in pieces and the nodes built from the parsed data (without msgspec)."""


def _fast(text: str | bytes, way: str = "text") -> Report | tuple[str | None, str] | None:
    with pytest.MonkeyPatch.context() as patch:
        if way == "pieces":
            patch.setattr("welfare_rules.audit.nodes.msgspec", None)
        try:
            return Report._read_fast(text)
        except ReportDataError as exc:
            return exc.path, exc.reason.en


def _same_reports(fast: Report, careful: Report) -> None:
    assert fast == careful
    assert fast.model_dump_json() == careful.model_dump_json()
    assert fast.model_dump_json(exclude_unset=True) == careful.model_dump_json(exclude_unset=True)
    assert fast.model_fields_set == careful.model_fields_set
    for (_, mine), (_, theirs) in zip(fast.walk(), careful.walk(), strict=True):
        assert mine.model_fields_set is theirs.model_fields_set


def _agrees(text: str | bytes, way: str = "text") -> bool:
    """Whether the fast way gives what the careful way gives (``False`` if it declined)."""
    careful, fast = _careful(text), _fast(text, way)
    if fast is None:
        return False
    if isinstance(careful, Report):
        assert isinstance(fast, Report)
        _same_reports(fast, careful)
    else:
        assert fast == careful  # an error only _checked finds: the same error
    return True


@given(report_trees(), st.booleans(), st.integers(1, 400), st.sampled_from(_WAYS))
def test_the_fast_way_reads_what_the_careful_way_reads(
    report: Report, every_key: bool, piece_bytes: int, way: str
) -> None:
    text = report.model_dump_json(exclude_unset=not every_key)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("welfare_rules._limits.PIECE_BYTES", piece_bytes)
        assert _agrees(text, way)  # a valid report: never declined
        assert _agrees(text.encode(), way)


@given(_corrupted())
@example({"nodes": [{"label": "x", "count": 10**19}]})  # only _checked refuses it
@example({"nodes": [{"label": "x", "count": 10**150}]})  # a number past 100 digits
@example({"nodes": [{"label": "x", "restatements": [{"field": "count", "value": 10**30}]}]})
@example({"nodes": [{"label": "x", "claims": [{"expression": "x == 1"}]}]})
def test_what_the_careful_way_refuses_the_fast_way_does_not_accept(data: dict[str, Any]) -> None:
    text = json.dumps(data)
    careful = _careful(text)
    assert not isinstance(careful, Report)
    for way in _WAYS:
        assert _fast(text, way) in (None, careful)
    with pytest.raises(ReportDataError) as caught:
        Report.from_json(text)
    assert (caught.value.path, caught.value.reason.en) == careful


@pytest.mark.parametrize(
    "text",
    [
        '{"nodes": [{"label": "a},{\\"label\\": [x", "amount": 1}, {"label": "]]]}}}"}]}',
        '{"title": "\\"nodes\\": [", "nodes": [{"label": "x"}], "citations": []}',
        '{"nodes": [{"label": "x", "line": "5"}]}',  # validation converts the line
        '{"nodes": [{"label": "x", "amount": 1}], "nodes": [{"label": "y"}]}',
        '{"nodes": [{"label": "Tết \\ud83d\\ude00"}]}',  # a pair of surrogate escapes
    ],
)
def test_awkward_reports_read_as_the_careful_way_reads_them(text: str) -> None:
    assert Report.from_json(text) == Report._read_careful(text)
    for way in _WAYS:
        _agrees(text, way)


def test_a_deep_tree_the_fast_way_leaves_reads_the_careful_way() -> None:
    report = Report.from_dict(_deep_tree(48))  # 49 levels: its JSON may nest past 100
    text = report.model_dump_json()
    for way in _WAYS:
        assert _fast(text, way) is None
    assert Report.from_json(text) == report
