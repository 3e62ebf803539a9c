"""Who qualifies: conditions on a category's attributes, rules, and their three-valued
evaluation (qualifies, does not, or an input that decides it is missing)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Strict, model_validator

from .._i18n import Catalog, Lang, Text
from ._base import (
    Comparator,
    Flag,
    Note,
    PersonCategories,
    RuleInvalidError,
    RuleModel,
    require_note,
)
from .categories import CATEGORIES, GROUPS, AttributeValue

_MSG = Catalog(
    "rules.eligibility",
    {
        "category": Text(
            vi="đối tượng không có trong danh mục: {value!r}",
            en="unknown beneficiary category: {value!r}",
        ),
        "group": Text(
            vi="nhóm đối tượng không có trong danh mục: {value!r}",
            en="unknown category group: {value!r}",
        ),
        "one_of": Text(
            vi="cần đúng một trong hai khóa {a!r} và {b!r}",
            en="exactly one of the keys {a!r} and {b!r} is required",
        ),
        "group_conditions": Text(
            vi="điều kiện chỉ dùng được với một đối tượng (category), không với nhóm",
            en="conditions need a category, not a group",
        ),
        "attribute": Text(
            vi="đối tượng {category!r} không có thuộc tính {value!r} (có: {known})",
            en="category {category!r} has no attribute {value!r} (known: {known})",
        ),
        "attribute_type": Text(
            vi="thuộc tính {name!r} có kiểu {kind}, không so sánh được với {value!r}",
            en="attribute {name!r} is {kind}; cannot compare it with {value!r}",
        ),
        "bool_op": Text(
            vi="thuộc tính đúng/sai {name!r} chỉ dùng được với == hoặc !=",
            en="the yes/no attribute {name!r} takes only == or !=",
        ),
        "condition": Text(
            vi='không đọc được điều kiện {value!r} (ví dụ: "injury_rate >= 81")',
            en='cannot read the condition {value!r} (e.g. "injury_rate >= 81")',
        ),
    },
)


_CONDITION = re.compile(r"^\s*([a-z_][a-z0-9_]*)\s*(>=|<=|==|!=|>|<)\s*(\S+)\s*$")


class Condition(RuleModel):
    """A test on one attribute of a category: ``injury_rate >= 81``, ``monthly_allowance == true``.

    In files a condition may be written as that string.

    >>> Condition.model_validate("injury_rate >= 81").holds(81)
    True
    """

    attribute: str
    op: Comparator
    value: Flag | Annotated[int, Strict()]

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, data: Any) -> Any:
        if not isinstance(data, str):
            return data
        match = _CONDITION.match(data)
        if match is None:
            raise RuleInvalidError(_MSG("condition", value=data))
        name, op, raw = match.groups()
        value: int | bool
        if raw in ("true", "false"):
            value = raw == "true"
        elif re.fullmatch(r"-?\d+", raw):
            value = int(raw)
        else:
            raise RuleInvalidError(_MSG("condition", value=data))
        return {"attribute": name, "op": op, "value": value}

    def holds(self, actual: AttributeValue) -> bool:
        """Whether ``actual`` satisfies the condition."""
        value = self.value
        if self.op == "==":
            return actual == value
        if self.op == "!=":
            return actual != value
        if self.op == ">=":
            return actual >= value
        if self.op == ">":
            return actual > value
        if self.op == "<=":
            return actual <= value
        return actual < value

    def __str__(self) -> str:
        value = str(self.value).lower() if isinstance(self.value, bool) else str(self.value)
        return f"{self.attribute} {self.op} {value}"

    def describe(self, category: str, *, lang: Lang = "vi") -> str:
        """The condition in words with the attribute label: ``tỷ lệ tổn thương cơ thể ≥ 81 %``."""
        spec = CATEGORIES[category].attributes[self.attribute]
        label = spec.labels.get(lang)
        if spec.kind == "bool":
            negated = (self.op == "==") != bool(self.value)
            if not negated:
                return label
            return f"không {label}" if lang == "vi" else f"not {label}"
        symbol = {">=": "≥", "<=": "≤", "!=": "≠", "==": "="}.get(self.op, self.op)
        unit = " %" if spec.unit == "percent" else ""
        return f"{label} {symbol} {self.value}{unit}"


class Rule(RuleModel):
    """Who qualifies: one ``category`` with ``conditions`` (all must hold), or a whole ``group``.

    :meth:`evaluate` is three-valued: ``True`` qualifies, ``False`` does not, ``None``
    means an attribute the rule tests is missing from the person's record.
    """

    category: str | None = None
    group: str | None = None
    conditions: tuple[Condition, ...] = ()
    confirmed: Flag = True
    note: Note = ""

    @model_validator(mode="after")
    def _check(self) -> Rule:
        if (self.category is None) == (self.group is None):
            raise RuleInvalidError(_MSG("one_of", a="category", b="group"))
        require_note(self.confirmed, self.note)
        if self.group is not None:
            if self.group not in GROUPS:
                raise RuleInvalidError(_MSG("group", value=self.group), at="group")
            if self.conditions:
                raise RuleInvalidError(_MSG("group_conditions"), at="conditions")
            return self
        category = CATEGORIES.get(self.category or "")
        if category is None:
            raise RuleInvalidError(_MSG("category", value=self.category), at="category")
        for index, condition in enumerate(self.conditions):
            at = f"conditions[{index}]"
            spec = category.attributes.get(condition.attribute)
            if spec is None:
                known = ", ".join(category.attributes) or "-"
                text = _MSG(
                    "attribute", category=category.id, value=condition.attribute, known=known
                )
                raise RuleInvalidError(text, at=at)
            if not spec.accepts(condition.value):
                text = _MSG(
                    "attribute_type", name=spec.name, kind=spec.describe(), value=condition.value
                )
                raise RuleInvalidError(text, at=at)
            if spec.kind == "bool" and condition.op not in ("==", "!="):
                raise RuleInvalidError(_MSG("bool_op", name=spec.name), at=at)
        return self

    @property
    def categories(self) -> tuple[str, ...]:
        """The category ids this rule can match."""
        if self.category is not None:
            return (self.category,)
        return tuple(c.id for c in CATEGORIES.values() if c.group == self.group)

    def evaluate(self, person: PersonCategories) -> bool | None:
        """``True``/``False``, or ``None`` when a tested attribute is missing from ``person``."""
        if self.category is None:
            return any(c in person for c in self.categories)
        attributes = person.get(self.category)
        if attributes is None:
            return False
        result: bool | None = True
        for condition in self.conditions:
            if condition.attribute not in attributes:
                result = None
            elif not condition.holds(attributes[condition.attribute]):
                return False
        return result

    def missing(self, person: PersonCategories) -> tuple[str, ...]:
        """The ``category.attribute`` names this rule tests that ``person`` lacks."""
        if self.category is None or self.category not in person:
            return ()
        attributes = person[self.category]
        return tuple(
            f"{self.category}.{c.attribute}"
            for c in self.conditions
            if c.attribute not in attributes
        )

    def describe(self, lang: Lang = "vi") -> str:
        """The category (or group) label followed by the conditions."""
        if self.category is None:
            return GROUPS[self.group or ""].get(lang)
        text = CATEGORIES[self.category].label(lang)
        if self.conditions:
            parts = (c.describe(self.category, lang=lang) for c in self.conditions)
            text += " (" + ", ".join(parts) + ")"
        return text


def evaluate_any(rules: tuple[Rule, ...], person: PersonCategories) -> bool | None:
    """Any rule true → ``True``; all false → ``False``; otherwise ``None`` (missing input)."""
    result: bool | None = False
    for rule in rules:
        value = rule.evaluate(person)
        if value:
            return True
        if value is None:
            result = None
    return result


__all__ = ["Condition", "Rule", "evaluate_any"]
