"""Fuzz parse_edit and check_edits: only EditSyntaxError (and the money errors for bad
values) escape; an edit's text parses back to the same edit; a report's own edits hold
for its own figures."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.audit.diagnose import check_edits
from welfare_rules.audit.edits import parse_edit
from welfare_rules.errors import EditSyntaxError, MoneyRangeError, MoneyTypeError, ReportDataError

from ..strategies import report_trees
from ._fuzz import fuzz, guarded, hostile_text

_NAMES = st.sampled_from(["a", "b", "c", "d", "x_1", "amount", "count", "level"])
_NUMBERS = st.integers(0, 10**6).map(str) | st.sampled_from(["0", "1000", "9" * 19, "9" * 5000])
_ATOMS = _NAMES | _NUMBERS
_OPS = st.sampled_from([" + ", " - ", " * ", " / ", " ** ", " == ", " >= ", " <= ", " < ", " > "])


@st.composite
def expressions(draw: st.DrawFn) -> str:
    """Edit-like expressions: atoms joined by operators, parentheses sprinkled in."""
    parts = [draw(_ATOMS)]
    for _ in range(draw(st.integers(0, 8))):
        parts += [draw(_OPS), draw(_ATOMS)]
    text = "".join(parts)
    if draw(st.booleans()):
        text = "(" * draw(st.integers(0, 3)) + text + ")" * draw(st.integers(0, 3))
    if "==" not in text and draw(st.booleans()):
        text += " == " + draw(_ATOMS)
    return text


@fuzz
@given(expressions() | hostile_text)
@example("a * b * c == d")
@example("a == " + "1" * 5000)
@example(" * ".join(["(x + y)"] * 900) + " == z")
@example("(" * 1000 + "a" + ")" * 1000 + " == b")
def test_parse_edit_raises_only_edit_syntax_errors(text: str) -> None:
    edit = guarded(lambda: parse_edit(text), (EditSyntaxError,))
    if edit is None:
        return
    assert parse_edit(edit.text) == edit  # the text form reads back to the same edit
    assert len(str(edit.figures)) < 10 * len(text) + 10


@fuzz
@given(
    st.dictionaries(_NAMES, st.integers(-(10**20), 10**20) | st.sampled_from([10**25, 0]))
    | st.dictionaries(_NAMES, st.floats() | st.none() | st.text(max_size=3), max_size=2),
    st.lists(expressions(), max_size=3),
)
@example({"a": 10**5000}, ["a == 1"])
@example({"a": 1, "b": 2, "c": 3, "d": 7}, ["a * b * c == d"])
def test_check_edits_raises_only_documented_errors(
    values: dict[str, object], edits: list[str]
) -> None:
    guarded(
        lambda: check_edits(values, edits),  # type: ignore[arg-type]
        (EditSyntaxError, MoneyTypeError, MoneyRangeError, ReportDataError),
    )


@fuzz
@given(report_trees())
def test_a_consistent_tree_satisfies_its_own_edits(report: object) -> None:
    compiled = report.compile()  # type: ignore[attr-defined]
    check = check_edits(compiled.values, compiled.edits, kinds=compiled.kinds)
    assert not check.violated
