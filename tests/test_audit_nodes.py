"""Tests for audit/nodes.py: the parts of a report tree, and how little a node keeps of
its own (the shared set of the field names given, the shared values; issue 15)."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import ValidationError

from welfare_rules.audit import nodes
from welfare_rules.audit.nodes import (
    Bound,
    Node,
    nodes_from_json_data,
    nodes_from_json_text,
    sharing,
)
from welfare_rules.audit.report import Report

from .strategies import report_trees


def test_nodes_given_the_same_fields_share_one_set_of_their_names() -> None:
    a = Node(label="a", amount=1)
    b = Node.model_validate({"label": "b", "amount": 2})
    c = Node(label="c", count=1)
    assert a.model_fields_set is b.model_fields_set
    assert a.model_fields_set == {"label", "amount"}
    assert c.model_fields_set == {"label", "count"}
    assert c.model_fields_set is not a.model_fields_set
    for change in (lambda: a.model_fields_set.add("count"), a.model_fields_set.clear):
        with pytest.raises(TypeError, match="shared"):
            change()  # shared by many nodes: read only
    assert a.model_fields_set == {"label", "amount"}


def test_copies_of_a_node_get_a_set_of_their_own() -> None:
    a = Node(label="a", amount=1)
    b = Node(label="b", amount=2)
    changed = a.model_copy(update={"count": 3})
    assert changed.model_fields_set == {"label", "amount", "count"}
    assert a.model_fields_set == b.model_fields_set == {"label", "amount"}
    assert changed.model_dump(exclude_unset=True) == {"label": "a", "amount": 1, "count": 3}
    for twin in (copy.copy(a), copy.deepcopy(a), pickle.loads(pickle.dumps(a))):
        assert twin == a
        assert twin.model_fields_set == a.model_fields_set
    deep = copy.deepcopy(a).model_copy(update={"level": 1})
    assert deep.model_fields_set == {"label", "amount", "level"}


def test_values_are_shared_only_inside_sharing() -> None:
    amount, again = int("2751000000"), int("2751000000")
    assert amount is not again
    apart = (Node(label="a", amount=amount), Node(label="b", amount=again))
    assert apart[0].amount is not apart[1].amount
    with sharing():
        shared = (Node(label="a", amount=amount), Node(label="b", amount=again))
        assert shared[0].amount is shared[1].amount
    with sharing():  # each reading has its own: nothing is kept from one to the next
        assert Node(label="c", amount=again).amount is again


def test_past_the_limit_new_values_are_kept_as_they_came(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(nodes, "SHARED_VALUES_LIMIT", 3)
    label, same_label = "".join(["mức ", "1"]), "".join(["mức ", "1"])
    amount, same_amount = int("1000001"), int("1000001")
    assert label is not same_label
    assert amount is not same_amount
    with sharing():
        early = Node(label=label, count=7, level=8)  # remembers its values: the limit is past
        late = Node(label=same_label, amount=amount)
        later = Node(label="y", amount=same_amount)
    assert late.label is early.label  # remembered before the limit: still shared
    assert late.amount is amount  # past it: kept as they came
    assert later.amount is same_amount


@given(report_trees())
@example(Report(nodes=(Node(label="x", bounds=(Bound(field="count", written=5, hedge="more"),)),)))
def test_reading_a_report_keeps_the_fields_it_was_given(report: Report) -> None:
    # the shared sets must say exactly which keys each node was given, as before
    given_only = report.model_dump(mode="json", exclude_unset=True)
    for read in (Report.from_json(json.dumps(given_only)), Report.from_dict(given_only)):
        assert read.model_dump(mode="json", exclude_unset=True) == given_only
        assert read.model_dump_json() == report.model_dump_json()


# -- nodes_from_json_data: nodes built from parsed JSON without validating each (issue 15) --

_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 3),
    st.sampled_from([10**18, 10**18 + 1, 10**19, 5502, 2_751_000_000]),
    st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: abs(f) < 1e6),
    st.sampled_from(["", "x", "Mức 500.000đ", "5", "central", "moon", "2024-01-01"]),
    st.just([]),
    st.just({}),
)
"""Values of any JSON type, in and out of each field's range."""

