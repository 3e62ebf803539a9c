"""Tests for audit/slips.py: the registry of slip families, one contract for every family."""

from __future__ import annotations

from typing import get_args

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules._i18n import LANGS
from welfare_rules.audit.compile import FigureKind
from welfare_rules.audit.diagnose import slips, typo_family
from welfare_rules.audit.findings import FindingKind
from welfare_rules.audit.report import Node, Report
from welfare_rules.audit.slips import FAMILIES, SlipFamily, detect, families_for, typed

from .strategies import grouped

_NAMES = list(FAMILIES)


def _kind(family: SlipFamily) -> FigureKind | None:
    """A figure kind the family applies to (``None``: every figure, the kind unknown)."""
    return None if family.applies_to is None else family.applies_to[0]


@pytest.mark.parametrize("name", _NAMES)
def test_every_family_is_complete(name: str) -> None:
    family = FAMILIES[name]
    assert family.name == name
    for lang in LANGS:
        assert family.label.get(lang).strip()
    assert family.label.vi != family.label.en  # translated, not copied
    assert family.cost >= 1
    assert family.finding is None or family.finding in get_args(FindingKind)
    assert family.applies_to is None or set(family.applies_to) <= set(get_args(FigureKind))


@pytest.mark.parametrize("name", _NAMES)
@given(value=st.integers(0, 10**15))
@example(value=22)  # a count written 22.000 for 22 (issue 11)
@example(value=0)
@example(value=5502)
@example(value=1_137_600_000)
def test_each_slip_of_a_value_is_detected_as_its_family(name: str, value: int) -> None:
    family = FAMILIES[name]
    kind = _kind(family)
    for written in typed(value, name):
        assert family.detect(written, value)
        if value == 0 and written >= 10:  # "30" for nothing: no figure is so typed
            assert detect(written, value, kind) is None
            continue
        assert detect(written, value, kind) == name
        assert typo_family(written, value, kind) == name
    assert slips(value, name) == typed(value, name)
    assert value not in typed(value, name)


@pytest.mark.parametrize("name", _NAMES)
@given(value=st.integers(0, 10**15))
@example(value=5502)
@example(value=22)
def test_each_rewrite_of_a_written_figure_is_a_slip_of_its_value(name: str, value: int) -> None:
    family = FAMILIES[name]
    for written in (grouped(value), str(value)):
        rewritten = family.rewrite(written)
        values = {int(text.replace(".", "")) for text in rewritten}
        assert values <= set(typed(value, name)), written
        assert written not in rewritten


def test_a_rewrite_can_break_the_grouping() -> None:
    assert "5.5502" in FAMILIES["digit_inserted"].rewrite("5.502")
    assert FAMILIES["scale_down"].rewrite("22") == {"22.000"}
    assert FAMILIES["scale_up"].rewrite("1.137.600.000") == {"1.137.600"}
    assert FAMILIES["off_by_one"].rewrite("15.373") == {"15.372", "15.374"}


def test_families_apply_by_kind() -> None:
    assert [f.name for f in families_for(None)] == [
        name for name, f in FAMILIES.items() if f.applies_to is None
    ]
    assert "scale_up" in {f.name for f in families_for("money")}
    assert "off_by_one" not in {f.name for f in families_for("money")}
    assert detect(1_137_600, 1_137_600_000) is None
    assert detect(5, 5) is None
    assert detect(-1, 5) is None


def test_a_new_family_is_picked_up_by_the_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    from welfare_rules._i18n import Text
    from welfare_rules.audit.reconciliation import reconcile

    doubled = SlipFamily(
        "doubled",
        Text(vi="viết gấp đôi", en="written twice over"),
        ("money",),
        lambda written, value: written == 2 * value,
        lambda value: {str(2 * value)},
        lambda written: {str(2 * int(written.replace(".", "")))},
        finding="scale_slip",
    )
    monkeypatch.setitem(FAMILIES, "doubled", doubled)
    line = Node(label="x", count=3, level=7, amount=42, line=1)
    total = Node(label="t", count=3, amount=21, line=2, children=(line,))
    (finding,) = reconcile(Report(nodes=(total,))).findings
    assert (finding.figure, finding.suggested, finding.family) == ("n0_0_amount", 21, "doubled")
    assert finding.kind == "scale_slip"
    assert finding.message.en.startswith("written twice over: 42 → 21")


def _detected_one_by_one(written: int, value: int, kind: FigureKind | None) -> str | None:
    """What detect answered before it kept its table of families: each family asked."""
    if value == written or value < 0 or written < 0:
        return None
    if value == 0 and written >= 10:  # no figure is typed for nothing
        return None
    for family in FAMILIES.values():
        if family.applies(kind) and family.detect(written, value):
            return family.name
    if kind == "count" and value < 100:  # "01" typed "201": a small count's leading zero
        from welfare_rules.audit.slips import _padded

        return _padded(written, value)
    return None


@st.composite
def _near_pairs(draw: st.DrawFn) -> tuple[int, int]:
    """A value and a figure written near it: one step of 10^p, or 9 × k × 10^p, or any."""
    value = draw(st.integers(0, 10**15))
    step = draw(st.integers(-81, 81)) * 10 ** draw(st.integers(0, 15))
    written = draw(st.sampled_from([value + step, draw(st.integers(0, 10**15)), value * 1000]))
    return max(written, 0), value


@given(_near_pairs(), st.sampled_from([None, "count", "money"]))
@example((2_721_000_000, 2_751_000_000), None)
@example((161, 116), "count")
@example((1_000, 910), None)  # a borrow: 1.000 for 910 is no single replaced digit
@example((19, 91), "money")
@example((10, 0), None)  # "30 → 0" had been offered for a count written 30
@example((201, 1), "count")  # found by a run without extras: the leading zero of "01"
def test_detect_answers_as_each_family_asked_in_turn(
    pair: tuple[int, int], kind: FigureKind | None
) -> None:
    # issue 15: detect sorts the families out once per kind, and a replaced or swapped
    # digit is first tested on the difference; the answer must not change
    written, value = pair
    assert detect(written, value, kind) == _detected_one_by_one(written, value, kind)


@pytest.mark.parametrize(
    ("written", "value", "family"),
    [(108, 8, "digit_inserted"), (104, 4, "digit_inserted"), (905, 5, "digit_inserted")],
)
def test_a_small_count_written_with_a_leading_zero_slips_from_its_written_form(
    written: int, value: int, family: str
) -> None:
    # "08 hồ sơ" typed "108": the values alone are two digits apart, the text one
    assert detect(written, value, "count") == family
    assert detect(written, value, "money") is None  # money is not written "08"
