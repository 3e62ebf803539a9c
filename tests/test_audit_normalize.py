"""Tests for audit/_normalize.py: numbered lines, one normal form, the marks taken off."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.audit._alone import COMPARED, COMPARED_WORDS
from welfare_rules.audit._normalize import (
    Line,
    _line,
    may_hold,
    normalize_text,
    read_lines,
    same_length_lower,
    split_lines,
)

from .strategies import ODD_SPACES, SMART_MARKS, line_breaks, messy_line, texts_with_breaks

# -- line breaks and numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("a\nb", ["a", "b"]),
        ("a\r\nb", ["a", "b"]),  # one break, not two
        ("a\rb", ["a", "b"]),  # a lone CR (old Mac, some PDF copies) is a break
        ("a\r\n\r\nb", ["a", "", "b"]),
        ("a\n\rb", ["a", "", "b"]),  # LF then CR: two breaks
        ("a\r\r\nb", ["a", "", "b"]),
        ("", [""]),
        ("a\n", ["a", ""]),
        ("\r\n", ["", ""]),
    ],
)
def test_split_lines_counts_each_break_once(text: str, lines: list[str]) -> None:
    assert split_lines(text) == lines


@given(texts_with_breaks())
@example(
    (
        ["Tổng số 1.251 suất", "", "+ Mức 600.000đ: 22 suất"],
        "Tổng số 1.251 suất\r\n\r+ Mức 600.000đ: 22 suất",
    )
)
def test_line_numbers_survive_any_mix_of_breaks(case: tuple[list[str], str]) -> None:
    lines, text = case
    read = read_lines(text)
    assert [line.number for line in read] == list(range(1, len(lines) + 1))
    assert [line.raw for line in read] == lines


@given(texts_with_breaks(), line_breaks)
def test_each_line_is_normalised_on_its_own(case: tuple[list[str], str], newline: str) -> None:
    """The break style and the neighbouring lines never change a line's reading."""
    lines, text = case
    alone = [read_lines(line)[0] for line in lines]
    joined = read_lines(newline.join(lines))
    assert [line.text for line in read_lines(text)] == [line.text for line in alone]
    assert [line.text for line in joined] == [line.text for line in alone]


_LINE_PIECES = st.sampled_from(
    ["Tổng số 1.251 suất", "\u0301", "\u0323a", "e\u0301", "\u00a0", "\u200b", "|", "\t", "**", " "]
)


@given(st.lists(st.one_of(_LINE_PIECES, st.text(max_size=4)), max_size=12), line_breaks)
@example(["Mức", "\n", "\u0301 5 suất"], "\n")  # NFC as a whole; a line opens with a mark
@example(["a | \u0301b | c"], "\n")  # a cell opens with a mark
@example(["“quà” 5 suất", "e\u0301"], "\r\n")
def test_read_lines_reads_each_line_as_normalize_text_does(pieces: list[str], newline: str) -> None:
    """The whole text is tested once for NFC and for marks to replace (read_lines' fast
    path); each line reads as :func:`normalize_text` of it alone would read."""
    text = newline.join("".join(pieces).splitlines())
    read = read_lines(text)
    alone = [_line(number, raw, normalize_text) for number, raw in enumerate(split_lines(text), 1)]
    assert read == alone


def test_figures_keep_their_line_after_blank_and_emphasised_lines() -> None:
    text = "**BÁO CÁO**\r\n\r\n\u00a0\r- Tổng số 1.251 suất\r\n+ Mức 600.000đ: 22 suất\n"
    read = read_lines(text)
    assert len(read) == 6
    assert (read[3].number, read[3].text, read[3].bullet) == (4, "Tổng số 1.251 suất", "-")
    assert (read[4].number, read[4].text, read[4].bullet) == (5, "Mức 600.000đ: 22 suất", "+")
    assert read[2].text == ""  # a line of spaces is blank, still counted


