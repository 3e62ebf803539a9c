"""Tests of welfare_rules.rules._toml_lines: the line of a key path in TOML text."""

from __future__ import annotations

import tomllib

from hypothesis import given
from hypothesis import strategies as st

from welfare_rules.rules._toml_lines import key_lines, line_of

TEXT = """\
id = "x"  # line 1

[[programme]]
id = "a"
[[programme.version]]
[[programme.version.level]]
amount = 1
rule = [
  { category = "war_invalid" },
  { category = "heroic_mother" },
]

[[programme]]
id = "b"
[programme.basis]
number = "1/QĐ"
"""


def test_tables_keys_and_inline_array_items() -> None:
    lines = key_lines(TEXT)
    assert lines["id"] == 1
    assert lines["programme[0]"] == 3
    assert lines["programme[0].version[0].level[0].amount"] == 7
    assert lines["programme[0].version[0].level[0].rule[0]"] == 9
    assert lines["programme[0].version[0].level[0].rule[1]"] == 10
    assert lines["programme[1].id"] == 14
    assert lines["programme[1].basis.number"] == 16


def test_line_of_falls_back_to_the_nearest_enclosing_key() -> None:
    assert line_of(TEXT, "programme[0].version[0].level[0].amount") == 7
    assert line_of(TEXT, "programme[0].version[0].level[0].rule[1].category") == 10
    assert line_of(TEXT, "programme[1].basis.date") == 15
    assert line_of(TEXT, "nowhere.at.all") is None


@given(st.lists(st.integers(0, 10**9), min_size=1, max_size=8))
def test_every_array_of_tables_entry_gets_its_own_line(amounts: list[int]) -> None:
    text = "\n".join(f"[[level]]\namount = {amount}" for amount in amounts)
    assert len(tomllib.loads(text)["level"]) == len(amounts)
    for index in range(len(amounts)):
        assert line_of(text, f"level[{index}].amount") == 2 * index + 2


def test_headers_and_keys_are_read_in_linear_time() -> None:
    # issue 13: "[" + spaces + "x" (no "]") backtracked cubically in the old header pattern,
    # and a long run of key words without "=" quadratically in the key pattern.
    text = 'note = """\n' + ("[" + " " * 3000 + "x\n") * 20 + '"""\n[[level]]\namount = 1\n'
    assert key_lines(text)["level[0].amount"] == 24
    assert key_lines("[ a . b ]  # c\nx = 1")["a.b.x"] == 2
    assert key_lines("[a] junk\nx = 1") == {"x": 2}