_PART_VALUES = st.sampled_from(
    [
        [],
        [{"field": "count", "value": 5}],
        [{"field": "count", "value": 10**30}],
        [{"field": "hue", "value": 5}],
        [{"expression": "amount > 0"}],
        [{"field": "count", "written": 5, "hedge": "more"}],
        [{"field": "amount", "percent": "2,4", "part": [0, 1], "whole": [0]}],
        [["count", 3]],
        [["colour", 3]],
        "x",
        {},
    ]
)

_FIELD_VALUES: dict[str, st.SearchStrategy[object]] = {
    name: _PART_VALUES
    if name in ("restatements", "claims", "bounds", "shares", "figure_lines")
    else _VALUES
    for name in Node.model_fields
    if name != "children"
}


@st.composite
def _json_nodes(draw: st.DrawFn, depth: int = 0) -> dict[str, object]:
    """A node object as JSON might hold one: mostly valid (a label, figures in range),
    with any field of any type now and then, an unknown key, a missing label."""
    node: dict[str, object] = {}
    if draw(st.integers(0, 9)):
        node["label"] = draw(st.sampled_from(["Mức 1", "Mức 2", "xã A"]))
    for name in draw(st.lists(st.sampled_from(sorted(_FIELD_VALUES)), max_size=6)):
        if name in ("count", "level", "amount", "line") and draw(st.booleans()):
            node[name] = draw(st.integers(1, 10**6))
        else:
            node[name] = draw(_FIELD_VALUES[name])
    if not draw(st.integers(0, 19)):
        node["colour"] = 1
    if depth < 3 and draw(st.integers(0, 2)) == 0:
        node["children"] = draw(st.lists(_json_nodes(depth + 1), max_size=3))
    return node


def _validated(items: list[dict[str, object]]) -> list[Node] | None:
    try:
        return [Node.model_validate(item) for item in items]
    except ValidationError:
        return None


def _same_nodes(built: list[Node], validated: list[Node]) -> None:
    assert built == validated
    for mine, theirs in zip(built, validated, strict=True):
        assert repr(mine) == repr(theirs)
        assert mine.model_dump_json() == theirs.model_dump_json()
        assert mine.model_dump_json(exclude_unset=True) == theirs.model_dump_json(
            exclude_unset=True
        )
        for (_, a), (_, b) in zip(mine.walk(), theirs.walk(), strict=True):
            assert a.model_fields_set is b.model_fields_set  # the one shared set


@given(st.lists(_json_nodes(), min_size=1, max_size=4))
@example([{"label": "x", "amount": 5.0}])  # a float is never money: validation explains
@example([{"label": "x", "count": True}])
@example([{"label": "x", "line": "5"}])  # validation converts it: not built here
@example([{"label": "x", "source": "central", "children": [{"label": "y", "split": True}]}])
@example([{"label": "x", "restatements": [{"field": "count", "value": 5}]}, {"label": "y"}])
def test_nodes_built_from_json_data_are_the_nodes_validation_gives(
    items: list[dict[str, object]],
) -> None:
    # whatever it builds, validating node by node gives the same nodes (and never accepts
    # less: what validation refuses, it leaves to validation)
    data = json.loads(json.dumps(items))
    validated = _validated(data)
    built = nodes_from_json_data(json.loads(json.dumps(items)))
    if validated is None:
        assert built is None
        return
    if built is not None:
        nodes_built, to_check = built
        _same_nodes(nodes_built, validated)
        report = Report(nodes=tuple(validated))
        assert to_check == any(
            (n.count or 0) > 10**18 or n.restatements or n.bounds or n.claims
            for _, n in report.walk()
        )


@given(report_trees())
def test_valid_trees_are_built_without_validation(report: Report) -> None:
    for data in (
        report.model_dump(mode="json"),
        report.model_dump(mode="json", exclude_unset=True),
    ):
        validated = _validated(data["nodes"])
        built = nodes_from_json_data(data["nodes"])
        assert built is not None
        assert validated is not None
        _same_nodes(built[0], validated)
        assert built[0] == list(report.nodes)


