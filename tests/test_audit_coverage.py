"""Figures no check covers (audit/coverage.py)."""

from welfare_rules.audit.coverage import unchecked_figures
from welfare_rules.audit.report import Bound, Node, Report


def test_a_lone_figure_is_unchecked_and_a_product_is_not() -> None:
    report = Report(
        nodes=(
            Node(label="x", count=2, level=5, amount=10, line=1),
            Node(label="lone", count=200, amount=80_000_000, line=2),
        )
    )
    unchecked = unchecked_figures(report)
    assert [(figure.line, figure.field, figure.value) for figure in unchecked] == [
        (2, "count", 200),
        (2, "amount", 80_000_000),
    ]
    assert unchecked[0].to_dict()["label"] == "lone"


def test_a_figure_with_a_bound_is_checked() -> None:
    bound = Bound(field="count", written=150, hedge="more")
    report = Report(nodes=(Node(label="lone", count=200, line=1, bounds=(bound,)),))
    assert unchecked_figures(report) == ()


def test_a_figure_a_percentage_divides_is_checked() -> None:
    from welfare_rules.audit.report import Share

    share = Share(field="count", percent="50", part=(1,), whole=(0,))
    report = Report(
        nodes=(Node(label="all", count=200, line=1, shares=(share,)), Node(label="half", count=100))
    )
    assert unchecked_figures(report) == ()


def test_the_parts_a_hedged_total_is_checked_against_are_checked() -> None:
    # found by the reliability helper: the parts' figures a bound is checked against (its
    # node states no exact figure of the field) were listed as unchecked
    parts = (Node(label="a", count=2500, line=2), Node(label="b", count=1950, line=3))
    hedged = Bound(field="count", written=4400, hedge="more", line=1)
    total = Node(label="tổng", line=1, children=parts, bounds=(hedged,), amount=9_000_000)
    unchecked = unchecked_figures(Report(nodes=(total,)))
    assert [(u.path, u.field) for u in unchecked] == [((0,), "amount")]


def test_the_counts_and_levels_a_hedged_amount_is_checked_against_are_checked() -> None:
    parts = (
        Node(label="tỉnh", count=830, level=500_000, line=2),
        Node(label="huyện", count=700, level=500_000, line=2),
    )
    rounded = Bound(field="amount", written=770_000_000, hedge="rounded", precision=10**7, line=1)
    total = Node(label="tổng", line=1, count=1_530, children=parts, bounds=(rounded,))
    assert unchecked_figures(Report(nodes=(total,))) == ()
    # a one-sided bound ("hơn 400 triệu") cannot vouch for a level: 50.000 would pass
    more = Bound(field="amount", written=400_000_000, hedge="more", line=1)
    one_sided = total.model_copy(update={"bounds": (more,)})
    assert {u.field for u in unchecked_figures(Report(nodes=(one_sided,)))} == {"amount", "level"}
    lone = Node(label="xã", count=5, line=3)  # neither an amount nor a level: no witness
    unpriced = total.model_copy(update={"children": (*parts, lone)})
    assert ((0,), "amount") in {
        (u.path, u.field) for u in unchecked_figures(Report(nodes=(unpriced,)))
    }


def test_a_count_over_named_parts_with_sums_is_unchecked_not_alone() -> None:
    from welfare_rules.audit.read import Document, audit_document

    people = "\n".join(f"- Cụ {name}: 500.000 đồng" for name in ("An", "Bình", "Cường", "Dung"))
    text = f"Hội tặng quà cho 5 cụ, cụ thể:\n{people}\nTổng kinh phí: 2.000.000 đồng.\n"
    audit = audit_document(Document.from_text(text, name="x.txt"))
    assert [(u.field, u.value) for u in audit.not_checked] == [("count", 5)]  # once alone
    # an amount over counts by village: nothing prices it, so it stands alone
    villages = "Trao 240 suất, tổng trị giá 96.000.000 đồng.\nSố suất phân bổ cho các ấp:\n"
    villages += "Ấp 1: 60 suất\nẤp 2: 80 suất\nẤp 3: 100 suất\n"
    assert audit_document(Document.from_text(villages, name="y.txt")).complete


def test_a_level_passed_down_to_rows_is_checked_by_their_products() -> None:
    from welfare_rules.audit.read import Document, audit_document

    text = (
        "Mỗi suất quà trị giá 500.000 đồng. Cụ thể, huyện Tiên Yên 312 suất (156 triệu"
        " đồng), Bình Liêu 287 suất (143,5 triệu đồng). Tổng cộng 599 suất.\n"
    )
    audit = audit_document(Document.from_text(text, name="x.md"))
    assert audit.complete  # the level line had been listed as unchecked
    slipped = audit_document(Document.from_text(text.replace("500.000", "50.000"), name="x.md"))
    assert [f for f in slipped.result.findings if f.severity == "error"]
    lone = Node(label="Mức 500.000đ", level=500_000, line=1)
    unrelated = Node(label="xã A", count=3, level=300_000, amount=900_000, line=2)
    assert [u.field for u in unchecked_figures(Report(nodes=(lone, unrelated)))] == ["level"]
