"""Wrapped lines joined into sentences (audit/_layout.py)."""

from welfare_rules.audit._layout import logical_lines
from welfare_rules.audit._normalize import read_lines

WRAPPED = (
    "a) Đối tượng bảo trợ xã hội đang hưởng trợ cấp tại cộng đồng: 1.200 đối tượng,\n"
    "mức 400.000 đồng/người, tổng 480.000.000 đồng.\n"
    "b) Hộ nghèo: 10 hộ, mức 500.000 đồng/hộ, tổng 5.000.000 đồng.\n"
)


def test_a_sentence_wrapped_mid_clause_is_one_line_numbered_by_its_first() -> None:
    lines = logical_lines(read_lines(WRAPPED))
    first = lines[0]
    assert first.number == 1
    assert first.text.endswith("tổng 480.000.000 đồng.")
    assert first.number_at(first.text.index("480.000.000")) == 2  # the figure keeps its line
    assert first.number_at(0) == 1
    assert lines[1].number == 3  # a new enumerated item starts a new line


def test_a_finished_sentence_a_heading_or_a_bullet_is_never_joined() -> None:
    text = "Tổng số 20 suất.\nmức 100.000đ\n# Mục 2\nthêm 3 suất\n- 4 suất\n"
    numbers = [line.number for line in logical_lines(read_lines(text)) if line.text]
    assert numbers == [1, 2, 3, 4, 5]


def test_short_lines_ended_by_the_writer_stay_apart() -> None:
    text = "Kính gửi\nmọi người\n"
    assert len([line for line in logical_lines(read_lines(text)) if line.text]) == 2


def test_table_rows_are_never_joined() -> None:
    text = "| a | 1 suất |\n| b | 2 suất |\n"
    assert len(logical_lines(read_lines(text))) == 3
