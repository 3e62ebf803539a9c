"""Rounded and hedged figures as bounds (report.Bound, audit/bounds.py)."""

from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.audit.bounds import check_bounds
from welfare_rules.audit.report import Bound, Node, Report


@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=0, max_value=12))
@example(1_882_900_000, 8)  # "1,9 tỷ" for 1.882.900.000: rounded up
@example(16_226_800_000, 7)  # "16,23 tỷ"
def test_a_figure_rounded_truncated_or_rounded_up_fits_its_bound(exact: int, digits: int) -> None:
    step = 10**digits
    for written in {
        (exact + step // 2) // step * step,
        exact // step * step,
        -(-exact // step) * step,
    }:
        assert Bound(field="amount", written=written, hedge="rounded", precision=step).holds(exact)


def test_hedges_are_one_sided_or_about() -> None:
    more = Bound(field="count", written=4_400, hedge="more")
    assert more.holds(4_409)
    assert not more.holds(4_000)
    about = Bound(field="count", written=300, hedge="about")
    assert about.holds(280)
    assert not about.holds(200)
    less = Bound(field="count", written=300, hedge="less")
    assert less.holds(297)
    assert not less.holds(400)


def _report(bound: Bound) -> Report:
    parts = (Node(label="a", amount=1_700_000_000), Node(label="b", amount=2_014_800_000))
    return Report(
        nodes=(Node(label="Tổng", amount=3_714_800_000, children=parts, bounds=(bound,)),)
    )


def test_a_rounded_restatement_that_fails_is_corrected_in_its_precision() -> None:
    bound = Bound(field="amount", written=3_170_000_000, hedge="rounded", precision=10**7, line=3)
    (finding,) = check_bounds(_report(bound), ())
    assert (finding.severity, finding.line, finding.suggested) == ("error", 3, 3_710_000_000)


def test_a_hedge_that_fails_is_only_a_warning() -> None:
    bound = Bound(field="amount", written=5_000_000_000, hedge="more", line=2)
    (finding,) = check_bounds(_report(bound), ())
    assert finding.severity == "warning"
    assert finding.suggested is None
