"""The controlled vocabulary of beneficiary categories (đối tượng) and their attributes.

Each category has Vietnamese and English labels, a group (people with meritorious service
under the 2020 Ordinance, relatives of those and of martyrs, social protection, households,
children, the elderly) and the attributes a rule may test, each with its type. A rule
that names an unknown category or attribute, or compares an attribute with a value of the
wrong type, is rule-data error; a person record lacking an attribute a rule tests is
*missing input*, not *not qualified*.

>>> CATEGORIES["war_invalid"].attributes["injury_rate"].kind
'int'
>>> CATEGORIES["martyr_relative"].label("en")
"Martyr's relative"
>>> sorted(GROUPS)[:3]
['children', 'elderly', 'household']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from .._i18n import Lang, Text

AttributeKind = Literal["int", "bool"]
AttributeValue = int | bool


@dataclass(frozen=True)
class Attribute:
    """One attribute a rule may test: an ``int`` (with a unit and bounds) or a ``bool``."""

    name: str
    kind: AttributeKind
    labels: Text
    unit: Literal["percent", "count", ""] = ""
    minimum: int | None = None
    maximum: int | None = None

    def accepts(self, value: object) -> bool:
        """Whether ``value`` has this attribute's type and lies within its bounds."""
        if self.kind == "bool":
            return isinstance(value, bool)
        if isinstance(value, bool) or not isinstance(value, int):
            return False
        if self.minimum is not None and value < self.minimum:
            return False
        return self.maximum is None or value <= self.maximum

    def describe(self) -> str:
        """``int percent 0..100`` / ``bool``: the type as a person reads it."""
        if self.kind == "bool":
            return "bool"
        low = "" if self.minimum is None else str(self.minimum)
        high = "" if self.maximum is None else str(self.maximum)
        unit = f" {self.unit}" if self.unit else ""
        return f"int{unit} {low}..{high}"


@dataclass(frozen=True)
class Category:
    """A beneficiary category (đối tượng) with its labels, group and attributes."""

    id: str
    group: str
    labels: Text
    attributes: Mapping[str, Attribute] = field(default_factory=dict)

    def label(self, lang: Lang = "vi") -> str:
        """The name in ``lang``."""
        return self.labels.get(lang)


def _percent(name: str, vi: str, en: str) -> Attribute:
    return Attribute(name, "int", Text(vi, en), unit="percent", minimum=0, maximum=100)


def _flag(name: str, vi: str, en: str) -> Attribute:
    return Attribute(name, "bool", Text(vi, en))


_INJURY_RATE = _percent("injury_rate", "tỷ lệ tổn thương cơ thể", "bodily injury rate")
_MONTHLY = _flag("monthly_allowance", "đang hưởng trợ cấp hằng tháng", "on a monthly allowance")

# Groups: id -> labels.
GROUPS: Mapping[str, Text] = MappingProxyType(
    {
        "meritorious": Text(
            "Người có công với cách mạng (Pháp lệnh năm 2020)",
            "People with meritorious service (2020 Ordinance)",
        ),
        "relatives": Text(
            "Thân nhân người có công và liệt sĩ",
            "Relatives of people with meritorious service and of martyrs",
        ),
        "social_protection": Text("Bảo trợ xã hội", "Social protection"),
        "household": Text("Hộ gia đình", "Households"),
        "children": Text("Trẻ em", "Children"),
        "elderly": Text("Người cao tuổi", "The elderly"),
    }
)


def _category(
    id: str, group: str, vi: str, en: str, *attributes: Attribute
) -> tuple[str, Category]:
    attrs = MappingProxyType({a.name: a for a in attributes})
    return id, Category(id=id, group=group, labels=Text(vi, en), attributes=attrs)


