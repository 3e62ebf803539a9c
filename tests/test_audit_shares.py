"""Percentages checked against the figures they divide (audit/shares.py, audit/_shares.py)."""

from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.audit.read import Document, audit_document

PERCENT_COLUMN = """\
Toàn xã hiện có 2.000 người cao tuổi.

| Độ tuổi | Số người | Tỷ lệ so với tổng số NCT (%) | Mức quà (đồng/người) | Thành tiền (đồng) |
|---|---:|---:|---:|---:|
| 70 | 100 | 5,00 | 300.000 | 30.000.000 |
| 80 | 50 | 2,50 | 400.000 | 20.000.000 |
| 90 | 23 | 1,15 | 500.000 | 11.500.000 |
| **Tổng cộng** | **173** | **8,65** | | **61.500.000** |
"""


def _errors(text: str) -> list:  # type: ignore[type-arg]
    audit = audit_document(Document.from_text(text, name="x.md"))
    return [f for f in audit.result.findings if f.severity == "error"]


def test_a_percentage_column_of_a_count_stated_before_the_table_holds() -> None:
    assert _errors(PERCENT_COLUMN) == []
    audit = audit_document(Document.from_text(PERCENT_COLUMN, name="x.md"))
    assert audit.complete
    assert not audit.unparsed  # ages and percentages are accounted for


def test_a_wrong_percentage_is_corrected_in_its_decimals() -> None:
    (finding,) = _errors(PERCENT_COLUMN.replace("| 1,15 |", "| 1,51 |"))
    assert finding.kind == "share_mismatch"
    assert (finding.line, finding.reported, finding.suggested) == (
        7,
        Decimal("1.51"),
        Decimal("1.15"),
    )
    assert finding.to_dict()["suggested"] == 1.15  # JSON numbers


def test_a_share_named_by_its_part() -> None:
    text = (
        "1. Quà của tỉnh\n"
        "- Hộ nghèo: 10 suất x 500.000 đồng = 5.000.000 đồng.\n"
        "Cộng quà của tỉnh: 10 suất, kinh phí 5.000.000 đồng.\n"
        "2. Quà của huyện\n"
        "- Hộ cận nghèo: 30 suất x 500.000 đồng = 15.000.000 đồng.\n"
        "Cộng quà của huyện: 30 suất, kinh phí 15.000.000 đồng.\n"
        "Tổng cộng: 40 suất, kinh phí 20.000.000 đồng; trong đó quà của tỉnh chiếm 25% tổng kinh phí.\n"
    )
    assert _errors(text) == []
    (finding,) = _errors(text.replace("chiếm 25%", "chiếm 52%"))
    assert (finding.reported, finding.suggested) == (Decimal(52), Decimal(25))


def test_a_share_of_the_total_named_before_it_on_the_line() -> None:
    text = "Công ty A tổng số 3.899 người, đi làm 3.418 người đạt tỷ lệ 87,66% quân số.\n"
    assert _errors(text) == []
    (finding,) = _errors(text.replace("87,66", "86,76"))
    assert finding.suggested == Decimal("87.66")


@given(st.integers(min_value=1, max_value=10_000), st.integers(min_value=1, max_value=10_000))
@example(388, 16_000)
def test_the_rounded_share_always_holds(part: int, extra: int) -> None:
    whole = part + extra
    percent = f"{round(Decimal(part) * 100 / whole, 1):.1f}".replace(".", ",")
    text = f"Tổng số {whole} người, trong đó {part} người ({percent}%).\n"
    assert [f for f in _errors(text) if f.kind == "share_mismatch"] == []