# -- the normal form ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("**Tổng số**\u00a0 1.251  suất “quà”", 'Tổng số 1.251 suất "quà"'),  # the docstring's
        ("Tổng\u00a0số\u202f1.251\u2009suất", "Tổng số 1.251 suất"),
        ("Mức\u3000600.000đ\u2003:\u205f22 suất", "Mức 600.000đ : 22 suất"),
        ("Mức\t600.000đ\t\t22", "Mức 600.000đ 22"),  # tabs outside tables
        ("1.2\u200b51 su\u00adất\ufeff", "1.251 suất"),  # invisible characters removed
        ("__Nguồn__ **ngân sách**: ***11.115*** suất", "Nguồn ngân sách: 11.115 suất"),
        ("‘Quà Tết’ «2024» „x“", '\'Quà Tết\' "2024" "x"'),
        ("2020 – 2025 — dự toán − 5", "2020 - 2025 - dự toán - 5"),
        ("Mức 2.000.000đ × 20 suất", "Mức 2.000.000đ x 20 suất"),
        ("\\+ Mức 600.000đ \\* 2 \\(a\\)", "+ Mức 600.000đ * 2 (a)"),  # Markdown escapes
        ("  \u00a0 Tổng số \u3000 ", "Tổng số"),
        ("snake_case *one star*", "snake_case one star"),  # italics in a line; "_" kept
        ("*Đợt 1*: chi trả 1.248 suất", "Đợt 1: chi trả 1.248 suất"),
        ("2*3 = 6, a * b", "2*3 = 6, a * b"),  # no emphasis: a product
        # thousands grouped by commas: two groups, or one before a unit no decimal takes
        (
            "1,842 người x 500,000 VNĐ = 921,000,000 VNĐ",
            "1.842 người x 500.000 VNĐ = 921.000.000 VNĐ",
        ),
        ("1,5 tỷ đồng; 2,4%; 1,842; 12,500 kg", "1,5 tỷ đồng; 2,4%; 1,842; 12,500 kg"),
    ],
)
def test_normalize_text(raw: str, normal: str) -> None:
    assert normalize_text(raw) == normal


@pytest.mark.parametrize("space", ODD_SPACES)
def test_every_odd_space_reads_as_one_space(space: str) -> None:
    assert normalize_text(f"Tổng{space}số{space}{space}1.251") == "Tổng số 1.251"


@pytest.mark.parametrize(("mark", "plain"), sorted(SMART_MARKS.items()))
def test_every_smart_mark_reads_plain(mark: str, plain: str) -> None:
    assert normalize_text(f"a{mark}b") == f"a{plain}b"


def test_nfd_reads_as_nfc() -> None:
    nfc = "Mừng thọ người cao tuổi: Tuổi 80 có 375 cụ"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    assert normalize_text(nfd) == nfc


