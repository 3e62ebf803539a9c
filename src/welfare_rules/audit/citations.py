"""Checks on the legal instruments a report cites: their dates agree, and precede the report.

Three findings, each with its line:

* ``citation_date_conflict`` (error): one instrument cited with two different dates; each
  occurrence is reported, and the one that disagrees with the rest (or is dated after the
  report) gets the other date as the suggestion;
* ``citation_after_report`` (error): an instrument dated after the report's own date;
* ``citation_repeated`` (information): the same instrument cited twice in one list
  (same line, same :attr:`~.report.Citation.group`).

Instruments are compared by their number, ignoring case, spaces and the dash style
(``1583/QĐ-CTN``); a number cited without a date takes part in no date check.

>>> import datetime as dt
>>> from welfare_rules.audit.report import Citation, Report
>>> report = Report(
...     date=dt.date(2024, 3, 4),
...     citations=(
...         Citation(instrument="1583/QĐ-CTN", date=dt.date(2023, 12, 26), line=15),
...         Citation(instrument="1583/QĐ-CTN", date=dt.date(2024, 12, 26), line=25),
...     ),
... )
>>> [(f.kind, f.line) for f in check_citations(report)]
[('citation_date_conflict', 15), ('citation_after_report', 25), ('citation_date_conflict', 25)]
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from .. import _regex
from .._i18n import Catalog, Text
from .findings import Finding
from .report import Citation, Report

_MSG = Catalog(
    "audit.citations",
    {
        "conflict": Text(
            vi="{name} ghi ngày {date} ở đây nhưng ngày {other} ở dòng {lines}{advice}",
            en="{name} is dated {date} here but {other} on line {lines}{advice}",
        ),
        "advice": Text(vi="; nên sửa thành {date}", en="; write {date}"),
        "after": Text(
            vi="{name} ghi ngày {date}, sau ngày của chính báo cáo ({report})",
            en="{name} is dated {date}, after the report's own date ({report})",
        ),
        "repeated": Text(
            vi="{name} được dẫn hai lần trong cùng một danh sách",
            en="{name} is cited twice in one list",
        ),
    },
)

_SPACES = _regex.compile(r"\s+")


def check_citations(report: Report) -> list[Finding]:
    """Findings about ``report.citations`` (see the module docs), in citation order."""
    findings = _conflicts(report) + _after_report(report) + _repeated(report)
    return sorted(findings, key=Finding.sort_key)


def instrument_key(instrument: str) -> str:
    """The number an instrument is compared by: upper case, no spaces, ``-`` for dashes.

    >>> instrument_key("01/CTPH- LĐTĐXH-TTYT") == instrument_key("01/ctph-lđtđxh–ttyt")
    True
    """
    return _SPACES.sub("", instrument).upper().replace("–", "-").replace("—", "-")


def _name(citation: Citation) -> str:
    return f"{citation.kind} {citation.instrument}" if citation.kind else citation.instrument


def _vn(date: dt.date) -> str:
    return f"{date.day:02d}/{date.month:02d}/{date.year}"


def _conflicts(report: Report) -> list[Finding]:
    dated: dict[str, list[Citation]] = defaultdict(list)
    for citation in report.citations:
        if citation.date is not None:
            dated[instrument_key(citation.instrument)].append(citation)
    findings: list[Finding] = []
    for citations in dated.values():
        dates = {c.date for c in citations}
        if len(dates) < 2:
            continue
        likely = _likely_date(citations, report.date)
        for citation in citations:
            assert citation.date is not None
            others = sorted({c.date for c in citations if c.date and c.date != citation.date})
            lines = sorted({c.line for c in citations if c.date != citation.date and c.line})
            advice = Text("", "")
            if likely is not None and citation.date != likely:
                advice = _MSG("advice", date=_vn(likely))
            message = _MSG(
                "conflict",
                name=_name(citation),
                date=_vn(citation.date),
                other=", ".join(_vn(d) for d in others),
                lines=", ".join(str(line) for line in lines) or "?",
                advice=advice,
            )
            findings.append(_finding("citation_date_conflict", "error", citation, message))
    return findings


def _likely_date(citations: list[Citation], report_date: dt.date | None) -> dt.date | None:
    """The date the other citations support: not after the report, cited most; or none."""
    counts = Counter(
        c.date for c in citations if c.date and (report_date is None or c.date <= report_date)
    )
    if not counts:
        return None
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None  # a tie: say so, suggest nothing
    return ranked[0][0]


def _after_report(report: Report) -> list[Finding]:
    if report.date is None:
        return []
    return [
        _finding(
            "citation_after_report",
            "error",
            citation,
            _MSG("after", name=_name(citation), date=_vn(citation.date), report=_vn(report.date)),
        )
        for citation in report.citations
        if citation.date is not None and citation.date > report.date
    ]


def _repeated(report: Report) -> list[Finding]:
    seen: dict[tuple[int | None, int | None, str], int] = {}
    findings: list[Finding] = []
    for index, citation in enumerate(report.citations):
        if citation.line is None:
            continue
        key = (citation.line, citation.group, instrument_key(citation.instrument))
        if key in seen:
            message = _MSG("repeated", name=_name(citation))
            findings.append(_finding("citation_repeated", "info", citation, message))
        else:
            seen[key] = index
    return findings


def _finding(kind: str, severity: str, citation: Citation, message: Text) -> Finding:
    return Finding.model_validate(
        {
            "kind": kind,
            "severity": severity,
            "message": message,
            "line": citation.line,
            "labels": (_name(citation),),
            "figure": citation.instrument,
        }
    )


__all__ = ["check_citations", "instrument_key"]
