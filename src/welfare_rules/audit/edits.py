"""Edits on named figures: a safe parser, a polynomial normal form, and exact checks.

An *edit* (in the data-editing sense: Scholtus 2009, Fellegi–Holt) is a rule the figures
of a report must satisfy: ``total == a + b + c``, ``count * level == amount``,
``amount > 400000 * count``. Every edit is kept in one normal form: a polynomial with
integer coefficients (monomial → coefficient) compared with zero by ``==``, ``>`` or
``>=``. Sums, products, restatements and claims are then checked, solved and diagnosed
the same way, with exact integer arithmetic.

>>> edit = Edit.parse("count * level == amount")
>>> edit.holds({"count": 22, "level": 600_000, "amount": 13_200_000})
True
>>> edit.solve_for("amount", {"count": 5502, "level": 500_000, "amount": 2_721_000_000})
2751000000
"""

from __future__ import annotations

import math
import re
from bisect import insort
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from operator import itemgetter, mul
from typing import Literal, cast

from .. import _regex
from .._i18n import Catalog, Text
from ..errors import EditSyntaxError, MoneyTypeError, ReportDataError
from ..money import require_vnd

Op = Literal["==", ">", ">="]
"""The comparison of an edit's polynomial with zero, after normalisation."""

EditKind = Literal["product", "count_sum", "amount_sum", "restatement", "claim", "custom"]
"""Where an edit comes from: compiled from a report tree, or written by hand (``custom``)."""

Monomial = tuple[str, ...]
"""Figure names multiplied together, sorted; ``()`` is the constant term."""

_MAX_LENGTH = 10_000  # characters of one edit expression
_MAX_DEPTH = 100  # nested parentheses / signs
_MAX_TERMS = 1_000  # monomials of one side after expansion
_MAX_PRODUCT = 16 * _MAX_TERMS  # term pairs one multiplication may expand
MAX_DEGREE = 8
"""The most figures one term of an edit multiplies (``count * level`` has degree 2)."""
MAX_LITERAL = 10**18
"""The largest integer an edit may write: the largest amount (``money.MAX_VND``)."""

_MSG = Catalog(
    "audit.edits",
    {
        "char": Text(vi="ký tự không hợp lệ {char!r}", en="unexpected character {char!r}"),
        "end": Text(vi="biểu thức kết thúc quá sớm", en="the expression ends too early"),
        "token": Text(vi="không mong đợi {token!r}", en="unexpected {token!r}"),
        "compare": Text(
            vi="cần đúng một phép so sánh (==, <, <=, >, >=)",
            en="expected exactly one comparison (==, <, <=, >, >=)",
        ),
        "close": Text(vi="thiếu dấu ')'", en="missing ')'"),
        "deep": Text(vi="lồng nhau quá {limit} tầng", en="nested more than {limit} levels deep"),
        "long": Text(
            vi="dài {length} ký tự, quá giới hạn {limit}",
            en="{length} characters long, more than the limit of {limit}",
        ),
        "large": Text(
            vi="khai triển ra quá {limit} hạng tử", en="expands to more than {limit} terms"
        ),
        "degree": Text(
            vi="có hạng tử nhân quá {limit} số liệu với nhau",
            en="a term multiplies more than {limit} figures",
        ),
        "number": Text(
            vi="số {number} lớn hơn giới hạn 10^18", en="the number {number} is larger than 10^18"
        ),
        "empty": Text(vi="biểu thức rỗng", en="the expression is empty"),
        "constant": Text(
            vi="biểu thức rút gọn thành hằng số, không còn số liệu nào",
            en="the expression reduces to a constant: no figure is left",
        ),
        "missing": Text(
            vi="phép kiểm tra {edit!r} dùng số liệu {name!r} nhưng không có giá trị",
            en="the edit {edit!r} uses the figure {name!r}, which has no value",
        ),
    },
)

_TOKEN = _regex.compile(
    r"\s*(?:(?P<int>\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>==|<=|>=|=|<|>|\+|-|\*|\(|\)))"
)
_COMPARISONS = ("==", "=", "<", "<=", ">", ">=")


