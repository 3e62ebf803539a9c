"""Allocation.to_report(): the gift table's grouping (total → budget / longevity /
socialized → funding source → programme → level), and a tree that reconciles clean."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from welfare_rules.audit.reconciliation import reconcile
from welfare_rules.audit.report import Node
from welfare_rules.entitle.allocate import allocate
from welfare_rules.rules import load_ruleset, parse_ruleset

from .strategies import populations, rulesets

TET_2024 = dt.date(2024, 2, 1)
UONG_BI = load_ruleset("uong-bi-tet-2024")
_BASIS = {
    "number": "39/2009/QH12",
    "kind": "law",
    "issuer": {"vi": "Quốc hội", "en": "National Assembly"},
    "confirmed": True,
}


def _programme(ident: str, kind: str, source: str, version: dict[str, Any]) -> dict[str, Any]:
    title = {"vi": f"Chương trình {ident}", "en": f"Programme {ident}"}
    return {"id": ident, "title": title, "kind": kind, "source": source, "basis": _BASIS,
            "version": [version]}  # fmt: skip


def _levels(*levels: tuple[str, int, str]) -> dict[str, Any]:
    return {"level": [{"id": i, "amount": a, "rule": [{"category": c}]} for i, a, c in levels]}


# Every section of a city's gift table: central levels, a city source with a levels
# programme and a selected one, commune longevity brackets, and a socialized fund.
TABLE = parse_ruleset(
    {
        "id": "gift-table",
        "title": {"vi": "Bảng quà", "en": "Gift table"},
        "jurisdiction": {"vi": "Thử", "en": "Test"},
        "occasion": "tet",
        "programme": [
            _programme(
                "central",
                "levels",
                "central",
                _levels(
                    ("higher", 600_000, "heroic_mother"), ("lower", 300_000, "imprisoned_by_enemy")
                ),
            ),
            _programme(
                "city-tet", "levels", "district", _levels(("only", 700_000, "heroic_mother"))
            ),
            _programme("city-chosen", "selected", "district", {"amount": 2_000_000, "quota": 20}),
            _programme(
                "longevity",
                "longevity",
                "commune",
                {
                    "bracket": [
                        {"age": 70, "amount": 700_000},
                        {"from_age": 100, "every_year": True, "amount": 1_000_000},
                    ]
                },
            ),
            _programme("fund", "levels", "socialized", _levels(("gift", 400_000, "heroic_mother"))),
        ],
    }
)
PEOPLE = [
    {"birth_year": 1954, "categories": ["heroic_mother"], "selections": ["city-chosen"]},
    {"birth_year": 1920, "categories": ["imprisoned_by_enemy"]},
    {"birth_year": 1920, "categories": ["imprisoned_by_enemy"]},
]


def shape(node: Node) -> tuple[Any, ...]:
    """The tree as (label, count, level, amount, source, children) tuples."""
    source = node.source.value if node.source else None
    children = tuple(shape(child) for child in node.children)
    return (node.label, node.count, node.level, node.amount, source, children)


def test_the_tree_mirrors_a_gift_table() -> None:
    report = allocate(PEOPLE, TABLE, on=TET_2024).to_report(lang="en")
    assert report.title == "Gift budget under ruleset gift-table, on 01/02/2024"
    [root] = report.nodes
    assert shape(root) == (
        "All gifts (gift-table, on 01/02/2024)", 9, None, 7_000_000, None,
        (
            ("Tết gifts from the budget", 5, None, 3_900_000, None, (
                ("Central funding", 3, None, 1_200_000, "central", (
                    # one programme in the source: its levels directly
                    ("Level VND 600,000", 1, 600_000, 600_000, "central", ()),
                    ("Level VND 300,000", 2, 300_000, 600_000, "central", ()),
                )),
                ("District/city funding", 2, None, 2_700_000, "district", (
                    # several programmes in the source: a node per programme
                    ("Programme city-tet", 1, None, 700_000, "district", (
                        ("Level VND 700,000", 1, 700_000, 700_000, "district", ()),
                    )),
                    ("Programme city-chosen: Level VND 2,000,000", 1, 2_000_000, 2_000_000,
                     "district", ()),
                )),
            )),
            ("Longevity gifts", 3, None, 2_700_000, None, (
                ("Commune/ward funding", 3, None, 2_700_000, "commune", (
                    ("Age 70", 1, 700_000, 700_000, "commune", ()),
                    ("Age 100 and over", 2, 1_000_000, 2_000_000, "commune", ()),
                )),
            )),
            ("Socialized gifts", 1, None, 400_000, None, (
                ("Socialized funding", 1, None, 400_000, "socialized", (
                    ("Level VND 400,000", 1, 400_000, 400_000, "socialized", ()),
                )),
            )),
        ),
    )  # fmt: skip
    assert reconcile(report).findings == ()


def test_vietnamese_labels_by_default() -> None:
    [root] = allocate(PEOPLE, TABLE, on=TET_2024).to_report().nodes
    assert [n.label for n in root.children] == [
        "Quà Tết từ nguồn ngân sách",
        "Quà mừng thọ người cao tuổi",
        "Quà từ nguồn xã hội hóa",
    ]
    assert root.children[0].children[0].children[0].label == "Mức 600.000 đ"


def test_uong_bi_report_groups_like_the_source_table() -> None:
    people = [
        {"birth_year": 1954, "categories": {"war_invalid": {"injury_rate": 85}}},
        {"birth_year": 1954, "categories": ["imprisoned_by_enemy"]},
        {"birth_year": 1944, "selections": ["city-special-hardship"]},
        {"birth_year": 1924},
    ]
    result = allocate(people, UONG_BI, on=TET_2024)
    report = result.to_report()
    [root] = report.nodes
    assert [n.label for n in root.children] == [
        "Quà Tết từ nguồn ngân sách",
        "Quà mừng thọ người cao tuổi",
    ]
    budget, longevity = root.children
    assert [n.source.value for n in budget.children if n.source] == ["central", "district"]
    assert [(n.count, n.level, n.amount) for n in budget.children[0].children] == [
        (1, 600_000, 600_000),
        (1, 300_000, 300_000),
    ]
    assert [n.source.value for n in longevity.children if n.source] == ["district", "commune"]
    assert root.amount == 600_000 + 300_000 + 1_000_000 + 900_000 + 1_700_000 + 2 * 700_000
    assert reconcile(report).findings == ()


def test_lines_with_no_gift_and_undetermined_cases_are_left_out() -> None:
    people = [{"birth_year": 1954}, {"categories": ["war_invalid"]}, {"birth_year": 1990}]
    result = allocate(people, UONG_BI, on=TET_2024)
    assert result.undetermined_count > 0
    [root] = result.to_report().nodes
    [longevity] = root.children
    [commune] = longevity.children
    assert [(n.label, n.count) for n in commune.children] == [("Tuổi 70", 1)]
    assert (root.count, root.amount) == (result.total.count, result.total.amount) == (1, 700_000)


def test_an_allocation_with_no_gift_is_an_empty_total() -> None:
    report = allocate([{"birth_year": 1990}], UONG_BI, on=TET_2024).to_report()
    [root] = report.nodes
    assert (root.count, root.amount, root.children) == (0, 0, ())
    assert reconcile(report).findings == ()


@settings(max_examples=40)
@given(ruleset=rulesets(), data=st.data())
def test_the_loop_closes_allocation_report_reconciles(ruleset: Any, data: Any) -> None:
    ids = tuple(p.id for p in ruleset.all_programmes() if p.kind == "selected")
    people = data.draw(populations(selections=ids))
    on: dt.date = data.draw(st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)))
    on = on if ruleset.applies_on(on) else (ruleset.period[0] or on)
    result = allocate(people, ruleset, on=on)
    report = result.to_report(lang=data.draw(st.sampled_from(["vi", "en"])))
    assert reconcile(report).findings == ()
    root = report.nodes[0]
    assert (root.count, root.amount) == (result.total.count, result.total.total)
    for source, totals in result.by_source().items():  # each source's nodes sum to its total
        nodes = [n for section in root.children for n in section.children if n.source is source]
        assert sum(n.amount or 0 for n in nodes) == totals.total
        assert sum(n.count or 0 for n in nodes) == totals.count


def test_a_level_with_goods_counts_them_and_says_so() -> None:
    """Issue 14: at 90 the gift is 500.000 đ and 150.000 đ of goods: the leaf's level and
    amount hold both (so the tree still reconciles) and its label says how much is goods."""
    on = dt.date(2024, 3, 1)
    result = allocate({"birth_year": [1934] * 104 + [1924] * 7}, "vn-longevity", on=on)
    for lang, words in (
        ("vi", "(gồm 150.000 đ hiện vật)"),
        ("en", "(of which VND 150,000 in kind)"),
    ):
        report = result.to_report(lang=lang)
        assert reconcile(report).findings == ()
        root = report.nodes[0]
        assert root.amount == 72_500_000
        leaves = [n for n in _leaves(root) if n.count == 104]
        assert [(n.level, n.amount) for n in leaves] == [(650_000, 67_600_000)]
        assert leaves[0].label.endswith(words)


def _leaves(node: Any) -> list[Any]:
    return [node] if not node.children else [x for c in node.children for x in _leaves(c)]