CATEGORIES: Mapping[str, Category] = MappingProxyType(
    dict(
        [
            # Người có công với cách mạng (the 2020 Ordinance on people with meritorious service).
            _category(
                "revolutionary_pre_1945",
                "meritorious",
                "Người hoạt động cách mạng trước ngày 01/01/1945",
                "Person active in the revolution before 01/01/1945",
            ),
            _category(
                "revolutionary_pre_uprising",
                "meritorious",
                "Người hoạt động cách mạng từ 01/01/1945 đến ngày khởi nghĩa tháng Tám năm 1945",
                "Person active in the revolution from 01/01/1945 to the August 1945 uprising",
            ),
            _category(
                "heroic_mother",
                "meritorious",
                "Bà mẹ Việt Nam anh hùng",
                "Heroic Vietnamese Mother",
            ),
            _category(
                "armed_forces_hero",
                "meritorious",
                "Anh hùng Lực lượng vũ trang nhân dân",
                "Hero of the People's Armed Forces",
            ),
            _category(
                "labour_hero_resistance",
                "meritorious",
                "Anh hùng Lao động trong thời kỳ kháng chiến",
                "Labour Hero of the resistance",
            ),
            _category("war_invalid", "meritorious", "Thương binh", "War invalid", _INJURY_RATE),
            _category(
                "war_invalid_equivalent",
                "meritorious",
                "Người hưởng chính sách như thương binh",
                "Person treated as a war invalid",
                _INJURY_RATE,
            ),
            _category(
                "war_invalid_type_b",
                "meritorious",
                "Thương binh loại B",
                "Type-B war invalid",
                _INJURY_RATE,
            ),
            _category("sick_soldier", "meritorious", "Bệnh binh", "Sick soldier", _INJURY_RATE),
            _category(
                "war_invalid_working_capacity",
                "meritorious",
                "Thương binh đang hưởng chế độ mất sức lao động",
                "War invalid on the loss-of-working-capacity scheme",
            ),
            _category(
                "toxic_chemical_veteran",
                "meritorious",
                "Người hoạt động kháng chiến bị nhiễm chất độc hóa học",
                "Resistance fighter exposed to toxic chemicals",
                _INJURY_RATE,
            ),
            _category(
                "imprisoned_by_enemy",
                "meritorious",
                "Người hoạt động cách mạng, kháng chiến bị địch bắt tù, đày",
                "Revolution or resistance fighter imprisoned by the enemy",
            ),
            _category(
                "revolution_helper",
                "meritorious",
                "Người có công giúp đỡ cách mạng",
                "Person who helped the revolution",
                _flag(
                    "care_allowance",
                    "đang hưởng trợ cấp nuôi dưỡng hằng tháng",
                    "on a monthly care allowance",
                ),
                _MONTHLY,
            ),
            # Thân nhân.
            _category(
                "meritorious_relative",
                "relatives",
                "Thân nhân người có công với cách mạng",
                "Relative of a person with meritorious service",
                _MONTHLY,
            ),
            _category(
                "martyr_relative",
                "relatives",
                "Thân nhân liệt sĩ",
                "Martyr's relative",
                Attribute(
                    "martyrs",
                    "int",
                    Text("số liệt sĩ", "number of martyrs"),
                    unit="count",
                    minimum=1,
                ),
                _flag(
                    "survivor_care_allowance",
                    "đang hưởng trợ cấp tuất nuôi dưỡng hằng tháng",
                    "on the monthly survivor care allowance",
                ),
                _MONTHLY,
                _flag(
                    "representative",
                    "là đại diện thân nhân liệt sĩ",
                    "the representative of the martyr's relatives",
                ),
            ),
            _category(
                "martyr_altar_keeper",
                "relatives",
                "Người thờ cúng liệt sĩ",
                "Keeper of a martyr's altar",
                Attribute(
                    "martyrs",
                    "int",
                    Text("số liệt sĩ được thờ cúng", "number of martyrs whose altar is kept"),
                    unit="count",
                    minimum=1,
                ),
            ),
            # Bảo trợ xã hội.
            _category(
                "social_protection",
                "social_protection",
                "Đối tượng bảo trợ xã hội",
                "Social-protection beneficiary",
                _MONTHLY,
            ),
            # Hộ gia đình.
            _category("poor_household", "household", "Hộ nghèo", "Poor household"),
            _category("near_poor_household", "household", "Hộ cận nghèo", "Near-poor household"),
            # Trẻ em.
            _category(
                "child_special_circumstances",
                "children",
                "Trẻ em có hoàn cảnh đặc biệt",
                "Child in special circumstances",
            ),
            _category("orphan", "children", "Trẻ em mồ côi", "Orphan"),
            # Người cao tuổi.
            _category(
                "elderly",
                "elderly",
                "Người cao tuổi",
                "Elderly person",
                _MONTHLY,
            ),
            _category(
                "social_pensioner",
                "elderly",
                "Người hưởng trợ cấp hưu trí xã hội (Nghị định 176/2025/NĐ-CP)",
                "Social pensioner (Decree 176/2025/NĐ-CP)",
            ),
        ]
    )
)


def in_group(group: str) -> tuple[str, ...]:
    """The ids of the categories of ``group``, in vocabulary order."""
    return tuple(c.id for c in CATEGORIES.values() if c.group == group)


__all__ = ["CATEGORIES", "GROUPS", "Attribute", "AttributeKind", "AttributeValue", "Category"]