@pytest.mark.parametrize(
    "items",
    [
        [{"label": "x", "amount": 5.0}],
        [{"label": "x", "count": -1}],
        [{"label": "x", "level": 10**18 + 1}],
        [{"label": "x", "line": 0}],
        [{"label": "x", "factor": 0}],  # a level is paid at least once
        [{"label": "x", "factor": 1001}],  # past MAX_FACTOR: a misreading
        [{"label": "x", "factor": 2.0}],
        [{"amount": 5}],
        [{"label": "x", "colour": 5}],
        [{"label": "x", "source": "moon"}],
        [{"label": "x", "children": {}}],
        [{"label": "x", "split": 1}],
        [{"label": "x", "split": None}],  # a flag is never null
        [{"label": "x", "restatements": None}],
        [{"label": None}],
        [{"label": "x", "text": 5}],
        [{"label": "x", "claims": [{"expression": 5}]}],
        ["x"],
        {"label": "x"},
    ],
)
def test_what_validation_would_refuse_or_convert_is_left_to_it(items: object) -> None:
    assert nodes_from_json_data(items) is None


def test_trees_past_48_levels_are_left_to_validation() -> None:
    def tree(levels: int) -> dict[str, object]:
        node: dict[str, object] = {"label": "x", "amount": 1}
        for _ in range(levels - 1):
            node = {"label": "x", "children": [node]}
        return node

    built = nodes_from_json_data([tree(48)])
    assert built is not None
    assert max(len(path) for path, _ in Report(nodes=tuple(built[0])).walk()) == 48
    assert nodes_from_json_data([tree(49)]) is None  # its JSON may nest past 100


def test_built_nodes_share_values_as_validated_ones_do(monkeypatch: pytest.MonkeyPatch) -> None:
    items = [
        {"label": "".join(["mức ", "1"]), "count": int("5502"), "amount": int("2751000000")}
        for _ in range(3)
    ]
    assert items[0]["amount"] is not items[1]["amount"]
    built = nodes_from_json_data(json.loads(json.dumps(items)))
    assert built is not None
    assert built[0][0].amount is not built[0][1].amount  # outside sharing: as they came
    with sharing():
        shared = nodes_from_json_data(json.loads(json.dumps(items)))
    assert shared is not None
    first, second, third = shared[0]
    for field in ("label", "count", "amount"):
        assert getattr(first, field) is getattr(second, field) is getattr(third, field)
    monkeypatch.setattr(nodes, "SHARED_VALUES_LIMIT", 1)
    with sharing():
        limited = nodes_from_json_data(json.loads(json.dumps(items)))
    assert limited is not None
    assert limited[0][0].label is limited[0][1].label  # remembered before the limit
    assert limited[0][0].amount is not limited[0][1].amount  # past it: as they came


@pytest.mark.parametrize("factor", [0, 1001, 2.0, "3"])
def test_a_factor_outside_1_to_1000_is_refused(factor: object) -> None:
    with pytest.raises(ValidationError):
        Node.model_validate({"label": "x", "factor": factor})


def test_a_factor_is_built_from_json_data_as_validation_gives_it() -> None:
    items = [
        {"label": "Hộ nghèo", "count": 142, "level": 59_520, "factor": 3, "amount": 25_355_520}
    ]
    built = nodes_from_json_data(items)
    assert built is not None
    assert built[0] == [Node.model_validate(items[0])]
    assert built[0][0].factor == 3


# -- nodes_from_json_text: nodes read straight from JSON text by msgspec (issue 15) --------

_OTHERS = ("title", "date", "citations")


def _from_text(text: str | bytes) -> tuple[dict[str, Any], list[Node], bool] | None:
    data = text.encode() if isinstance(text, str) else text
    return nodes_from_json_text(data, "nodes", _OTHERS)


needs_msgspec = pytest.mark.skipif(nodes.msgspec is None, reason="the fast extra (msgspec)")


@needs_msgspec
@given(st.lists(_json_nodes(), min_size=1, max_size=4), st.booleans())
@example([{"label": "x", "amount": 5.0}], False)  # a float is never money
@example([{"label": "x", "count": True}], False)
@example([{"label": "x", "line": "5"}], False)  # validation converts it: not read here
@example([{"label": "x", "source": "central", "children": [{"label": "y"}]}], False)
@example([{"label": "x", "restatements": [{"field": "count", "value": 5}]}, {"label": "y"}], True)
@example([{"label": "x", "children": [], "split": False, "text": None}], False)
def test_nodes_read_from_json_text_are_the_nodes_validation_gives(
    items: list[dict[str, object]], shared: bool
) -> None:
    validated = _validated(json.loads(json.dumps(items)))
    text = json.dumps({"nodes": items})
    if shared:
        with sharing():
            read = _from_text(text)
    else:
        read = _from_text(text)
    if validated is None:
        assert read is None
        return
    if read is not None:
        rest, built, to_check = read
        assert rest == {}
        _same_nodes(built, validated)
        report = Report(nodes=tuple(validated))
        assert to_check == any(n.restatements or n.bounds or n.claims for _, n in report.walk())


