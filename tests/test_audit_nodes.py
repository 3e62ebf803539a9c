"""Tests for audit/nodes.py: the parts of a report tree, and how little a node keeps of
its own (the shared set of the field names given, the shared values; issue 15)."""

from __future__ import annotations

import copy
import json
import pickle

import pytest
from hypothesis import example, given

from welfare_rules.audit import nodes
from welfare_rules.audit.nodes import Bound, Node, sharing
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
