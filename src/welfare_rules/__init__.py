"""welfare_rules: Vietnamese welfare gift rules as cited data, and an auditor for reports.

The public API is re-exported here and loaded lazily, so ``import welfare_rules`` stays
fast: a name's module is imported the first time the name is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_exports
from ._version import __version__

if TYPE_CHECKING:
    from .audit.diagnose import EditCheck, check_edits
    from .audit.edits import Edit, parse_edit
    from .audit.extract import ExtractedReport, extract_report
    from .audit.findings import AuditResult, Finding
    from .audit.reconciliation import reconcile
    from .audit.report import Node, Report
    from .entitle.allocate import Allocation, allocate
    from .entitle.engine import entitlements
    from .entitle.explain import explain
    from .entitle.person import Person
    from .entitle.results import Entitlement, Undetermined
    from .errors import (
        AllocationError,
        EditSyntaxError,
        MissingExtraError,
        MoneyParseError,
        MoneyRangeError,
        MoneyTypeError,
        PersonDataError,
        ReformError,
        ReportDataError,
        RuleDataError,
        RulesetPeriodError,
        UnknownFundingSourceError,
        UnknownRulesetError,
        WelfareRulesError,
    )
    from .money import format_vnd, parse_vnd, vnd_in_words
    from .rules.load import list_rulesets, load_ruleset
    from .rules.model import Bracket, LegalBasis, Level, Programme, ProgrammeVersion, Ruleset
    from .scenario.comparison import Comparison, compare
    from .scenario.reform import Reform
    from .tiers import FundingSource

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "Allocation": "entitle.allocate",
    "AllocationError": "errors",
    "AuditResult": "audit.findings",
    "Bracket": "rules.model",
    "Comparison": "scenario.comparison",
    "Edit": "audit.edits",
    "EditCheck": "audit.diagnose",
    "EditSyntaxError": "errors",
    "Entitlement": "entitle.results",
    "ExtractedReport": "audit.extract",
    "Finding": "audit.findings",
    "FundingSource": "tiers",
    "LegalBasis": "rules.model",
    "Level": "rules.model",
    "MissingExtraError": "errors",
    "MoneyParseError": "errors",
    "MoneyRangeError": "errors",
    "MoneyTypeError": "errors",
    "Node": "audit.report",
    "Person": "entitle.person",
    "PersonDataError": "errors",
    "Programme": "rules.model",
    "ProgrammeVersion": "rules.model",
    "Reform": "scenario.reform",
    "ReformError": "errors",
    "Report": "audit.report",
    "ReportDataError": "errors",
    "RuleDataError": "errors",
    "Ruleset": "rules.model",
    "RulesetPeriodError": "errors",
    "Undetermined": "entitle.results",
    "UnknownFundingSourceError": "errors",
    "UnknownRulesetError": "errors",
    "WelfareRulesError": "errors",
    "allocate": "entitle.allocate",
    "check_edits": "audit.diagnose",
    "compare": "scenario.comparison",
    "entitlements": "entitle.engine",
    "explain": "entitle.explain",
    "extract_report": "audit.extract",
    "format_vnd": "money",
    "list_rulesets": "rules.load",
    "load_ruleset": "rules.load",
    "parse_edit": "audit.edits",
    "parse_vnd": "money",
    "reconcile": "audit.reconciliation",
    "vnd_in_words": "money",
}

__all__ = [
    "Allocation",
    "AllocationError",
    "AuditResult",
    "Bracket",
    "Comparison",
    "Edit",
    "EditCheck",
    "EditSyntaxError",
    "Entitlement",
    "ExtractedReport",
    "Finding",
    "FundingSource",
    "LegalBasis",
    "Level",
    "MissingExtraError",
    "MoneyParseError",
    "MoneyRangeError",
    "MoneyTypeError",
    "Node",
    "Person",
    "PersonDataError",
    "Programme",
    "ProgrammeVersion",
    "Reform",
    "ReformError",
    "Report",
    "ReportDataError",
    "RuleDataError",
    "Ruleset",
    "RulesetPeriodError",
    "Undetermined",
    "UnknownFundingSourceError",
    "UnknownRulesetError",
    "WelfareRulesError",
    "__version__",
    "allocate",
    "check_edits",
    "compare",
    "entitlements",
    "explain",
    "extract_report",
    "format_vnd",
    "list_rulesets",
    "load_ruleset",
    "parse_edit",
    "parse_vnd",
    "reconcile",
    "vnd_in_words",
]


__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)