@needs_msgspec
@given(report_trees())
def test_valid_trees_are_read_from_json_text(report: Report) -> None:
    for every_key in (True, False):
        text = report.model_dump_json(exclude_unset=not every_key)
        data = json.loads(text)
        validated = _validated(data["nodes"])
        assert validated is not None
        with sharing():
            read = _from_text(text)
        assert read is not None
        _same_nodes(read[1], validated)
        assert read[1] == list(report.nodes)
        assert read[0] == {key: data[key] for key in _OTHERS if key in data}


@needs_msgspec
@pytest.mark.parametrize(
    "text",
    [
        '{"nodes": [{"label": "x", "amount": 5.0}]}',
        '{"nodes": [{"label": "x", "count": -1}]}',
        '{"nodes": [{"label": "x", "count": 1000000000000000001}]}',  # _checked names it
        '{"nodes": [{"label": "x", "line": 0}]}',
        '{"nodes": [{"label": "x", "line": 1000000000000000001}]}',  # past 18 digits
        '{"nodes": [{"label": "x", "factor": 1001}]}',
        '{"nodes": [{"amount": 5}]}',
        '{"nodes": [{"label": "x", "colour": 5}]}',
        '{"nodes": [{"label": "x", "source": "moon"}]}',
        '{"nodes": [{"label": "x", "split": null}]}',
        '{"nodes": [{"label": "x", "restatements": [{"field": "count", "value": 5.0}]}]}',
        '{"nodes": [{"label": "x", "bounds": [{"field": "count", "written": 1e400}]}]}',
        '{"nodes": [{"label": "x", "claims": [{"expression": 5}]}]}',
        '{"nodes": [{"label": "\\ud800"}]}',  # a lone surrogate: the careful way replaces it
        '{"nodes": [{"label": "x"}], "colour": 1}',
        '{"nodes": [{"label": "x"}], "citations": [{"instrument": "1", "line": 2.0}]}',
        '{"nodes": [{"label": "x"}], "title": 1' + "0" * 30 + "}",
        '{"title": "x"}',
        '{"nodes": [{"label": "x"},]}',
        '{"nodes": [{"label": "x"}]} x',
        '[{"label": "x"}]',
        '{"nodes": [{"label": "a\x01b"}]}',  # a control character in a string
    ],
)
def test_what_the_careful_way_may_read_otherwise_is_left_to_it(text: str) -> None:
    assert _from_text(text) is None


@needs_msgspec
def test_text_not_in_utf8_is_left_to_the_careful_way() -> None:
    text = '{"nodes": [{"label": "Mức 1"}]}'
    assert _from_text(text.encode("utf-16")) is None
    assert _from_text(b"\xef\xbb\xbf" + text.encode()) is None
    assert _from_text('{"nodes": [{"label": "café"}]}'.encode("latin-1")) is None
    surrogate = b'{"nodes": [{"label": "a\xed\xa0\x80b"}]}'  # the careful way replaces it
    assert _from_text(surrogate) is None
    assert Report.from_json(surrogate).nodes[0].label == "a\ufffdb"
    assert _from_text(text) is not None


@needs_msgspec
def test_trees_past_48_levels_are_left_to_the_careful_way() -> None:
    def tree(levels: int) -> dict[str, object]:
        node: dict[str, object] = {"label": "x", "amount": 1}
        for _ in range(levels - 1):
            node = {"label": "x", "children": [node]}
        return node

    read = _from_text(json.dumps({"nodes": [tree(48)]}))
    assert read is not None
    assert max(len(path) for path, _ in Report(nodes=tuple(read[1])).walk()) == 48
    assert _from_text(json.dumps({"nodes": [tree(49)]})) is None