@given(messy_line())
@example("**Tổng số**\u00a0 1.251  suất “quà”")
@example(unicodedata.normalize("NFD", "\u00a0__Mức__\u2003“quà”\t—\u200b"))
def test_normalize_text_is_idempotent(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once


@given(messy_line())
def test_normal_form_properties(raw: str) -> None:
    """NFC, the same for NFC and NFD input, plain single spaces, no emphasis or smart marks."""
    normal = normalize_text(raw)
    assert unicodedata.is_normalized("NFC", normal)
    assert normalize_text(unicodedata.normalize("NFD", raw)) == normal
    assert normalize_text(unicodedata.normalize("NFC", raw)) == normal
    assert normal == normal.strip()
    assert "  " not in normal
    assert not set(normal) & (set("".join(ODD_SPACES)) - {" "})
    assert not set(normal) & set(SMART_MARKS)
    assert "**" not in normal
    assert "__" not in normal
    assert not set(normal) & {"\u200b", "\u00ad", "\ufeff"}


@given(st.text(max_size=60))
def test_normalize_never_raises_and_never_breaks_lines(text: str) -> None:
    normal = normalize_text(text.replace("\r", "").replace("\n", ""))
    assert "\n" not in normal
    assert "\r" not in normal


@pytest.mark.parametrize("invisible", ["\u00ad", "\u200b", "\ufeff"])
def test_output_is_nfc_even_when_an_invisible_character_splits_a_letter(invisible: str) -> None:
    raw = unicodedata.normalize("NFD", "Mức").replace("\u0301", invisible + "\u0301")
    assert unicodedata.is_normalized("NFC", normalize_text(raw))
    assert normalize_text(raw) == "Mức"


@pytest.mark.parametrize("raw", ["_**_", "a *__* b"])
def test_no_emphasis_mark_survives(raw: str) -> None:
    normal = normalize_text(raw)
    assert "**" not in normal
    assert "__" not in normal


def test_a_megabyte_of_odd_marks_is_linear() -> None:
    """A ceiling far above linear time and far below quadratic: no backtracking blow-up
    (speed itself is measured by benchmarks/extract_speed.py)."""
    text = "\u00a0**“\u200b\\*__" * 125_000
    normal = normalize_text(text)  # speed: benchmarks/pathological_lines.py
    assert "**" not in normal


# -- structural marks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text", "heading", "bullet", "enumerator"),
    [
        ("# BÁO CÁO", "BÁO CÁO", 1, None, None),
        ("### Quà Tết", "Quà Tết", 3, None, None),
        ("###### Sáu", "Sáu", 6, None, None),
        ("####### Bảy", "####### Bảy", 0, None, None),  # Markdown stops at six
        ("#Không", "#Không", 0, None, None),  # a mark needs its space
        ("- Nguồn tỉnh: 7.432 suất", "Nguồn tỉnh: 7.432 suất", 0, "-", None),
        ("+ Mức 600.000đ", "Mức 600.000đ", 0, "+", None),
        ("* Mức 600.000đ", "Mức 600.000đ", 0, "*", None),
        ("• Mức 600.000đ", "Mức 600.000đ", 0, "•", None),
        ("· Mức 600.000đ", "Mức 600.000đ", 0, "•", None),  # other dots read as "•"
        ("● Mức 600.000đ", "Mức 600.000đ", 0, "•", None),
        ("– Mức 600.000đ", "Mức 600.000đ", 0, "-", None),  # an en dash bullet
        ("**- Tổng số** 30 suất", "Tổng số 30 suất", 0, "-", None),
        ("\u00a0\u00a0+\u00a0Mức 600.000đ", "Mức 600.000đ", 0, "+", None),
        ("-5 suất", "-5 suất", 0, None, None),  # a minus, not a bullet
        ("1. Quà Tết", "Quà Tết", 0, "1.", "1"),
        ("2) Quà Tết", "Quà Tết", 0, "1.", "2"),
        ("2.1. Quà Tết", "Quà Tết", 0, "1.1.", "2.1"),  # one bullet per depth
        ("3.1.1. Quà", "Quà", 0, "1.1.1.", "3.1.1"),
        ("a) Hộ nghèo", "Hộ nghèo", 0, "a)", "a"),
        ("II. KẾT QUẢ", "KẾT QUẢ", 2, None, "II"),
        ("### 1.2. Chi trả", "Chi trả", 3, None, "1.2"),
        ("- 3. Quà", "Quà", 0, "-", "3"),
        ("> Mức 600.000đ", "Mức 600.000đ", 0, None, None),
        # figures at the start of a line are figures, never enumerators
        ("1.251 suất quà", "1.251 suất quà", 0, None, None),
        ("15.372 lượt", "15.372 lượt", 0, None, None),
        ("2024. Năm", "2024. Năm", 0, None, None),
        ("01 hồ sơ", "01 hồ sơ", 0, None, None),
    ],
)
def test_marks_taken_off(
    raw: str, text: str, heading: int, bullet: str | None, enumerator: str | None
) -> None:
    (line,) = read_lines(raw)
    assert (line.text, line.heading, line.bullet, line.enumerator) == (
        text,
        heading,
        bullet,
        enumerator,
    )
    assert line.raw == raw
    assert line.cells is None


@given(st.integers(1_000, 10**12).map(lambda n: f"{n:,}".replace(",", ".")))
def test_a_leading_grouped_number_is_never_an_enumerator(number: str) -> None:
    (line,) = read_lines(f"{number} suất quà")
    assert line.text == f"{number} suất quà"
    assert line.enumerator is None


@pytest.mark.parametrize("raw", ["", " ", "\t", "\u00a0 "])
def test_blank_lines(raw: str) -> None:
    (line,) = read_lines(raw)
    assert line == Line(1, raw, "")


# -- table rows ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "cells", "separator"),
    [
        ("| Đối tượng | Số suất | Thành tiền |", ("Đối tượng", "Số suất", "Thành tiền"), False),
        ("|---|:---:|--:|", ("---", ":---:", "--:"), True),
        ("| :-- | --- |", (":--", "---"), True),
        ("Đối tượng | Số suất | Thành tiền", ("Đối tượng", "Số suất", "Thành tiền"), False),
        (
            "| **Tổng cộng** |\u00a01.251 | 381.900.000 |",
            ("Tổng cộng", "1.251", "381.900.000"),
            False,
        ),
        ("Người có công\t22\t13.200.000", ("Người có công", "22", "13.200.000"), False),
        ("\t22\t13.200.000", ("", "22", "13.200.000"), False),  # a leading tab: empty cell
        ("| Mức | | 5 |", ("Mức", "", "5"), False),
    ],
)
def test_table_rows(raw: str, cells: tuple[str, ...], separator: bool) -> None:
    (line,) = read_lines(raw)
    assert line.cells == cells
    assert line.separator is separator
    assert line.text == " | ".join(cells)
    assert (line.heading, line.bullet) == (0, None)


