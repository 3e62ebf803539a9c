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


def _priced(written: int, hedge: str, precision: int = 1) -> Report:
    """``tổng trị giá hơn 765 triệu đồng. Trong đó … 830 suất, mỗi suất 500.000 đồng; … 700
    suất, mỗi suất 500.000 đồng``: the parts state counts and levels, no amounts."""
    parts = (
        Node(label="tỉnh", count=830, level=500_000, line=2),
        Node(label="huyện", count=700, level=500_000, line=2),
    )
    bound = Bound(field="amount", written=written, hedge=hedge, precision=precision, line=1)  # type: ignore[arg-type]
    return Report(nodes=(Node(label="Tổng", count=1_530, children=parts, bounds=(bound,)),))


@given(st.integers(min_value=0, max_value=2_000_000_000))
@example(765_000_000)  # "hơn 765 triệu": the parts' products are 415 + 350 triệu
def test_a_hedged_total_is_checked_against_its_parts_counts_times_levels(written: int) -> None:
    findings = check_bounds(_priced(written, "more"), ())
    assert (findings == []) == (written <= 765_000_000)


def test_a_rounded_total_of_priced_parts_is_corrected_in_its_precision() -> None:
    (finding,) = check_bounds(_priced(675_000_000, "rounded", 10**6), ())
    assert (finding.severity, finding.suggested) == ("error", 765_000_000)


def test_a_priced_part_found_wrong_without_a_correction_leaves_the_bound_unchecked() -> None:
    from welfare_rules._i18n import Text
    from welfare_rules.audit.findings import Finding

    wrong = Finding(
        kind="product_mismatch",
        severity="error",
        message=Text("x", "x"),
        path=(0, 1),
        field="count",
    )
    assert check_bounds(_priced(5_000_000_000, "more"), ()) != []
    assert check_bounds(_priced(5_000_000_000, "more"), (wrong,)) == []


def test_a_coefficient_s_product_is_a_whole_amount_or_none() -> None:
    from welfare_rules.audit.bounds import priced_amount

    node = Node(label="x", count=3, level=1_001, factor=3, factor_per=2)
    assert priced_amount(node, 3, 1_001) is None  # 4.504,5 đồng: no amount equals it
    assert priced_amount(node, 4, 1_001) == 6_006
