"""Why a person gets what they get: a tree from each programme to the citation.

:func:`explain` evaluates a person as :func:`~welfare_rules.entitle.engine.entitlements`
does and returns an :class:`Explanation`: for every programme in force on the date, the
version in force (its effective date and instrument), the rule matched (the category
and conditions, the age and its basis, or the selection), the inputs it used (the
person's values), the level or bracket with its amount and components, and the
citation with whether it is confirmed; a programme that gives nothing says why, and an
undetermined one names the missing inputs. Every node has Vietnamese and English text;
:meth:`Explanation.to_dict` is its JSON.

>>> from welfare_rules.rules import load_ruleset
>>> tree = explain({"birth_year": 1915}, load_ruleset("vn-longevity"), on="2015-03-01")
>>> print(tree.text("en"))  # doctest: +NORMALIZE_WHITESPACE
vn-longevity on 01/03/2015
  programme president-longevity: State President's longevity gift (age 100)
    version in force from 28/02/2011: Circular 21/2011/TT-BTC of 28/02/2011 (Ministry of Finance)
      rule: born in 1915, 100 in 2015 (celebration year minus birth year)
        input birth_year = 1915
        level age-100: VND 500,000 and 5 m silk; paid by: Provincial; given by: State President
          citation: Circular 21/2011/TT-BTC of 28/02/2011 (Ministry of Finance)
          citation: Law 39/2009/QH12 (National Assembly), Art. 21
  programme provincial-longevity: Provincial chair's longevity gift (age 90)
    version in force from 28/02/2011: Circular 21/2011/TT-BTC of 28/02/2011 (Ministry of Finance)
      no gift: no age bracket covers age 100
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._i18n import Catalog, Lang, Text
from ..money import format_vnd
from ..rules.model import Level, Ruleset
from .engine import Plan, _Programme, _resolve, plan_for
from .person import Person
from .results import Entitlement, Item, Undetermined

_MSG = Catalog(
    "entitle.explain",
    {
        "root": Text(vi="{ruleset} ngày {on}", en="{ruleset} on {on}"),
        "programme": Text(vi="chương trình {id}: {title}", en="programme {id}: {title}"),
        "version": Text(
            vi="phiên bản có hiệu lực từ {start}: {basis}",
            en="version in force from {start}: {basis}",
        ),
        "start": Text(vi="đầu dữ liệu", en="the start of the data"),
        "no_basis": Text(vi="không có văn bản được ghi nhận", en="no recorded instrument"),
        "rule": Text(vi="quy tắc: {rule}", en="rule: {rule}"),
        "age_calendar": Text(
            vi="sinh năm {year}, {age} tuổi năm {on_year} (năm mừng thọ trừ năm sinh)",
            en="born in {year}, {age} in {on_year} (celebration year minus birth year)",
        ),
        "age_exact": Text(vi="{age} tuổi tròn vào ngày {on}", en="{age} full years on {on}"),
        "selected": Text(vi="được lựa chọn cho chương trình", en="chosen for the programme"),
        "input": Text(vi="dữ liệu {name} = {value}", en="input {name} = {value}"),
        "level": Text(
            vi="mức {id}: {amount}{in_kind}; {payer}", en="level {id}: {amount}{in_kind}; {payer}"
        ),
        "in_kind": Text(vi=" và {items}", en=" and {items}"),
        "payer": Text(vi="nguồn chi: {payer}", en="paid by: {payer}"),
        "giver": Text(vi="; người tặng: {giver}", en="; given by: {giver}"),
        "extra": Text(vi=" (quà thêm)", en=" (extra gift)"),
        "citation": Text(vi="căn cứ: {cite}", en="citation: {cite}"),
        "unconfirmed": Text(vi=" [chưa xác nhận]", en=" [unconfirmed]"),
        "undetermined": Text(
            vi="chưa xác định: thiếu {missing}; có thể là {possible}",
            en="undetermined: missing {missing}; could be {possible}",
        ),
        "unstated": Text(
            vi="chưa xác định: nguồn không nêu ai hưởng mức nào; có thể là {possible}",
            en="undetermined: the sources do not say who receives which level; could be {possible}",
        ),
        "not_recorded": Text(
            vi="không có văn bản cho thời kỳ này", en="no instrument recorded for this period"
        ),
        "nothing": Text(vi="không có", en="nothing"),
        "none_levels": Text(
            vi="không có quà: không quy tắc nào của chương trình khớp với đối tượng của người này",
            en="no gift: no rule of the programme matches the person's categories",
        ),
        "none_age": Text(
            vi="không có quà: không khung tuổi nào gồm tuổi {age}",
            en="no gift: no age bracket covers age {age}",
        ),
        "none_selected": Text(vi="không có quà: không được lựa chọn", en="no gift: not chosen"),
        "none_reported": Text(
            vi="quà xã hội hóa: chỉ báo cáo, không tính", en="donated gifts: reported, not computed"
        ),
        "none_residence": Text(
            vi="không có quà: điều kiện cư trú không thỏa",
            en="no gift: the residence condition is not met",
        ),
    },
)


@dataclass(frozen=True)
class Node:
    """One step of an explanation: what it is (``kind``), its text in both languages, the
    data it rests on, and the steps below it."""

    kind: str  # ruleset, programme, version, rule, input, level, citation, result
    text: Text
    data: Mapping[str, Any] = field(default_factory=dict)
    children: tuple[Node, ...] = ()

    def lines(self, lang: Lang = "vi", *, depth: int = 0) -> list[str]:
        """The node and its children as indented lines."""
        out = ["  " * depth + self.text.get(lang)]
        for child in self.children:
            out.extend(child.lines(lang, depth=depth + 1))
        return out

    def to_dict(self, *, lang: Lang = "vi") -> dict[str, Any]:
        """JSON-ready: ``kind``, ``text`` (in ``lang``), ``data``, ``children``."""
        return {
            "kind": self.kind,
            "text": self.text.get(lang),
            "data": dict(self.data),
            "children": [child.to_dict(lang=lang) for child in self.children],
        }


@dataclass(frozen=True)
class Explanation:
    """The items :func:`entitlements` gives, and the tree that explains them."""

    ruleset: str
    on: dt.date
    items: tuple[Item, ...]
    root: Node

    def text(self, lang: Lang = "vi") -> str:
        """The tree as indented text in ``lang``."""
        return "\n".join(self.root.lines(lang))

    def to_dict(self, *, lang: Lang = "vi") -> dict[str, Any]:
        """JSON-ready: the ruleset, the date, the items and the tree."""
        return {
            "ruleset": self.ruleset,
            "on": self.on.isoformat(),
            "items": [item.to_dict(lang=lang) for item in self.items],
            "tree": self.root.to_dict(lang=lang),
        }

    def __str__(self) -> str:
        return self.text("en")


def explain(
    person: Person | Mapping[str, Any], ruleset: Ruleset | str, *, on: dt.date | str
) -> Explanation:
    """Why ``person`` receives what they receive under ``ruleset`` on ``on``.

    The arguments are those of :func:`~welfare_rules.entitle.engine.entitlements` (and
    raise the same errors); the items are the same ones.
    """
    if not isinstance(person, Person):
        person = Person.from_dict(person)
    plan = plan_for(_resolve(ruleset), on=on)
    inputs = plan.inputs(person, strict=True)
    items = plan.evaluate(inputs, view=person.rule_view())
    children = tuple(
        _programme(plan, p, person, [i for i in items if i.programme == p.programme.id])
        for p in plan.programmes
    )
    root = Node(
        "ruleset",
        _MSG("root", ruleset=plan.ruleset.id, on=_day(plan.on)),
        {"ruleset": plan.ruleset.id, "on": plan.on.isoformat()},
        children,
    )
    return Explanation(plan.ruleset.id, plan.on, items, root)


def _day(on: dt.date) -> str:
    return on.strftime("%d/%m/%Y")


def _programme(plan: Plan, p: _Programme, person: Person, items: list[Item]) -> Node:
    programme, version = p.programme, p.version
    basis = version.basis or programme.basis
    start = _day(version.effective) if version.effective else _MSG("start")
    cite = (
        Text(basis.cite("vi"), basis.cite("en"))
        if basis is not None and version.recorded
        else _MSG("no_basis")
    )
    results = tuple(_item(p, person, item) for item in items) or (_nothing(p, person),)
    version_node = Node(
        "version",
        _MSG("version", start=start, basis=cite),
        {
            "effective": version.effective.isoformat() if version.effective else None,
            "recorded": version.recorded,
            "minimum": version.minimum,
            "basis": basis.number if basis is not None else None,
        },
        results,
    )
    title = Text(programme.title.vi, programme.title.en)
    return Node(
        "programme",
        _MSG("programme", id=programme.id, title=title),
        {"programme": programme.id, "kind": programme.kind, "source": programme.source.value},
        (version_node,),
    )


def _item(p: _Programme, person: Person, item: Item) -> Node:
    if isinstance(item, Undetermined):
        return _undetermined(item)
    return _gift(p, person, item)


def _undetermined(item: Undetermined) -> Node:
    if item.cause == "not_recorded":
        text = _MSG("not_recorded")
    else:
        possible = ", ".join(format_vnd(a) for a in item.amounts)
        possible_en = ", ".join(format_vnd(a, locale="en") for a in item.amounts)
        nothing = _MSG("nothing")
        options = Text(
            (possible + (f", {nothing.vi}" if item.may_be_nothing else "")).lstrip(", "),
            (possible_en + (f", {nothing.en}" if item.may_be_nothing else "")).lstrip(", "),
        )
        if item.missing:
            text = _MSG("undetermined", missing=", ".join(item.missing), possible=options)
        else:
            text = _MSG("unstated", possible=options)
    return Node(
        "result",
        text,
        {
            "undetermined": True,
            "missing": list(item.missing),
            "possible": list(item.possible),
            "cause": item.cause,
        },
    )


def _gift(p: _Programme, person: Person, gift: Entitlement) -> Node:
    programme = p.programme
    rule_text, inputs = _why(p, person, gift)
    amount = Text(format_vnd(gift.amount), format_vnd(gift.amount, locale="en"))
    kinds = Text(
        ", ".join(k.describe("vi") for k in gift.in_kind),
        ", ".join(k.describe("en") for k in gift.in_kind),
    )
    in_kind = _MSG("in_kind", items=kinds) if gift.in_kind else Text("", "")
    payer = _MSG("payer", payer=Text(gift.source.label("vi"), gift.source.label("en")))
    if programme.giver is not None:
        giver = _MSG("giver", giver=Text(programme.giver.vi, programme.giver.en))
        payer = Text(payer.vi + giver.vi, payer.en + giver.en)
    extra = gift.extra is not None
    level_text = _MSG("level", id=gift.level, amount=amount, in_kind=in_kind, payer=payer)
    if extra:
        level_text = Text(level_text.vi + _MSG("extra").vi, level_text.en + _MSG("extra").en)
    if not gift.confirmed:
        flag = _MSG("unconfirmed")
        level_text = Text(level_text.vi + flag.vi, level_text.en + flag.en)
    citations = tuple(
        Node(
            "citation",
            _MSG(
                "citation",
                cite=Text(
                    b.cite("vi") + ("" if b.confirmed else _MSG("unconfirmed").vi),
                    b.cite("en") + ("" if b.confirmed else _MSG("unconfirmed").en),
                ),
            ),
            {"number": b.number, "confirmed": b.confirmed, "url": b.url},
        )
        for b in gift.bases
    )
    level = Node(
        "level",
        level_text,
        {
            "level": gift.level,
            "amount": gift.amount,
            "in_kind_value": sum(k.value or 0 for k in gift.in_kind),
            "source": gift.source.value,
            "confirmed": gift.confirmed,
            "extra": extra,
            "extra_gift": gift.extra,
        },
        citations,
    )
    return Node(
        "rule", _MSG("rule", rule=rule_text), {"confirmed": gift.confirmed}, (*inputs, level)
    )


def _why(p: _Programme, person: Person, gift: Entitlement) -> tuple[Text, tuple[Node, ...]]:
    """The rule matched and the inputs it used."""
    if gift.age is not None:
        if gift.exact_age or gift.birth_year is None:
            text = _MSG("age_exact", age=gift.age, on=_day(gift.on))
            name, value = "birth_date", _json(person.birth_date)
        else:
            text = _MSG("age_calendar", year=gift.birth_year, age=gift.age, on_year=gift.on.year)
            name, value = "birth_year", gift.birth_year
        return text, (_input(name, value), *_residence(p, person))
    if gift.rule is not None:
        rule = gift.rule
        text = Text(rule.describe("vi"), rule.describe("en"))
        view = person.rule_view()
        nodes = []
        for category in rule.categories:
            if category not in view:
                continue
            nodes.append(_input("category", category))
            for condition in rule.conditions:
                if condition.attribute in view[category]:
                    nodes.append(
                        _input(
                            f"{category}.{condition.attribute}", view[category][condition.attribute]
                        )
                    )
        return text, (*nodes, *_residence(p, person))
    return _MSG("selected"), (_input("selections", p.programme.id), *_residence(p, person))


def _residence(p: _Programme, person: Person) -> tuple[Node, ...]:
    if p.programme.residence is None:
        return ()
    nodes = [_input("residence", person.residence)]
    if person.residence_months is not None:
        nodes.append(_input("residence_months", person.residence_months))
    return tuple(nodes)


def _input(name: str, value: object) -> Node:
    shown = str(value).lower() if isinstance(value, bool) else str(value)
    return Node(
        "input", _MSG("input", name=name, value=shown), {"name": name, "value": _json(value)}
    )


def _json(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _nothing(p: _Programme, person: Person) -> Node:
    reads = p.kind.reads
    data: dict[str, Any] = {"gift": False}
    if reads == "none":
        text = _MSG("none_reported")
    elif reads == "selections":
        text = _MSG("none_selected")
    elif reads == "birth":
        year = person.year_of_birth
        age = p.on.year - year if year is not None else None
        covered = age is not None and p.version.bracket_for(age) is not None
        text = _MSG("none_residence") if covered else _MSG("none_age", age=age)
        data["age"] = age
    else:
        levels: tuple[Level, ...] = p.version.levels
        matched = any(level.qualifies(person.rule_view()) for level in levels)
        text = _MSG("none_residence") if matched else _MSG("none_levels")
    return Node("result", text, data)


__all__ = ["Explanation", "Node", "explain"]