def test_an_escaped_pipe_is_cell_text() -> None:
    (line,) = read_lines("| a | b \\|")
    assert line.cells == ("a", "b |")


@pytest.mark.parametrize("raw", ["a | b", "Mức 600.000đ | 22 suất", "Tổng số\t", "\tTổng số"])
def test_not_table_rows(raw: str) -> None:
    """One pipe is text; a tab at either end only (not between cells) is a space."""
    (line,) = read_lines(raw)
    assert line.cells is None
    assert "\t" not in line.text


@given(st.lists(messy_line().map(lambda s: s.replace("\t", " ")), min_size=2, max_size=5))
def test_table_cells_are_normalised_each(cells: list[str]) -> None:
    (line,) = read_lines("| " + " | ".join(cells) + " |")
    assert line.cells == tuple(normalize_text(cell) for cell in cells)


# -- may_hold: a substring test that rules a case-insensitive search out ----------------------

_EVERY_CHARACTER = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)


def _folded_alike(letter: str) -> set[str]:
    """Every character re.IGNORECASE matches to ``letter``."""
    return set(re.findall(re.escape(letter), _EVERY_CHARACTER, re.IGNORECASE))


@pytest.mark.parametrize("words", [COMPARED_WORDS], ids=["COMPARED_WORDS"])
def test_may_hold_misses_no_case_insensitive_match(words: tuple[str, ...]) -> None:
    """Its premise, over all of Unicode: a character the pattern matches to a letter of
    the words lowers to that letter, or is one of the folds lowering keeps (ı, ſ)."""
    for letter in set("".join(words)):
        odd = {c for c in _folded_alike(letter) if same_length_lower(c) != letter}
        assert odd <= {"ı", "ſ"}, (letter, odd)


@given(st.text(alphabet="tăngiảmsovớchênlệhưềíơ ıſIİTĂNGSΣ", max_size=30), st.text(max_size=5))
@example("TĂNG", "")
@example("gıảm", "")  # the dotless ı: the pattern matches, no word is found
@example("ſo với", "")
@example("Tổng cộng 5 suất", "")
def test_may_hold_is_true_wherever_the_pattern_matches(text: str, around: str) -> None:
    text = around + text + around
    if COMPARED.search(text) is not None:
        assert may_hold(same_length_lower(text), COMPARED_WORDS)
    assert may_hold(same_length_lower(text), COMPARED_WORDS) is (
        any(word in same_length_lower(text) for word in COMPARED_WORDS)
        or "ı" in text
        or "ſ" in text
    )


@pytest.mark.parametrize(
    ("raw", "enumerator", "text"),
    [
        ("A. Quà mức 300.000 đ/suất", "A", "Quà mức 300.000 đ/suất"),
        ("B. KẾT QUẢ THỰC HIỆN", "B", "KẾT QUẢ THỰC HIỆN"),
        ("Đ. Quà của xã", "Đ", "Quà của xã"),
    ],
)
def test_a_lettered_item_is_numbered_as_a_numbered_one(
    raw: str, enumerator: str, text: str
) -> None:
    """No heading: ``A. Quà của tỉnh: 200 suất …`` is an item of a list a ``Tổng cộng``
    after it sums (review 10, c01)."""
    (line,) = read_lines(raw)
    assert (line.enumerator, line.heading, line.bullet, line.text) == (enumerator, 0, "A.", text)


@pytest.mark.parametrize("raw", ["A. 12 suất quà", "a. Hộ nghèo", "AB. Quà"])
def test_no_lettered_section_without_a_title_word(raw: str) -> None:
    (line,) = read_lines(raw)
    assert line.enumerator is None


def test_a_lone_c_after_a_and_b_is_the_third_letter() -> None:
    """``A.``, ``B.``, ``C.``: a lone ``C.`` (roman 100) is the third letter of the run
    (review 11, a02); ``CI.`` or ``IV.`` stay roman."""
    lines = read_lines(
        "A. Hộ nghèo: 1 suất.\nB. Cận nghèo: 2 suất.\nC. Trẻ em: 3 suất.\nIV. Tổng hợp"
    )
    assert [(line.enumerator, line.bullet, line.heading) for line in lines] == [
        ("A", "A.", 0),
        ("B", "A.", 0),
        ("C", "A.", 0),
        ("IV", None, 2),
    ]
