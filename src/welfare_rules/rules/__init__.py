"""Gift rules as cited, dated data: the models, the category vocabulary, the loader.

>>> from welfare_rules.rules import load_ruleset
>>> ruleset = load_ruleset("uong-bi-tet-2024")
>>> [p.id for p in ruleset.all_programmes()][:2]
['central-tet', 'provincial-4107']
"""

from __future__ import annotations

from .categories import CATEGORIES, GROUPS, Attribute, Category
from .kinds import KINDS, Kind
from .load import BUNDLED, discover, list_rulesets, load_ruleset, loads_ruleset, parse_ruleset
from .model import (
    Bracket,
    Condition,
    InForce,
    InKind,
    Label,
    LegalBasis,
    Level,
    Programme,
    ProgrammeVersion,
    Rule,
    Ruleset,
    evaluate_any,
    note_text,
)

__all__ = [
    "BUNDLED",
    "CATEGORIES",
    "GROUPS",
    "KINDS",
    "Attribute",
    "Bracket",
    "Category",
    "Condition",
    "InForce",
    "InKind",
    "Kind",
    "Label",
    "LegalBasis",
    "Level",
    "Programme",
    "ProgrammeVersion",
    "Rule",
    "Ruleset",
    "discover",
    "evaluate_any",
    "list_rulesets",
    "load_ruleset",
    "loads_ruleset",
    "note_text",
    "parse_ruleset",
]