@needs_msgspec
def test_nodes_read_from_text_share_values_as_validated_ones_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    item = {"label": "mức 1", "count": 5502, "amount": 2751000000, "line": 3}
    text = json.dumps({"nodes": [item, item, {"label": "x", "children": [item]}]})
    read = _from_text(text)
    assert read is not None
    first, second = read[1][:2]
    assert first == second
    assert first.amount is not second.amount  # outside sharing: as they came
    with sharing():
        shared = _from_text(text)
    assert shared is not None
    first, second, third = shared[1][0], shared[1][1], shared[1][2].children[0]
    for field in ("label", "count", "amount"):
        assert getattr(first, field) is getattr(second, field) is getattr(third, field)
    monkeypatch.setattr(nodes, "SHARED_VALUES_LIMIT", 1)
    with sharing():
        limited = _from_text(text)
    assert limited is not None
    a, b = limited[1][:2]
    assert a.label is b.label  # remembered before the limit
    assert a.count is not b.count  # past it: as they came


@needs_msgspec
def test_mixed_keys_and_parts_are_read_node_by_node() -> None:
    items: list[dict[str, object]] = [
        {"label": "a", "count": 1},
        {"label": "b", "count": 2, "text": "b"},
        {"label": "c", "restatements": [{"field": "count", "value": 5, "line": 2}]},
        {"label": "d", "count": 3},
        {"label": "e", "children": [], "children_complete": False, "figure_lines": []},
        {"label": "f", "figure_lines": [["count", 4]], "source": "commune", "factor": 2},
    ]
    read = _from_text(json.dumps({"nodes": items, "title": "t", "date": "2024-01-02"}))
    assert read is not None
    rest, built, to_check = read
    assert rest == {"title": "t", "date": "2024-01-02"}
    validated = _validated(items)
    assert validated is not None
    _same_nodes(built, validated)
    assert to_check  # a restatement


@needs_msgspec
def test_past_the_builders_limit_nodes_are_built_field_by_field(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = [{"label": "a", "count": 1}, {"label": "b", "text": "b"}, {"label": "c", "count": 2}]
    text = json.dumps({"nodes": [*items, {"label": "d", "children": items}]})
    expected = _from_text(text)
    monkeypatch.setattr(nodes, "_BUILDERS", {})
    monkeypatch.setattr(nodes, "MAX_BUILDERS", 1)  # one signature, then field by field
    read = _from_text(text)
    assert read is not None
    assert expected is not None
    _same_nodes(read[1], expected[1])
    assert len(nodes._BUILDERS) == 1


@needs_msgspec
def test_the_decoded_node_states_every_field_of_the_model() -> None:
    assert nodes.reads_json_text()  # a field added to Node must be added to _NodeJSON too


def test_without_msgspec_nothing_is_read_from_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nodes, "msgspec", None)
    assert nodes_from_json_text(b'{"nodes": [{"label": "x"}]}', "nodes", _OTHERS) is None
    assert Report.from_json('{"nodes": [{"label": "x"}]}') == Report(nodes=(Node(label="x"),))


@pytest.mark.parametrize("per", [0, 1, 101, 2.0, "2"])
def test_a_factor_s_divisor_outside_2_to_100_is_refused(per: object) -> None:
    with pytest.raises(ValidationError):
        Node.model_validate({"label": "x", "factor": 3, "factor_per": per})


def test_a_factor_s_divisor_is_built_from_json_as_validation_gives_it() -> None:
    item = {
        "label": "Người cao tuổi",
        "count": 1_247,
        "level": 500_000,
        "factor": 3,
        "factor_per": 2,
        "amount": 935_250_000,
    }
    built = nodes_from_json_data([item])
    assert built is not None
    assert built[0] == [Node.model_validate(item)]
    assert built[0][0].factor_per == 2


def test_a_part_taken_off_is_read_from_json_as_validation_gives_it() -> None:
    item = {"label": "Chi", "amount": 127_600_000, "subtracted": True}
    built = nodes_from_json_data([item])
    assert built is not None
    assert built[0] == [Node.model_validate(item)]
    assert built[0][0].subtracted
    with pytest.raises(ValidationError):
        Node.model_validate({"label": "x", "subtracted": "maybe"})