@dataclass(frozen=True, slots=True)
class _Token:
    kind: Literal["int", "name", "op", "end"]
    text: str
    column: int  # 1-based


def _tokenize(expression: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while True:
        while position < len(expression) and expression[position].isspace():
            position += 1
        if position == len(expression):
            tokens.append(_Token("end", "", position + 1))
            return tokens
        match = _TOKEN.match(expression, position)
        if match is None or match.end() == position:
            raise EditSyntaxError(expression, position + 1, _MSG("char", char=expression[position]))
        kind: Literal["int", "name", "op"]
        if match["int"] is not None:
            kind = "int"
        elif match["name"] is not None:
            kind = "name"
        else:
            kind = "op"
        tokens.append(_Token(kind, match[kind], match.start(kind) + 1))
        position = match.end()


Polynomial = dict[Monomial, int]


def _add(left: Polynomial, right: Polynomial, sign: int = 1) -> Polynomial:
    result = dict(left)
    for monomial, coefficient in right.items():
        value = result.get(monomial, 0) + sign * coefficient
        if value:
            result[monomial] = value
        else:
            result.pop(monomial, None)
    return result


def _multiply(left: Polynomial, right: Polynomial) -> Polynomial:
    result: Polynomial = {}
    for m1, c1 in left.items():
        for m2, c2 in right.items():
            monomial = tuple(sorted(m1 + m2))
            value = result.get(monomial, 0) + c1 * c2
            if value:
                result[monomial] = value
            else:
                result.pop(monomial, None)
    return result


class _Parser:
    """Recursive descent: ``edit := expr CMP expr``; ``expr := term (('+'|'-') term)*``;
    ``term := unary ('*' unary)*``; ``unary := ('+'|'-') unary | INT | NAME | '(' expr ')'``."""

    def __init__(self, expression: str) -> None:
        self.expression = expression
        self.tokens = _tokenize(expression)
        self.index = 0
        self.depth = 0

    def error(self, token: _Token, reason: Text) -> EditSyntaxError:
        return EditSyntaxError(self.expression, token.column, reason)

    def peek(self) -> _Token:
        return self.tokens[self.index]

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def unexpected(self, token: _Token) -> EditSyntaxError:
        if token.kind == "end":
            return self.error(token, _MSG("end"))
        return self.error(token, _MSG("token", token=token.text))

    def edit(self) -> tuple[Polynomial, str, Polynomial]:
        if self.peek().kind == "end":
            raise self.error(self.peek(), _MSG("empty"))
        left = self.expr()
        token = self.take()
        if token.kind != "op" or token.text not in _COMPARISONS:
            if token.kind == "end":
                raise self.error(token, _MSG("compare"))
            raise self.unexpected(token)
        right = self.expr()
        last = self.take()
        if last.kind != "end":
            if last.kind == "op" and last.text in _COMPARISONS:
                raise self.error(last, _MSG("compare"))
            raise self.unexpected(last)
        return left, token.text, right

    def expr(self) -> Polynomial:
        result = self.term()
        while self.peek().kind == "op" and self.peek().text in "+-":
            sign = 1 if self.take().text == "+" else -1
            result = self.checked(_add(result, self.term(), sign))
        return result

    def term(self) -> Polynomial:
        result = self.unary()
        while self.peek().kind == "op" and self.peek().text == "*":
            token = self.take()
            factor = self.unary()
            if len(result) * len(factor) > _MAX_PRODUCT:
                raise self.error(token, _MSG("large", limit=_MAX_TERMS))
            result = self.checked(_multiply(result, factor))
        return result

    def unary(self) -> Polynomial:
        token = self.take()
        if token.kind == "op" and token.text in "+-":
            self.enter(token)
            inner = self.unary()
            self.depth -= 1
            return inner if token.text == "+" else {m: -c for m, c in inner.items()}
        if token.kind == "int":
            digits = token.text.lstrip("0")
            if len(digits) > len(str(MAX_LITERAL)) or int(digits or "0") > MAX_LITERAL:
                shown = digits if len(digits) <= 24 else f"{digits[:20]}… ({len(digits)} digits)"
                raise self.error(token, _MSG("number", number=shown))
            value = int(digits or "0")
            return {(): value} if value else {}
        if token.kind == "name":
            return {(token.text,): 1}
        if token.kind == "op" and token.text == "(":
            self.enter(token)
            inner = self.expr()
            closing = self.take()
            if closing.kind != "op" or closing.text != ")":
                raise self.error(closing, _MSG("close"))
            self.depth -= 1
            return inner
        raise self.unexpected(token)

    def enter(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise self.error(token, _MSG("deep", limit=_MAX_DEPTH))

    def checked(self, polynomial: Polynomial) -> Polynomial:
        if len(polynomial) > _MAX_TERMS:
            raise self.error(self.peek(), _MSG("large", limit=_MAX_TERMS))
        if any(len(monomial) > MAX_DEGREE for monomial in polynomial):
            raise self.error(self.peek(), _MSG("degree", limit=MAX_DEGREE))
        return polynomial


def _normal_form(polynomial: Polynomial, op: str) -> tuple[tuple[tuple[Monomial, int], ...], Op]:
    """Sorted terms and ``==``/``>``/``>=``: ``<`` flips the sign; a common factor is divided
    out; an equality's first term is made positive."""
    sign = 1
    normal: Op
    if op in ("==", "="):
        normal = "=="
    elif op in ("<", ">"):
        normal = ">"
        sign = -1 if op == "<" else 1
    else:
        normal = ">="
        sign = -1 if op == "<=" else 1
    terms = sorted(((m, sign * c) for m, c in polynomial.items() if c), key=_term_order)
    divisor = math.gcd(*(c for _, c in terms)) if terms else 1
    if normal == "==" and terms and terms[0][1] < 0:
        divisor = -divisor
    return tuple((m, c // divisor) for m, c in terms), normal


def _term_order(term: tuple[Monomial, int]) -> tuple[int, Monomial]:
    monomial = term[0]
    return (0 if monomial else 1, monomial)  # the constant goes last


@dataclass(frozen=True, eq=False, slots=True)
class Edit:
    """One edit in normal form: ``Σ coefficient × monomial  op  0``.

    ``kind`` says where the edit comes from, ``subject`` names the figure the edit states
    (a total, a line's amount, a restated figure) when there is one, and ``text`` is the
    edit as a person reads it. Two edits are equal when their normal forms are.
    """

    terms: tuple[tuple[Monomial, int], ...]
    op: Op
    kind: EditKind = "custom"
    subject: str | None = None
    text: str = ""
    figures: tuple[str, ...] = field(init=False)
    _names: tuple[str, ...] = field(init=False, repr=False)
    _coefficients: tuple[int, ...] = field(init=False, repr=False)
    _nonlinear: tuple[tuple[Monomial, int], ...] = field(init=False, repr=False)
    _constant: int = field(init=False, repr=False)
    _holds: Callable[[Mapping[str, int]], bool] = field(init=False, repr=False)
    _hash: int = field(init=False, repr=False)  # hashed once: sets of edits stay linear

    def __post_init__(self) -> None:
        names: set[str] = set()
        linear_names: list[str] = []
        coefficients: list[int] = []
        nonlinear: list[tuple[Monomial, int]] = []
        constant = 0
        for monomial, coefficient in self.terms:
            if not monomial:
                constant += coefficient
            elif len(monomial) == 1:
                linear_names.append(monomial[0])
                coefficients.append(coefficient)
                names.add(monomial[0])
            else:
                nonlinear.append((monomial, coefficient))
                names.update(monomial)
        put = object.__setattr__
        put(self, "figures", tuple(sorted(names)))
        put(self, "_names", tuple(linear_names))
        put(self, "_coefficients", tuple(coefficients))
        put(self, "_nonlinear", tuple(nonlinear))
        put(self, "_constant", constant)
        put(self, "_holds", _checker(self))
        put(self, "_hash", hash((self.terms, self.op)))
        if not self.text:
            put(self, "text", _render(self.terms, self.op))

    # -- construction -------------------------------------------------------------------

    @classmethod
    def parse(
        cls, expression: str, *, kind: EditKind = "custom", subject: str | None = None
    ) -> Edit:
        """An edit from text: names, integer literals, ``+ - *``, parentheses and one of
        ``== = < <= > >=``. Raises :class:`~welfare_rules.errors.EditSyntaxError` with
        the 1-based column of the first problem.

        >>> Edit.parse("total == a + b + c")
        Edit('total == a + b + c')
        >>> Edit.parse("amount > 400000 * count").op
        '>'
        """
        if not isinstance(expression, str):
            raise TypeError(f"an edit expression is text, not {type(expression).__name__}")
        if len(expression) > _MAX_LENGTH:
            raise EditSyntaxError(
                expression[:80], 1, _MSG("long", length=len(expression), limit=_MAX_LENGTH)
            )
        left, op, right = _Parser(expression).edit()
        terms, normal = _normal_form(_add(left, right, -1), op)
        if not any(m for m, _ in terms):
            raise EditSyntaxError(expression, 1, _MSG("constant"))
        return cls(terms, normal, kind=kind, subject=subject, text=" ".join(expression.split()))

    @classmethod
    def linear(
        cls,
        coefficients: Mapping[str, int],
        op: str = "==",
        constant: int = 0,
        *,
        kind: EditKind = "custom",
        subject: str | None = None,
        text: str = "",
    ) -> Edit:
        """``Σ coefficient × figure + constant  op  0``, e.g. ``{"x1": 1, "x2": 1, "x3": -1}``."""
        polynomial: Polynomial = {(name,): c for name, c in coefficients.items() if c}
        if constant:
            polynomial[()] = constant
        return cls._build(polynomial, op, kind=kind, subject=subject, text=text)

    @classmethod
    def sum(
        cls,
        total: str,
        parts: Sequence[str],
        *,
        op: Literal["==", ">="] = "==",
        kind: EditKind = "custom",
    ) -> Edit:
        """``total == part1 + part2 + …`` (``op=">="``: the parts are only some of the whole)."""
        text = f"{total} {op} {' + '.join(parts) or '0'}"
        names = sorted(parts)
        if total in names or any(a == b for a, b in pairwise(names)):
            polynomial: Polynomial = {(total,): 1}
            for part in parts:
                polynomial[(part,)] = polynomial.get((part,), 0) - 1
            return cls._build(polynomial, op, kind=kind, subject=total, text=text)
        # distinct names: the normal form directly (terms sorted; an equality's first term
        # positive, so the signs flip when a part sorts before the total)
        sign = -1 if op == "==" and names and names[0] < total else 1
        terms = [((name,), -sign) for name in names]
        insort(terms, ((total,), sign))
        ordered = tuple(name for (name,), _ in terms)
        return cls._assemble(
            tuple(terms),
            op,
            kind=kind,
            subject=total,
            text=text,
            figures=ordered,
            names=ordered,
            coefficients=tuple(c for _, c in terms),
            nonlinear=(),
        )

    @classmethod
    def product(
        cls,
        count: str,
        level: str,
        amount: str,
        *,
        kind: EditKind = "custom",
        factor: int = 1,
        per: int = 1,
    ) -> Edit:
        """``count * level == amount`` (*số suất × mức = thành tiền*); ``factor * count *
        level == amount`` for a level paid several times (``142 hộ x 3 tháng x 59.520
        đồng``: months, rounds); ``factor * count * level == per * amount`` for a level
        paid at a coefficient (``hệ số 1,5``: factor 3, per 2)."""
        if factor < 1 or per < 1:
            raise ValueError(f"a product's factor is a whole number from 1: {factor}/{per}")
        text = f"{count} * {level} == {amount}"
        pair = (count, level) if count <= level else (level, count)
        if factor != 1 or per != 1:
            text = (
                f"{factor} * {count} * {level} == {per} * {amount}"
                if per != 1
                else (f"{factor} * {text}")
            )
            polynomial: Polynomial = {pair: factor}
            polynomial[(amount,)] = polynomial.get((amount,), 0) - per
            return cls._build(polynomial, "==", kind=kind, subject=amount, text=text)
        if amount in pair:  # degenerate: let the normal form sort it out
            polynomial = {pair: 1}
            polynomial[(amount,)] = polynomial.get((amount,), 0) - 1
            return cls._build(polynomial, "==", kind=kind, subject=amount, text=text)
        # the normal form directly (as _normal_form gives it): terms sorted, first positive
        single = (amount,)
        own = -1 if pair < single else 1
        terms = ((pair, 1), (single, -1)) if own < 0 else ((single, 1), (pair, -1))
        return cls._assemble(
            terms,
            "==",
            kind=kind,
            subject=amount,
            text=text,
            figures=tuple(sorted((count, level, amount))),
            names=single,
            coefficients=(own,),
            nonlinear=((pair, -own),),
        )

    @classmethod
    def equal(cls, first: str, second: str, *, kind: EditKind = "custom") -> Edit:
        """``first == second``: one figure reported twice."""
        polynomial = _add({(first,): 1}, {(second,): 1}, -1)
        return cls._build(polynomial, "==", kind=kind, subject=second, text=f"{first} == {second}")

    @classmethod
    def _assemble(
        cls,
        terms: tuple[tuple[Monomial, int], ...],
        op: Op,
        *,
        kind: EditKind,
        subject: str | None,
        text: str,
        figures: tuple[str, ...],
        names: tuple[str, ...],
        coefficients: tuple[int, ...],
        nonlinear: tuple[tuple[Monomial, int], ...],
        constant: int = 0,
    ) -> Edit:
        """An edit whose normal form and parts the caller already knows (the shapes a
        compiled report is made of): no re-analysis of its terms."""
        edit = object.__new__(cls)
        put = object.__setattr__
        put(edit, "terms", terms)
        put(edit, "op", op)
        put(edit, "kind", kind)
        put(edit, "subject", subject)
        put(edit, "text", text)
        put(edit, "figures", figures)
        put(edit, "_names", names)
        put(edit, "_coefficients", coefficients)
        put(edit, "_nonlinear", nonlinear)
        put(edit, "_constant", constant)
        put(edit, "_holds", _checker(edit))
        put(edit, "_hash", hash((terms, op)))
        return edit

    def with_prefix(self, old: str, new: str) -> Edit:
        """The same edit with ``old`` replaced by ``new`` at the start of every figure
        name (all of them must start with ``old``; ``ValueError`` otherwise), also in its
        text. Renaming by a common prefix keeps the terms in order, so nothing is
        re-normalised: this is how a subtree compiled alone gets the whole report's names.

        >>> Edit.parse("n0_a + n0_b == n0_t").with_prefix("n0_", "n7_")
        Edit('n7_a + n7_b == n7_t')
        """
        if not all(name.startswith(old) for name in self.figures):
            raise ValueError(f"not every figure of {self.text!r} starts with {old!r}")
        cut = len(old)

        def rename(name: str) -> str:
            return new + name[cut:]

        pattern = _regex.compile(r"(?<![A-Za-z0-9_])" + re.escape(old))
        return self._assemble(
            tuple((tuple(map(rename, m)), c) for m, c in self.terms),
            self.op,
            kind=self.kind,
            subject=None if self.subject is None else rename(self.subject),
            text=pattern.sub(new, self.text) if old in self.text else self.text,
            figures=tuple(map(rename, self.figures)),
            names=tuple(map(rename, self._names)),
            coefficients=self._coefficients,
            nonlinear=tuple((tuple(map(rename, m)), c) for m, c in self._nonlinear),
            constant=self._constant,
        )

    @classmethod
    def _build(
        cls, polynomial: Polynomial, op: str, *, kind: EditKind, subject: str | None, text: str
    ) -> Edit:
        if op not in _COMPARISONS:
            raise EditSyntaxError(text or op, 1, _MSG("compare"))
        terms, normal = _normal_form(polynomial, op)
        if not any(m for m, _ in terms):
            raise EditSyntaxError(text or _render(terms, normal), 1, _MSG("constant"))
        return cls(terms, normal, kind=kind, subject=subject, text=text)

    def renamed(self, mapping: Mapping[str, str], **changes: object) -> Edit:
        """The same edit over other figure names (unmapped names are kept)."""
        polynomial: Polynomial = {}
        for monomial, coefficient in self.terms:
            renamed = tuple(sorted(mapping.get(name, name) for name in monomial))
            polynomial = _add(polynomial, {renamed: coefficient})
        terms, op = _normal_form(polynomial, self.op)
        text = str(changes.pop("text", "")) or _rename_text(self.text, mapping)
        subject = changes.pop("subject", self.subject)
        kind = changes.pop("kind", self.kind)
        if changes:
            raise TypeError(f"unexpected arguments {sorted(changes)}")
        return Edit(terms, op, kind=kind, subject=subject, text=text)  # type: ignore[arg-type]

    # -- evaluation ---------------------------------------------------------------------

    def residual(self, values: Mapping[str, int]) -> int:
        """The polynomial's value: zero when an equality holds."""
        total: int = self._constant + sum(
            map(mul, self._coefficients, map(values.__getitem__, self._names))
        )
        for monomial, coefficient in self._nonlinear:
            for name in monomial:
                coefficient *= values[name]
            total += coefficient
        return total

    def holds(self, values: Mapping[str, int]) -> bool:
        """Whether the figures satisfy the edit (exactly)."""
        return self._holds(values)

    def _compare(self, residual: int) -> bool:
        if self.op == "==":
            return residual == 0
        return residual > 0 if self.op == ">" else residual >= 0

    def solve_for(
        self, name: str, values: Mapping[str, int], *, as_equality: bool = False
    ) -> int | None:
        """The value of ``name`` that makes this equality hold, the others fixed.

        ``None`` when there is no such whole, non-negative value, when the edit is an
        inequality (unless ``as_equality``: then the value that makes both sides equal),
        or when ``name`` appears squared. Exact integer division, no rounding.
        """
        if self.op != "==" and not as_equality:
            return None
        slope = 0
        rest = 0
        for monomial, coefficient in self.terms:
            times = monomial.count(name)
            product = coefficient
            if times > 1:
                return None
            for other in monomial:
                if other != name:
                    product *= values[other]
            if times:
                slope += product
            else:
                rest += product
        if slope == 0 or rest % slope:
            return None
        value = -rest // slope
        return value if value >= 0 else None

    def is_linear_in(self, name: str) -> bool:
        """Whether ``name`` appears at most to the first power in every term."""
        return all(monomial.count(name) <= 1 for monomial, _ in self.terms)

    # -- value type ---------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Edit):
            return NotImplemented
        return self is other or (
            self._hash == other._hash and self.terms == other.terms and self.op == other.op
        )

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        return f"Edit({self.text!r})"

    def __str__(self) -> str:
        return self.text


def _checker(edit: Edit) -> Callable[[Mapping[str, int]], bool]:
    """A fast test of ``edit`` for the shapes reports are made of (a product, a sum with
    unit coefficients); the general residual otherwise. Closures over names, no ``eval``."""
    names, coefficients, constant = edit._names, edit._coefficients, edit._constant
    if (
        edit.op == "=="
        and not constant
        and len(edit._nonlinear) == 1
        and len(names) == 1
        and len(edit._nonlinear[0][0]) == 2  # count * level == amount
    ):
        (left, right), factor = edit._nonlinear[0]
        (single,), own = names, coefficients[0]
        if factor == -own:
            return lambda values: values[single] == values[left] * values[right]
    if not edit._nonlinear and all(c in (1, -1) for c in coefficients):
        plus = tuple(n for n, c in zip(names, coefficients, strict=True) if c == 1)
        minus = tuple(n for n, c in zip(names, coefficients, strict=True) if c == -1)
        if edit.op == "==":
            if len(plus) == 1 and len(minus) == 1 and not constant:
                first, second = plus[0], minus[0]
                return lambda values: values[first] == values[second]
            if len(minus) == 1 and len(plus) >= 2:  # total == part1 + part2 + …
                parts, total = itemgetter(*plus), minus[0]
                return lambda values: constant + sum(parts(values)) == values[total]
            if len(plus) == 1 and len(minus) >= 2:
                parts, total = itemgetter(*minus), plus[0]
                return lambda values: constant + values[total] == sum(parts(values))
            return lambda values: (
                constant + sum(map(values.__getitem__, plus)) == sum(map(values.__getitem__, minus))
            )
        if edit.op == ">=":
            return lambda values: (
                constant + sum(map(values.__getitem__, plus)) >= sum(map(values.__getitem__, minus))
            )
    return lambda values: edit._compare(edit.residual(values))


def _render(terms: Iterable[tuple[Monomial, int]], op: Op) -> str:
    parts: list[str] = []
    for monomial, coefficient in terms:
        factors = [str(abs(coefficient))] if abs(coefficient) != 1 or not monomial else []
        body = " * ".join([*factors, *monomial])
        sign = "-" if coefficient < 0 else "+"
        parts.append(f"{sign} {body}" if parts else f"{'-' if coefficient < 0 else ''}{body}")
    return f"{' '.join(parts) or '0'} {op} 0"


def _rename_text(text: str, mapping: Mapping[str, str]) -> str:
    return re.sub(r"[A-Za-z_][A-Za-z0-9_]*", lambda m: mapping.get(m[0], m[0]), text)


def parse_edit(expression: str, *, kind: EditKind = "custom", subject: str | None = None) -> Edit:
    """:meth:`Edit.parse` as a function.

    >>> parse_edit("x1 + x2 == x3").figures
    ('x1', 'x2', 'x3')
    >>> parse_edit("x1 + * x2 == 0")
    Traceback (most recent call last):
    ...
    welfare_rules.errors.EditSyntaxError: bad edit expression at column 6: unexpected '*'
        x1 + * x2 == 0
             ^
    """
    return Edit.parse(expression, kind=kind, subject=subject)


def as_edits(edits: Iterable[Edit | str]) -> tuple[Edit, ...]:
    """Edits given as :class:`Edit` objects or expressions, parsed where needed."""
    return tuple(e if isinstance(e, Edit) else Edit.parse(e) for e in edits)


def require_values(values: Mapping[str, object], edits: Iterable[Edit] = ()) -> dict[str, int]:
    """The figures as exact ``int`` (a float or bool raises ``MoneyTypeError``, an ``int``
    beyond ±10^18 ``MoneyRangeError``); every figure one of ``edits`` names must have a
    value (else ``ReportDataError``)."""
    for value in values.values():
        if type(value) is not int:
            raise MoneyTypeError(value)
        if not -MAX_LITERAL <= value <= MAX_LITERAL:
            require_vnd(value)  # raises the bilingual MoneyRangeError
    checked = cast(dict[str, int], values if isinstance(values, dict) else dict(values))
    for edit in edits:
        for name in edit.figures:
            if name not in checked:
                raise missing_figure(edit, name)
    return checked


def missing_figure(edit: Edit, name: str) -> ReportDataError:
    """The error for an edit whose figure ``name`` has no value."""
    return ReportDataError(_MSG("missing", edit=edit.text, name=name), path=name)


def violated(values: Mapping[str, int], edits: Iterable[Edit]) -> tuple[Edit, ...]:
    """The edits the figures do not satisfy, in the order given (``ReportDataError`` when
    a figure has no value)."""
    edits = edits if isinstance(edits, tuple | list) else tuple(edits)
    try:
        return tuple([edit for edit in edits if not edit._holds(values)])
    except KeyError:
        for edit in edits:
            for name in edit.figures:
                if name not in values:
                    raise missing_figure(edit, name) from None
        raise


__all__ = [
    "MAX_DEGREE",
    "MAX_LITERAL",
    "Edit",
    "EditKind",
    "Monomial",
    "Op",
    "as_edits",
    "missing_figure",
    "parse_edit",
    "require_values",
    "violated",
]
