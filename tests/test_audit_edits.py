"""Tests for audit/edits.py: the parser, the normal form, evaluation and solving."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.audit.edits import (
    MAX_DEGREE,
    MAX_LITERAL,
    Edit,
    as_edits,
    parse_edit,
    require_values,
    violated,
)
from welfare_rules.errors import EditSyntaxError, MoneyRangeError, MoneyTypeError, ReportDataError

from .strategies import vnd


@pytest.mark.parametrize(
    ("expression", "values", "holds"),
    [
        ("x1 + x2 == x3", {"x1": 1452, "x2": 116, "x3": 1568}, True),
        ("x1 + x2 - x3 == 0", {"x1": 1452, "x2": 116, "x3": 1569}, False),
        ("total == a + b + c", {"total": 6, "a": 1, "b": 2, "c": 3}, True),
        (
            "count * level == amount",
            {"count": 5502, "level": 500_000, "amount": 2_751_000_000},
            True,
        ),
        (
            "count * level = amount",
            {"count": 5502, "level": 500_000, "amount": 2_721_000_000},
            False,
        ),
        ("amount > 400000 * count", {"amount": 2_714_450_000, "count": 6280}, True),
        ("amount > 400000 * count", {"amount": 2_512_000_000, "count": 6280}, False),
        ("amount >= 400000 * count", {"amount": 2_512_000_000, "count": 6280}, True),
        ("400000 * count < amount", {"amount": 2_512_000_000, "count": 6280}, False),
        ("400000 * count <= amount", {"amount": 2_512_000_000, "count": 6280}, True),
        ("-(a - b) * 2 == -4", {"a": 5, "b": 3}, True),
        ("(a + b) * (a - b) == c", {"a": 7, "b": 3, "c": 40}, True),
        ("a == +b", {"a": 3, "b": 3}, True),
    ],
)
def test_holds(expression: str, values: dict[str, int], *, holds: bool) -> None:
    assert parse_edit(expression).holds(values) is holds


@pytest.mark.parametrize(
    ("expression", "column"),
    [
        ("", 1),
        ("x1 +", 5),
        ("x1 + * x2 == 0", 6),
        ("x1 == x2 == x3", 10),
        ("x1 + x2", 8),
        ("(x1 + x2 == x3", 10),
        ("a - a == 0", 1),
        ("x1.amount == 3", 3),
        ("x1 == 3.5", 8),
        ("__import__('os') == 1", 12),
        ("x / 2 == 1", 3),
        ("1 == 1", 1),
        ("x1 == )", 7),
        ("x1 ** 2 == 4", 5),
    ],
)
def test_syntax_errors_point_at_the_column(expression: str, column: int) -> None:
    with pytest.raises(EditSyntaxError) as info:
        parse_edit(expression)
    assert info.value.column == column
    assert info.value.text.vi
    assert info.value.text.en


def test_depth_and_length_are_bounded() -> None:
    with pytest.raises(EditSyntaxError, match="nested"):
        parse_edit("(" * 200 + "x" + ")" * 200 + " == 1")
    with pytest.raises(EditSyntaxError, match="characters long"):
        parse_edit("x + " * 5000 + "x == 1")
    with pytest.raises(EditSyntaxError, match="expands"):
        parse_edit(
            "("
            + " + ".join(f"a{i}" for i in range(40))
            + ")"
            + " * ("
            + " + ".join(f"b{i}" for i in range(40))
            + ") == 1"
        )


def test_normal_form_makes_equivalent_edits_equal() -> None:
    assert parse_edit("x1 + x2 == x3") == parse_edit("x3 - x2 = x1")
    assert parse_edit("2 * a == 2 * b") == parse_edit("a == b")
    assert parse_edit("a < b") == parse_edit("b > a")
    assert hash(parse_edit("a <= b")) == hash(parse_edit("b >= a"))
    assert parse_edit("a > b") != parse_edit("a >= b")
    assert parse_edit("a == b") != "a == b"


def test_constructors_match_the_parser() -> None:
    assert Edit.sum("total", ["a", "b", "c"]) == parse_edit("total == a + b + c")
    assert Edit.sum("total", ["a", "b"], op=">=") == parse_edit("total >= a + b")
    assert Edit.product("n", "m", "t") == parse_edit("n * m == t")
    assert Edit.equal("a", "a2") == parse_edit("a == a2")
    assert Edit.linear({"x1": 1, "x2": 1, "x3": -1}) == parse_edit("x1 + x2 == x3")
    assert Edit.linear({"amount": 1, "count": -400_000}, ">") == parse_edit(
        "amount > 400000 * count"
    )
    assert Edit.product("n", "m", "t").subject == "t"
    months = Edit.product("n", "m", "t", factor=3)
    assert months == parse_edit("3 * n * m == t")
    assert (months.subject, months.text) == ("t", "3 * n * m == t")
    assert months.holds({"n": 142, "m": 59_520, "t": 25_355_520})
    assert not months.holds({"n": 142, "m": 59_520, "t": 8_451_840})
    assert months.solve_for("t", {"n": 142, "m": 59_520, "t": 0}) == 25_355_520
    with pytest.raises(ValueError, match="factor"):
        Edit.product("n", "m", "t", factor=0)
    assert Edit.sum("total", ["a"]).text == "total == a"
    with pytest.raises(ValueError, match="comparison"):
        Edit.linear({"a": 1}, "!=")
    with pytest.raises(ValueError, match="no figure is left"):
        Edit.linear({}, "==", 3)


def test_repr_and_figures() -> None:
    edit = parse_edit("count  *  level == amount")
    assert repr(edit) == "Edit('count * level == amount')"
    assert str(edit) == "count * level == amount"
    assert edit.figures == ("amount", "count", "level")
    assert edit.is_linear_in("count")
    assert not parse_edit("a * a == b").is_linear_in("a")
    assert Edit(((("a",), 1), ((), -3)), "==").text == "a - 3 == 0"


def test_renamed() -> None:
    edit = parse_edit("amount > 400000 * count").renamed(
        {"amount": "n0_amount", "count": "n0_count"}
    )
    assert edit == parse_edit("n0_amount > 400000 * n0_count")
    assert edit.text == "n0_amount > 400000 * n0_count"
    with pytest.raises(TypeError):
        edit.renamed({}, colour="red")


def test_solve_for_is_exact() -> None:
    product = parse_edit("count * level == amount")
    values = {"count": 5502, "level": 500_000, "amount": 2_721_000_000}
    assert product.solve_for("amount", values) == 2_751_000_000
    assert product.solve_for("count", values) == 5442
    assert product.solve_for("count", values | {"amount": 2_721_000_001}) is None  # not whole
    assert product.solve_for("level", {"count": 4, "level": 0, "amount": 10}) is None
    assert product.solve_for("level", {"count": 4, "level": 0, "amount": 12}) == 3
    assert parse_edit("a == b - 10").solve_for("a", {"a": 0, "b": 3}) is None  # negative
    assert parse_edit("a > b").solve_for("a", {"a": 0, "b": 3}) is None
    assert parse_edit("a * a == b").solve_for("a", {"a": 0, "b": 4}) is None


@given(st.lists(vnd, min_size=1, max_size=8), st.data())
@example([2_142_000_000, 88_000_000, 472_000_000, 2_751_000_000, 2_400_000], None)
def test_sum_solves_back_to_each_part(parts: list[int], data: st.DataObject | None) -> None:
    names = [f"p{i}" for i in range(len(parts))]
    values = dict(zip(names, parts, strict=True)) | {"total": sum(parts)}
    edit = Edit.sum("total", names)
    assert edit.holds(values)
    index = data.draw(st.integers(0, len(parts) - 1)) if data else 0
    wrong = values | {names[index]: parts[index] + 1}
    assert not edit.holds(wrong)
    assert edit.solve_for(names[index], wrong) == parts[index]


def test_values_are_exact_ints() -> None:
    edit = parse_edit("a == b")
    with pytest.raises(MoneyTypeError):
        require_values({"a": 1.0, "b": 1}, [edit])
    with pytest.raises(MoneyTypeError):
        require_values({"a": True, "b": 1}, [edit])
    with pytest.raises(ReportDataError, match="'b'"):
        require_values({"a": 1}, [edit])
    assert violated({"a": 1, "b": 2}, as_edits(["a == b", "a < b"])) == (edit,)
    with pytest.raises(TypeError):
        parse_edit(3)  # type: ignore[arg-type]


_SHAPES = [
    "a == b",
    "a == b + c + d",
    "b + c + d == a + 3",
    "a >= b + c",
    "a * b == c",
    "c == 2 * a * b",
    "a > 400000 * b",
    "a - b - c == -d",
    "a * a == b",
    "a * b * c == d",  # issue 13: three factors crashed the fast check (unpacking)
    "a * b * c * d == 24",
]


@pytest.mark.parametrize("expression", _SHAPES)
@given(values=st.fixed_dictionaries({name: st.integers(0, 50) for name in "abcd"}))
def test_fast_check_agrees_with_the_residual(expression: str, values: dict[str, int]) -> None:
    edit = parse_edit(expression)
    residual = edit.residual(values)
    expected = {"==": residual == 0, ">": residual > 0, ">=": residual >= 0}[edit.op]
    assert edit.holds(values) is expected


def test_missing_figure_is_reported() -> None:
    with pytest.raises(ReportDataError, match="'c'"):
        violated({"a": 1, "b": 1}, [parse_edit("a == b"), parse_edit("a == c")])


# -- issue 13: limits, not crashes ---------------------------------------------------------


def test_products_of_several_factors() -> None:
    edit = parse_edit("a * b * c == d")
    assert edit.holds({"a": 2, "b": 3, "c": 4, "d": 24})
    assert not edit.holds({"a": 2, "b": 3, "c": 4, "d": 25})
    assert edit.solve_for("d", {"a": 2, "b": 3, "c": 4, "d": 0}) == 24
    assert edit.solve_for("a", {"a": 0, "b": 3, "c": 4, "d": 24}) == 2
    claim = parse_edit("amount == count * count * level")
    assert claim.holds({"count": 3, "level": 5, "amount": 45})
    assert claim.solve_for("count", {"count": 3, "level": 5, "amount": 45}) is None  # squared


def test_degree_is_bounded() -> None:
    parse_edit(" * ".join(f"x{i}" for i in range(MAX_DEGREE)) + " == y")
    with pytest.raises(EditSyntaxError, match=f"more than {MAX_DEGREE} figures"):
        parse_edit(" * ".join(f"x{i}" for i in range(MAX_DEGREE + 1)) + " == y")
    with pytest.raises(EditSyntaxError, match="more than"):
        parse_edit(" * ".join(["(x + y)"] * 900) + " == z")  # took 11–55 s
    wide = " + ".join(f"a{i}" for i in range(400))
    with pytest.raises(EditSyntaxError, match="more than 1000 terms"):
        parse_edit(f"({wide}) * ({wide.replace('a', 'b')}) == c")


@given(st.integers(0, 10**30))
@example(10**18)
@example(10**18 + 1)
@example(10**4400)  # beyond Python's 4.300-digit int-to-text limit
def test_literals_beyond_10_18_are_refused(number: int) -> None:
    text = "9" * 5000 if number == 10**4400 else str(number)
    if number <= MAX_LITERAL and len(text) < 5000:
        assert parse_edit(f"a == {text}").holds({"a": number})
    else:
        with pytest.raises(EditSyntaxError, match="larger than 10\\^18") as caught:
            parse_edit(f"a == {text}")
        assert len(str(caught.value)) < 400


def test_values_beyond_10_18_are_refused() -> None:
    with pytest.raises(MoneyRangeError):
        require_values({"a": 10**18 + 1})
    with pytest.raises(MoneyRangeError):
        require_values({"a": -(10**5000)})
    assert require_values({"a": 10**18, "b": -(10**18)}) == {"a": 10**18, "b": -(10**18)}


def test_edit_names_are_not_interned() -> None:
    import welfare_rules.audit.edits as module

    assert not hasattr(module, "intern")  # interned strings are immortal on 3.12


@given(st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), min_size=1, max_size=5, unique=True))
@example(["b", "a"])
def test_the_sum_constructor_gives_the_parsed_normal_form(parts: list[str]) -> None:
    for total in ("a", "t", "x0"):
        if total in parts:
            continue
        for op in ("==", ">="):
            assert Edit.sum(total, parts, op=op) == parse_edit(f"{total} {op} {' + '.join(parts)}")
            assert (
                Edit.sum(total, parts, op=op).terms
                == parse_edit(f"{total} {op} {' + '.join(parts)}").terms
            )


@given(
    st.integers(min_value=1, max_value=9_999),
    st.sampled_from([(3, 2), (5, 2), (9, 4), (7, 5), (13, 10)]),
    st.integers(min_value=1, max_value=2_000).map(lambda k: k * 1_000),
)
@example(1_247, (3, 2), 500_000)
def test_a_product_at_a_coefficient_holds_exactly_when_the_amount_is_its_value(
    count: int, coefficient: tuple[int, int], level: int
) -> None:
    # "1.247 người x hệ số 1,5 x 500.000 đồng = 935.250.000 đồng": 3 * count * level == 2 * amount
    factor, per = coefficient
    edit = Edit.product("count", "level", "amount", kind="product", factor=factor, per=per)
    exact, rest = divmod(count * level * factor, per)
    values = {"count": count, "level": level, "amount": exact}
    assert edit.holds(values) == (rest == 0)
    assert not edit.holds({**values, "amount": exact + 1})
    if rest == 0:
        assert edit.solve_for("amount", values) == exact


def test_a_product_s_factor_and_divisor_are_whole_numbers_from_1() -> None:
    with pytest.raises(ValueError, match="whole number from 1"):
        Edit.product("c", "l", "a", factor=3, per=0)
