"""The count and measure vocabulary (audit/_units.py) and how the scanner uses it."""

import pytest

from welfare_rules.audit._numbers import scan
from welfare_rules.audit._units import COUNT_UNITS, MEASURES, alternation


def test_the_lists_are_disjoint_lowercase_and_without_duplicates() -> None:
    for words in (COUNT_UNITS, MEASURES):
        assert len(set(words)) == len(words)
        assert all(word == word.lower().strip() for word in words)
    assert not set(COUNT_UNITS) & set(MEASURES)


def test_alternation_tries_the_longest_word_first() -> None:
    assert alternation(("hộ", "hộ nghèo")).startswith("hộ\\ nghèo")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("312 định suất", "định suất"),
        ("12.415 NCT", "nct"),
        ("27 thân nhân", "thân nhân"),
        ("40 cháu", "cháu"),
        ("1.126 cụ", "cụ"),
        ("04 lượt", "lượt"),
        ("2.400 phiếu mua hàng", "phiếu mua hàng"),
        ("85 ng", "ng"),  # "Ng cao tuổi neo đơn 85 ng x 300k": a message's "người"
        ("06 nhà", "nhà"),  # "xây mới 06 nhà, mức 60.000.000 đồng/nhà": houses paid for
    ],
)
def test_count_units_are_counts(text: str, unit: str) -> None:
    (token,) = scan(text)
    assert (token.kind, token.unit) == ("count", unit)


@pytest.mark.parametrize(
    "text", ["48 xã", "5 kg gạo", "3 tấn", "5 m lụa", "12 đơn vị", "176 chi hội", "9 câu lạc bộ"]
)
def test_measures_are_accounted_for_but_never_counts(text: str) -> None:
    (token,) = scan(text)
    assert token.kind == "measure"
