"""Tests of welfare_rules.views.entitlement_text: one person's gifts, a population's budget."""

from __future__ import annotations

import datetime as dt

from welfare_rules.entitle.allocate import allocate
from welfare_rules.entitle.engine import entitlements
from welfare_rules.entitle.person import Person
from welfare_rules.money import format_vnd
from welfare_rules.views.entitlement_text import budget_text, entitlements_text

TET_2024 = dt.date(2024, 2, 1)


def test_each_person_with_items_and_total_or_no_gift() -> None:
    gifted = Person(id="A", birth_year=1954)
    nothing = Person(birth_year=1990)
    results = [
        (person, entitlements(person, "uong-bi-tet-2024", on=TET_2024))
        for person in (gifted, nothing)
    ]
    lines = entitlements_text(results, lang="en")
    assert lines[0] == "Person A"
    assert lines[1].startswith(f"  {format_vnd(700_000, locale='en')}: ")
    assert lines[2] == f"  Total: {format_vnd(700_000, locale='en')}"
    assert lines[3:] == ["Person 2", "  no gift"]
    assert entitlements_text([], lang="vi") == []


def test_budget_lines_add_up_to_the_total() -> None:
    allocation = allocate({"birth_year": [1954, 1954, 1944, 1990]}, "uong-bi-tet-2024", on=TET_2024)
    lines = budget_text(allocation, lang="vi")
    assert lines[0] == "Dự toán quà theo uong-bi-tet-2024, ngày 01/02/2024: 4 người"
    total = allocation.total
    amount = format_vnd(total.amount, locale="vi")
    assert f"Tổng cộng: {total.count} suất, {amount}" in lines
    assert sum(line.count("suất ×") for line in lines) == sum(
        1 for x in allocation.lines if x.count
    )


def test_explained_text_puts_each_persons_tree_under_their_gifts() -> None:
    from welfare_rules.entitle.explain import explain
    from welfare_rules.rules import load_ruleset
    from welfare_rules.views.entitlement_text import explained_document, explained_text

    ruleset = load_ruleset("vn-longevity")
    people = [Person.from_dict({"id": "A", "birth_year": 1915}), Person.from_dict({})]
    trees = [(p, explain(p, ruleset, on="2015-03-01")) for p in people]
    lines = explained_text(trees, lang="en")
    assert lines[0] == "Person A"
    assert lines[1].startswith("  VND 500,000: ")
    assert lines[3] == "  Why:"
    assert lines[4] == "    vn-longevity on 01/03/2015"
    assert "Person 2" in lines  # the second person by position, as entitlements prints it
    [first, second] = explained_document(trees, lang="en")
    assert first["total"] == 500_000
    assert first["explanation"]["kind"] == "ruleset"
    assert second["items"][0]["type"] == "undetermined"
    assert second["explanation"]["text"] == "vn-longevity on 01/03/2015"


def test_a_budget_with_goods_shows_cash_and_goods_apart() -> None:
    """Issue 14: the goods (150.000 đ each at 90) are in the totals, said apart."""
    people = {"birth_year": [1934] * 104 + [1924] * 7}
    result = allocate(people, "vn-longevity", on=dt.date(2024, 3, 1))
    vi, en = budget_text(result, lang="vi"), budget_text(result, lang="en")
    assert vi[-1] == (
        "Tổng cộng: 111 suất, 72.500.000 đ, trong đó tiền mặt 56.900.000 đ, hiện vật 15.600.000 đ"
    )
    assert en[-1].endswith("of which VND 56,900,000 in cash and VND 15,600,000 in kind")
    assert any(line.endswith("; in kind 104 × VND 150,000 = VND 15,600,000") for line in en)
    cash_only = budget_text(
        allocate({"birth_year": [1954]}, "uong-bi-tet-2024", on=dt.date(2024, 2, 1))
    )
    assert not any("hiện vật" in line for line in cash_only)  # no goods: nothing said of them
