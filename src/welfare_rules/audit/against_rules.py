"""Audit against the rules in force: the report's levels, amounts and citations checked
against a ruleset on a date.

:func:`check_against_rules` takes a :class:`~.report.Report`, a ruleset (or none: it is
then found from the instruments the report cites, :func:`find_ruleset`) and a date (the
report's own date unless given), and returns a :class:`RulesCheck` whose findings are:

* ``level_not_in_rules``: a level (*mức*) that the programme of its line does not have
  on that date (for a longevity line naming one age, not that age's bracket, or no
  gift at that age). An **error** for a programme of a national ruleset whose amounts
  are exact; a **warning** for a programme of a local ruleset (it may be a local level
  the ruleset does not record) and for a level *above* a minimum: Circular
  96/2018/TT-BTC's amounts are minimums (*mức tối thiểu*) that a provincial council may
  raise, so a higher level is said to be one, not called an error. A level *below* a
  minimum is an error. A level with goods counts as its cash, or its cash and the
  stated value of its goods (anything up to it, when that value is a ceiling).
* ``amount_not_in_rules``: a count and an amount with no level written (a line, or the
  total of a programme's lines) whose amount no level can give: ``count`` gifts at the
  programme's levels (each as cash, or cash with the stated value of its goods) can
  never add up to it. Same severities as above.
* ``basis_date_mismatch``: a cited instrument whose date is not the one the ruleset
  records for it. An error when the ruleset's date is confirmed and the instrument is
  the basis of a version in force on the date, or its number carries its year
  (``57/2025/NQ-HĐND``); otherwise a warning (numbers such as ``01/KH-UBND`` are reused
  every year: it may be another instrument).
* ``rules_not_checked`` (information): a line stating a level, or a count and an
  amount with no parts, whose programme cannot be matched, or whose programme has
  nothing to check on that date (donated gifts, a period with no recorded instrument);
  and, with no line, a ruleset that could not be found, a missing date or a ruleset
  with nothing in force (each such line then listed too). Nothing is skipped silently.

A line's programme is matched **conservatively**, never from its figures: by the
instruments cited on the line (a programme whose basis they are), by a longevity cue
(*mừng thọ*, *tuổi N*; then the programmes with a bracket for that age), by the funding
source the node states or its label names (``nguồn tỉnh``, ``các xã, phường``; *xã hội*
is not *xã*), and by the words of the programme's title (three word pairs of one title
that no other candidate's title has, and none of any other's). A source or a title's
words count only
on a line that names a gift (*quà*, *tặng*, *thăm hỏi*, *mừng thọ*, a count in *suất*) or
stands under a line that may be a programme's. A programme another candidate raises
(``raises``) gives way to it. A line with no sign takes its parent line's programme;
signs that leave two programmes (or none) match nothing, unless the parent's programme
is among them, and the line is listed as not checked.

>>> from welfare_rules.audit.extract import extract_report
>>> text = '''Quà của Chủ tịch nước theo Quyết định số 1583/QĐ-CTN ngày 26/12/2024: 1.251 suất.
... + Mức 600.000đ: 22 suất = 13.200.000đ.
... + Mức 350.000đ: 1.229 suất = 430.150.000đ.
... '''
>>> report = extract_report(text).report
>>> check = check_against_rules(report, "vn-central-tet", on=dt.date(2024, 2, 1))
>>> for finding in check.findings:
...     print(finding.severity, finding.kind, finding.line)
error basis_date_mismatch 1
error level_not_in_rules 3
>>> print(check.findings[1].message.en)
level 350,000 is not a level of State President's Tết gift (vn-central-tet) on 01/02/2024:
its levels are 600,000, 300,000
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from .._i18n import Catalog, Text
from ..money import display_vnd
from ..rules.model import Bracket, InForce, LegalBasis, Level, Programme, Ruleset
from ..tiers import FundingSource
from .citations import instrument_key
from .compile import figure_name
from .findings import Finding, Severity, ordered
from .report import Citation, FigureField, Node, NodePath, Report

if TYPE_CHECKING:
    from .read import DocumentAudit

_MSG = Catalog(
    "audit.against_rules",
    {
        "level": Text(
            vi="mức {level} không có trong {programme} ({ruleset}) ngày {on}: các mức là {levels}",
            en="level {level} is not a level of {programme} ({ruleset}) on {on}: its levels "
            "are {levels}",
        ),
        "age_level": Text(
            vi="mức {level} không phải mức mừng thọ tuổi {age} của {programme} ({ruleset}) "
            "ngày {on}: mức là {levels}",
            en="level {level} is not the age-{age} gift of {programme} ({ruleset}) on {on}: "
            "it is {levels}",
        ),
        "no_age": Text(
            vi="{programme} ({ruleset}) không có quà mừng thọ tuổi {age} ngày {on} (các khung: "
            "{brackets})",
            en="{programme} ({ruleset}) gives no gift at age {age} on {on} (its brackets: "
            "{brackets})",
        ),
        "amount": Text(
            vi="{count} suất = {amount}: không mức nào của {programme} ({ruleset}) ngày {on} "
            "cho được số tiền này (các mức: {levels})",
            en="{count} gifts = {amount}: no level of {programme} ({ruleset}) on {on} gives "
            "this amount (its levels: {levels})",
        ),
        "local": Text(
            vi="; đây là chương trình của địa phương: có thể là mức riêng mà bộ quy định chưa ghi",
            en="; a local programme: it may be a local level the ruleset does not record",
        ),
        "minimum_note": Text(
            vi="; các mức của chương trình là mức tối thiểu: địa phương có thể tặng thêm",
            en="; its amounts are minimums: a local rule may give more",
        ),
        "above_minimum": Text(
            vi="mức {level} cao hơn mức tối thiểu {minimum} của {programme} ({basis}): mức này "
            "là tối thiểu, Hội đồng nhân dân tỉnh có thể quy định cao hơn; hãy đối chiếu "
            "nghị quyết của tỉnh",
            en="level {level} is above the minimum {minimum} of {programme} ({basis}): that "
            "amount is a minimum a provincial council may raise; check the province's "
            "resolution",
        ),
        "below_minimum": Text(
            vi="mức {level} thấp hơn mức tối thiểu {minimum} của {programme} ({basis})",
            en="level {level} is below the minimum {minimum} of {programme} ({basis})",
        ),
        "amount_above_minimum": Text(
            vi="{count} suất = {amount}: cao hơn mức tối thiểu của {programme} ({basis}; các "
            "mức: {levels}); mức tối thiểu có thể được tỉnh nâng lên",
            en="{count} gifts = {amount}: above the minimums of {programme} ({basis}; its "
            "levels: {levels}); a province may raise a minimum",
        ),
        "amount_below_minimum": Text(
            vi="{count} suất = {amount}: thấp hơn mức tối thiểu của {programme} ({basis}; các "
            "mức: {levels})",
            en="{count} gifts = {amount}: below the minimums of {programme} ({basis}; its "
            "levels: {levels})",
        ),
        "basis_date": Text(
            vi="{name} ghi ngày {date}, nhưng bộ quy định {ruleset} ghi văn bản này ngày "
            "{basis_date}{maybe}",
            en="{name} is dated {date}, but ruleset {ruleset} records it as of {basis_date}{maybe}",
        ),
        "maybe_other": Text(
            vi=" (hoặc đây là một văn bản khác cùng số hiệu)",
            en=" (or it is another instrument with the same number)",
        ),
        "not_checked": Text(
            vi="không đối chiếu với quy định: {why}", en="not checked against the rules: {why}"
        ),
        "unmatched": Text(
            vi="không xác định được dòng này thuộc chương trình nào của {ruleset}",
            en="no programme of {ruleset} can be matched to this line",
        ),
        "ambiguous": Text(
            vi="dòng này có thể thuộc {programmes} ({ruleset}): không đoán",
            en="this line may belong to {programmes} ({ruleset}): not guessed",
        ),
        "donated": Text(
            vi="{programme} là quà xã hội hóa, không có mức quy định",
            en="{programme} is donated gifts, with no level set by rule",
        ),
        "unrecorded": Text(
            vi="{ruleset} không ghi văn bản nào của {programme} cho ngày {on}",
            en="{ruleset} records no instrument of {programme} for {on}",
        ),
        "no_ruleset": Text(
            vi="không tìm được bộ quy định nào từ các văn bản báo cáo dẫn ({cited}); hãy ghi "
            "--ruleset ID",
            en="no bundled ruleset is found from the instruments the report cites ({cited}); "
            "give --ruleset ID",
        ),
        "tied_rulesets": Text(
            vi="các văn bản báo cáo dẫn khớp như nhau với {rulesets}; hãy ghi --ruleset ID",
            en="the instruments the report cites fit {rulesets} equally; give --ruleset ID",
        ),
        "none_cited": Text(vi="không có", en="none"),
        "no_ruleset_line": Text(
            vi="không tìm được bộ quy định cho báo cáo", en="no ruleset was found for the report"
        ),
        "no_date_line": Text(vi="báo cáo không ghi ngày", en="the report states no date"),
        "no_date": Text(
            vi="báo cáo không ghi ngày: hãy ghi --on NGÀY để đối chiếu với quy định",
            en="the report states no date: give --on DATE to check it against the rules",
        ),
        "not_in_force": Text(
            vi="bộ quy định {ruleset} không có chương trình nào có hiệu lực ngày {on}",
            en="ruleset {ruleset} has no programme in force on {on}",
        ),
    },
)

Matched = Literal["matched", "unmatched", "ambiguous"]

_LONGEVITY = re.compile(r"mừng thọ|(?<!\w)(?:thọ|tuổi)(?!\w)")
_AGE = re.compile(r"(?<![\w.,])(?:tuổi|thọ) ?(\d{2,3})(?![\d.,])|(?<![\d.,])(\d{2,3}) tuổi(?!\w)")
_NOT_ONE_AGE = re.compile(r"(?<!\w)(?:trên|từ|ngoài|hơn|trở lên|đến)(?!\w)|[-–]")
_SOCIETY = re.compile(r"xã hội(?! ?hóa)")  # "bảo trợ xã hội": society, not a commune (xã)
_WORD = re.compile(r"[^\W\d_]+")
_YEAR_IN_NUMBER = re.compile(r"/(?:19|20)\d\d/")
_NATION = ("viet nam", "vietnam")  # a ruleset of the whole country sets exact amounts
_TITLE_PAIRS = 3  # word pairs of one title a label must have to name it by words
_GIFT = re.compile(r"(?<!\w)(?:quà|tặng|thăm hỏi|mừng thọ|chúc thọ)(?!\w)")


@dataclass(frozen=True)
class RulesetChoice:
    """Which ruleset the report's citations point to: ``id`` when one does (else
    ``None``), the ``candidates`` that fit best, and the instruments cited."""

    id: str | None
    candidates: tuple[str, ...] = ()
    cited: tuple[str, ...] = ()


@dataclass(frozen=True)
class LineMatch:
    """The programme matched to a node (``programme`` is its id), or why none is."""

    path: NodePath
    status: Matched
    programme: str | None = None
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class RulesCheck:
    """What :func:`check_against_rules` found: the ruleset and date used, the findings,
    and each node's match."""

    ruleset: str | None
    on: dt.date | None
    findings: tuple[Finding, ...] = ()
    matches: Mapping[NodePath, LineMatch] = field(default_factory=dict)


# -- finding the ruleset -----------------------------------------------------------------


def bases_of(ruleset: Ruleset) -> Iterator[tuple[Programme | None, LegalBasis]]:
    """Every instrument a ruleset cites, with its programme (``None``: the ruleset's own
    source), across included rulesets."""
    seen: set[str] = set()
    for owner in _rulesets(ruleset, seen):
        if owner.source is not None:
            yield None, owner.source
    for programme in ruleset.all_programmes():
        for basis in _programme_bases(programme):
            yield programme, basis


def _rulesets(ruleset: Ruleset, seen: set[str]) -> Iterator[Ruleset]:
    if ruleset.id in seen:
        return
    seen.add(ruleset.id)
    yield ruleset
    for included in ruleset.included:
        yield from _rulesets(included, seen)


def _programme_bases(programme: Programme) -> Iterator[LegalBasis]:
    if programme.basis is not None:
        yield programme.basis
    yield from programme.references
    for extra in programme.extra_gifts:
        if extra.basis is not None:
            yield extra.basis
    for version in programme.versions:
        if version.basis is not None:
            yield version.basis
        items: tuple[Level | Bracket, ...] = (*version.levels, *version.brackets)
        for item in items:
            if item.basis is not None:
                yield item.basis


def find_ruleset(report: Report, rulesets: Iterable[Ruleset] | None = None) -> RulesetChoice:
    """The ruleset whose instruments the report cites most (bundled ones by default).

    A tie is broken only by inclusion: among rulesets citing the same number of the
    report's instruments, the one every other includes (``vn-central-tet`` under
    ``uong-bi-tet-2024``) is chosen, being the one the citations show; any other tie
    chooses none.

    >>> from welfare_rules.audit.report import Citation, Report
    >>> cited = Report(citations=(Citation(instrument="1583/QĐ-CTN"),
    ...                           Citation(instrument="4107/QĐ-UBND")))
    >>> find_ruleset(cited).id
    'uong-bi-tet-2024'
    >>> find_ruleset(Report(citations=(Citation(instrument="1583/QĐ-CTN"),))).id
    'vn-central-tet'
    """
    if rulesets is None:
        from ..rules.load import list_rulesets, load_ruleset

        rulesets = [load_ruleset(name) for name in list_rulesets()]
    cited = tuple(dict.fromkeys(instrument_key(c.instrument) for c in report.citations))
    scores: list[tuple[int, Ruleset]] = []
    for ruleset in rulesets:
        keys = {instrument_key(basis.number) for _, basis in bases_of(ruleset)}
        score = sum(1 for key in cited if key in keys)
        if score:
            scores.append((score, ruleset))
    if not scores:
        return RulesetChoice(None, (), cited)
    best = max(score for score, _ in scores)
    tied = [ruleset for score, ruleset in scores if score == best]
    names = tuple(r.id for r in tied)
    if len(tied) == 1:
        return RulesetChoice(tied[0].id, names, cited)
    inner = [r for r in tied if all(o is r or _includes(o, r.id) for o in tied)]
    return RulesetChoice(inner[0].id if len(inner) == 1 else None, names, cited)


def _includes(ruleset: Ruleset, name: str) -> bool:
    return any(r.id == name for r in _rulesets(ruleset, set()) if r is not ruleset)


# -- matching lines to programmes ----------------------------------------------------------


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().replace("hoá", "hóa").split())


@lru_cache(maxsize=4096)
def _pairs(text: str) -> frozenset[tuple[str, str]]:
    words = _WORD.findall(_fold(text))
    return frozenset(itertools.pairwise(words))


class _Matcher:
    """Matches each node of a report to a programme in force, top down."""

    def __init__(self, report: Report, ruleset: Ruleset, in_force: Sequence[InForce]) -> None:
        self.report = report
        self.in_force = list(in_force)
        self.by_id = {f.programme.id: f for f in in_force}
        self.cited: dict[int, list[Citation]] = {}
        for citation in report.citations:
            if citation.line is not None:
                self.cited.setdefault(citation.line, []).append(citation)
        self.bases: dict[str, set[str]] = {}  # instrument key → programme ids
        for programme, basis in bases_of(ruleset):
            if programme is not None:
                self.bases.setdefault(instrument_key(basis.number), set()).add(programme.id)
        self.matches: dict[NodePath, LineMatch] = {}

    def run(self) -> dict[NodePath, LineMatch]:
        for index, node in enumerate(self.report.nodes):
            self._visit((index,), node, None)
        return self.matches

    def _visit(self, path: NodePath, node: Node, parent: LineMatch | None) -> None:
        match = self._match(path, node, parent)
        self.matches[path] = match
        for index, child in enumerate(node.children):
            self._visit((*path, index), child, match)

    def _match(self, path: NodePath, node: Node, above: LineMatch | None) -> LineMatch:
        parent = above.programme if above is not None else None
        within = above.candidates if above is not None and above.status == "ambiguous" else ()
        candidates = list(self.in_force)
        signed = False
        label = _fold(node.label)
        cited = [
            key
            for c in self.cited.get(node.line or 0, [])
            if (key := instrument_key(c.instrument)) in self.bases
        ]
        if cited:
            ids = set().union(*(self.bases[key] for key in cited))
            candidates = [f for f in candidates if f.programme.id in ids]
            signed = True
        longevity = _LONGEVITY.search(label) is not None
        if longevity:
            candidates = [f for f in candidates if f.programme.kind == "longevity"]
            signed = True
            age = _age(node.label)
            covering = [f for f in candidates if age is not None and f.version.bracket_for(age)]
            candidates = covering or candidates  # no bracket for it: a finding, not a miss
        else:
            candidates = [f for f in candidates if f.programme.kind != "longevity"]
        if not (cited or (above and above.status != "unmatched") or _gift(node, label)):
            # no gift is named: a source or a title's words alone name no programme
            return LineMatch(path, "unmatched") if not signed else self._end(path, candidates)
        # the node's own source (a report tree states it), else the ones its label names
        sources = (node.source,) if node.source is not None else _sources(label)
        if sources:
            candidates = [f for f in candidates if _paid_by(f, sources)]
            signed = True
        if len(candidates) > 1:
            named = _named_by_title(label, candidates)
            if named is not None:
                candidates, signed = [named], True
        if not signed:
            if parent is not None:
                return LineMatch(path, "matched", parent)
            if within:  # a part of a line that may be one of several programmes
                return LineMatch(path, "ambiguous", None, within)
            return LineMatch(path, "unmatched")
        if len(candidates) > 1 and within:  # the line's own signs and its parent's
            candidates = [f for f in candidates if f.programme.id in within] or candidates
        return self._end(path, candidates, parent)

    def _end(
        self, path: NodePath, candidates: Sequence[InForce], parent: str | None = None
    ) -> LineMatch:
        raised = {f.programme.raises for f in candidates}  # a local rule above a minimum
        candidates = [f for f in candidates if f.programme.id not in raised]
        ids = tuple(f.programme.id for f in candidates)
        if len(candidates) == 1:
            return LineMatch(path, "matched", ids[0])
        if parent is not None and parent in ids:
            return LineMatch(path, "matched", parent)
        return LineMatch(path, "ambiguous" if ids else "unmatched", None, ids)


def _sources(label: str) -> tuple[FundingSource, ...]:
    return FundingSource.mentioned_in(_SOCIETY.sub(" ", label))


def _gift(node: Node, label: str) -> bool:
    return _GIFT.search(label) is not None or node.count_unit == "suất"


def _paid_by(found: InForce, sources: tuple[FundingSource, ...]) -> bool:
    programme = found.programme
    return programme.payer_of(found.version) in sources or programme.source in sources


def _named_by_title(label: str, candidates: Sequence[InForce]) -> InForce | None:
    """The one candidate whose title the label names by word pairs no other title has."""
    words = _pairs(label)
    titles = [_pairs(f.programme.title.vi) for f in candidates]
    if not any(pairs & words for pairs in titles):
        return None  # most lines ("Mức 500.000đ") share no word pair with any title
    hits = []
    for index, pairs in enumerate(titles):
        others = frozenset().union(*(t for i, t in enumerate(titles) if i != index))
        hits.append(len((pairs - others) & words))
    named = [i for i, hit in enumerate(hits) if hit]
    if len(named) == 1 and hits[named[0]] >= _TITLE_PAIRS:
        return candidates[named[0]]
    return None


# -- checking ---------------------------------------------------------------------------------


def check_against_rules(
    report: Report,
    ruleset: Ruleset | str | None = None,
    *,
    on: dt.date | None = None,
) -> RulesCheck:
    """The findings of ``report`` against ``ruleset`` (an id, a path, a loaded ruleset,
    or ``None``: found by :func:`find_ruleset`) in force on ``on`` (default: the report's
    own date). See the module docs."""
    from ..rules.load import load_ruleset

    if ruleset is None:
        choice = find_ruleset(report)
        if choice.id is None:
            notes = [_no_ruleset(choice), *_each_line(report, _MSG("no_ruleset_line"))]
            return RulesCheck(None, on or report.date, ordered(notes))
        ruleset = choice.id
    if isinstance(ruleset, str):
        ruleset = load_ruleset(ruleset)
    on = on or report.date
    if on is None:
        notes = [_note(_MSG("no_date")), *_each_line(report, _MSG("no_date_line"))]
        return RulesCheck(ruleset.id, None, ordered(notes))
    in_force = ruleset.in_force(on=on)
    findings = _basis_dates(report, ruleset, in_force)
    if not in_force:
        idle = _MSG("not_in_force", ruleset=ruleset.id, on=_day(on))
        findings += [_note(idle), *_each_line(report, idle)]
        return RulesCheck(ruleset.id, on, ordered(findings))
    matches = _Matcher(report, ruleset, in_force).run()
    checker = _Checker(report, ruleset, {f.programme.id: f for f in in_force}, on)
    for path, node in report.walk():
        findings.extend(checker.node(path, node, matches[path]))
    return RulesCheck(ruleset.id, on, ordered(findings), matches)


def with_rules(
    audit: DocumentAudit, ruleset: Ruleset | str | None = None, *, on: dt.date | None = None
) -> DocumentAudit:
    """``audit`` with the findings of :func:`check_against_rules` among its own, in
    report order (the command line's ``audit --ruleset``)."""
    check = check_against_rules(audit.report, ruleset, on=on)
    findings = ordered([*audit.result.findings, *check.findings])
    return replace(audit, result=audit.result.model_copy(update={"findings": findings}))


def _day(on: dt.date) -> str:
    return on.strftime("%d/%m/%Y")


@lru_cache(maxsize=1024)
def _money(amounts: tuple[int, ...]) -> Text:
    shown = sorted(set(amounts), reverse=True)
    return Text(
        ", ".join(display_vnd(a, unit="") for a in shown),
        ", ".join(display_vnd(a, locale="en", unit="") for a in shown),
    )


@lru_cache(maxsize=4096)
def _one(amount: int) -> Text:
    return Text(display_vnd(amount, unit=""), display_vnd(amount, locale="en", unit=""))


def _note(message: Text, *, line: int | None = None, path: NodePath = ()) -> Finding:
    return Finding(kind="rules_not_checked", severity="info", message=message, line=line, path=path)


def _listed(node: Node) -> bool:
    """Whether a line is one the rules check: it states a level, or a count and an
    amount with no parts (a total of parts is checked through them)."""
    stated = node.count is not None and node.amount is not None and not node.children
    return node.level is not None or stated


def _each_line(report: Report, why: Text) -> list[Finding]:
    """A note on every line the rules would have checked, when none could be."""
    message = _MSG("not_checked", why=why)
    return [
        _note(message, line=node.line, path=path).model_copy(update={"labels": report.labels(path)})
        for path, node in report.walk()
        if _listed(node)
    ]


def _no_ruleset(choice: RulesetChoice) -> Finding:
    if choice.candidates:
        return _note(_MSG("tied_rulesets", rulesets=", ".join(choice.candidates)))
    cited = ", ".join(choice.cited) or _MSG("none_cited")
    return _note(_MSG("no_ruleset", cited=cited))


def _basis_dates(report: Report, ruleset: Ruleset, in_force: Sequence[InForce]) -> list[Finding]:
    """A cited instrument dated otherwise than the ruleset's record of it."""
    current = {
        instrument_key(basis.number)
        for f in in_force
        for basis in (f.version.basis, f.programme.basis)
        if basis is not None
    }
    recorded: dict[str, list[LegalBasis]] = {}
    for _, basis in bases_of(ruleset):
        if basis.date is not None:
            recorded.setdefault(instrument_key(basis.number), []).append(basis)
    findings: list[Finding] = []
    for citation in report.citations:
        key = instrument_key(citation.instrument)
        if citation.date is None or key not in recorded:
            continue
        dates = {basis.date for basis in recorded[key]}
        if citation.date in dates:
            continue
        basis = recorded[key][0]
        assert basis.date is not None
        sure = basis.confirmed and (key in current or _YEAR_IN_NUMBER.search(key) is not None)
        name = f"{citation.kind} {citation.instrument}" if citation.kind else citation.instrument
        message = _MSG(
            "basis_date",
            name=name,
            date=_day(citation.date),
            ruleset=ruleset.id,
            basis_date=", ".join(_day(d) for d in sorted(d for d in dates if d)),
            maybe=Text("", "") if sure else _MSG("maybe_other"),
        )
        findings.append(
            Finding(
                kind="basis_date_mismatch",
                severity="error" if sure else "warning",
                message=message,
                line=citation.line,
                labels=(name,),
                figure=citation.instrument,
            )
        )
    return findings


@dataclass(frozen=True)
class _Gifts:
    """What one gift of a programme can be worth on the date: each level's cash and its
    cash with the stated value of its goods (``amounts``); from the cash up to it
    (``spans``) when a value is a ceiling (*trị giá không quá*); whether they are minimums."""

    amounts: tuple[int, ...]
    cash: tuple[int, ...]
    minimum: bool
    spans: tuple[tuple[int, int], ...] = ()

    def allows(self, value: int) -> bool:
        """Whether one gift can be worth ``value``."""
        return value in self.amounts or any(low <= value <= high for low, high in self.spans)

    def reachable(self, count: int, amount: int) -> bool:
        """Whether ``count`` gifts can add up to ``amount``: a range and divisibility test
        that may say yes wrongly but never no wrongly."""
        values = self.amounts
        low, high = count * min(values), count * max(values)
        if not low <= amount <= high:
            return False
        if self.spans:
            return True
        step = math.gcd(*(value - min(values) for value in values))
        return (amount - low) % step == 0 if step else amount == low


class _Checker:
    def __init__(
        self, report: Report, ruleset: Ruleset, in_force: dict[str, InForce], on: dt.date
    ) -> None:
        self.report = report
        self.ruleset = ruleset
        self.in_force = in_force
        self.on = on
        self.owners = {r.id: r for r in _rulesets(ruleset, set())}
        self.gifts: dict[tuple[str, int | None], _Gifts] = {}

    def node(self, path: NodePath, node: Node, match: LineMatch) -> list[Finding]:
        states_level = node.level is not None
        per_gift = node.count is not None and node.amount is not None and node.level is None
        listed = _listed(node)
        if match.status != "matched":
            if not listed:
                return []
            if match.status == "ambiguous":
                names = ", ".join(match.candidates)
                why = _MSG("ambiguous", programmes=names, ruleset=self.ruleset.id)
            else:
                why = _MSG("unmatched", ruleset=self.ruleset.id)
            return [self._not_checked(path, node, why)]
        assert match.programme is not None
        found = self.in_force[match.programme]
        if not (states_level or per_gift):
            return []
        title = Text(found.programme.title.vi, found.programme.title.en)
        if not found.recorded and listed:
            why = _MSG("unrecorded", ruleset=self.ruleset.id, programme=title, on=_day(self.on))
            return [self._not_checked(path, node, why)]
        if not found.recorded:
            return []
        if found.programme.kind == "socialized":
            donated = _MSG("donated", programme=title)
            return [self._not_checked(path, node, donated)] if listed else []
        age = _age(node.label) if found.programme.kind == "longevity" else None
        if age is not None and found.version.bracket_for(age) is None:
            return [self._no_age(path, node, found, age)] if states_level else []
        gifts = self._gifts(found, age)
        if not gifts.amounts:
            return []
        if node.level is not None:
            return self._level(path, node, found, gifts, age)
        if node.count and node.amount is not None:
            return self._amount(path, node, found, gifts)
        return []

    def _gifts(self, found: InForce, age: int | None) -> _Gifts:
        """What one gift can be worth: the age's bracket, or any level (once per pair)."""
        key = (found.programme.id, age)
        gifts = self.gifts.get(key)
        if gifts is None:
            bracket = found.version.bracket_for(age) if age is not None else None
            if bracket is not None:
                gifts = _gifts_of((bracket,), minimum=found.version.minimum)
            else:
                gifts = _gifts(found)
            self.gifts[key] = gifts
        return gifts

    def _not_checked(self, path: NodePath, node: Node, why: Text) -> Finding:
        finding = _note(_MSG("not_checked", why=why), line=node.line, path=path)
        return finding.model_copy(update={"labels": self.report.labels(path)})

    def _finding(
        self,
        kind: Literal["level_not_in_rules", "amount_not_in_rules"],
        severity: Severity,
        message: Text,
        path: NodePath,
        node: Node,
        field: FigureField,
        expected: int | None = None,
    ) -> Finding:
        reported = node.figure(field)
        return Finding(
            kind=kind,
            severity=severity,
            message=message,
            path=path,
            labels=self.report.labels(path),
            line=node.line,
            field=field,
            figure=figure_name(path, field),
            reported=reported,
            expected=expected,
            difference=None if expected is None or reported is None else reported - expected,
        )

    def _context(self, found: InForce) -> dict[str, object]:
        programme = found.programme
        return {
            "programme": Text(programme.title.vi, programme.title.en),
            "ruleset": self.ruleset.id,
            "on": _day(self.on),
        }

    def _basis(self, found: InForce) -> Text:
        basis = found.basis_of()
        if basis is None:
            return Text(self.ruleset.id, self.ruleset.id)
        return Text(basis.cite("vi"), basis.cite("en"))

    def _local(self, found: InForce) -> bool:
        """Whether the programme's amounts are set locally (its ruleset is not national):
        a level the data lacks may then be a local one it does not record."""
        owner = self.owners.get(found.ruleset)
        return owner is None or _fold(owner.jurisdiction.en) not in _NATION

    def _level(
        self, path: NodePath, node: Node, found: InForce, gifts: _Gifts, age: int | None
    ) -> list[Finding]:
        level = node.level
        assert level is not None
        if gifts.allows(level):
            return []
        context = self._context(found)
        if gifts.minimum:
            floor = min(gifts.cash)
            fields = {**context, "level": _one(level), "minimum": _one(floor)}
            fields["basis"] = self._basis(found)
            if level > floor:
                return [
                    self._finding(
                        "level_not_in_rules",
                        "warning",
                        _MSG("above_minimum", **fields),
                        path,
                        node,
                        "level",
                    )
                ]
            message = _MSG("below_minimum", **fields)
            return [
                self._finding("level_not_in_rules", "error", message, path, node, "level", floor)
            ]
        levels = _money(gifts.amounts)
        if age is not None:
            message = _MSG("age_level", **context, level=_one(level), age=age, levels=levels)
        else:
            message = _MSG("level", **context, level=_one(level), levels=levels)
        expected = gifts.amounts[0] if len(gifts.amounts) == 1 else None
        severity: Severity = "error"
        if self._local(found):
            local = _MSG("local")
            message, severity = Text(message.vi + local.vi, message.en + local.en), "warning"
        return [
            self._finding("level_not_in_rules", severity, message, path, node, "level", expected)
        ]

    def _amount(self, path: NodePath, node: Node, found: InForce, gifts: _Gifts) -> list[Finding]:
        count, amount = node.count, node.amount
        assert count is not None
        assert amount is not None
        fields = {
            **self._context(found),
            "count": display_vnd(count, unit=""),
            "amount": _one(amount),
            "levels": _money(gifts.amounts),
        }
        if gifts.minimum:
            if amount >= count * min(gifts.cash):
                if gifts.reachable(count, amount):
                    return []
                fields["basis"] = self._basis(found)
                message = _MSG("amount_above_minimum", **fields)
                return [
                    self._finding("amount_not_in_rules", "warning", message, path, node, "amount")
                ]
            fields["basis"] = self._basis(found)
            message = _MSG("amount_below_minimum", **fields)
            return [self._finding("amount_not_in_rules", "error", message, path, node, "amount")]
        if gifts.reachable(count, amount):
            return []
        message = _MSG("amount", **fields)
        severity: Severity = "error"
        if self._local(found):
            local = _MSG("local")
            message, severity = Text(message.vi + local.vi, message.en + local.en), "warning"
        expected = count * gifts.amounts[0] if len(gifts.amounts) == 1 else None
        return [
            self._finding("amount_not_in_rules", severity, message, path, node, "amount", expected)
        ]

    def _no_age(self, path: NodePath, node: Node, found: InForce, age: int) -> Finding:
        brackets = ", ".join(b.describe("vi") for b in found.version.brackets)
        brackets_en = ", ".join(b.describe("en") for b in found.version.brackets)
        message = _MSG(
            "no_age", **self._context(found), age=age, brackets=Text(brackets, brackets_en)
        )
        severity: Severity = "error"
        if found.version.minimum or self._local(found):
            more = _MSG("minimum_note") if found.version.minimum else _MSG("local")
            message, severity = Text(message.vi + more.vi, message.en + more.en), "warning"
        return self._finding("level_not_in_rules", severity, message, path, node, "level")


def _gifts(found: InForce) -> _Gifts:
    version = found.version
    if found.programme.kind == "selected":
        amounts = () if version.amount is None else (version.amount,)
        return _Gifts(amounts, amounts, version.minimum)
    items: tuple[Level | Bracket, ...] = (*version.levels, *version.brackets)
    return _gifts_of(items, minimum=version.minimum)


def _gifts_of(items: Iterable[Level | Bracket], *, minimum: bool) -> _Gifts:
    items = tuple(items)
    cash = tuple(dict.fromkeys(item.amount for item in items))
    amounts = dict.fromkeys(cash)
    spans = []
    for item in items:
        if item.in_kind_value:
            amounts[item.amount + item.in_kind_value] = None
            if any(part.value_at_most for part in item.in_kind):
                spans.append((item.amount, item.amount + item.in_kind_value))
    return _Gifts(tuple(sorted(amounts, reverse=True)), cash, minimum, tuple(spans))


def _age(label: str) -> int | None:
    """The one age a longevity line names (``Tuổi 90``, ``thọ 100``, ``90 tuổi``), or
    ``None`` (``trên 100 tuổi``, ``từ 101 tuổi``, two ages, none)."""
    text = _fold(label)
    found = list(_AGE.finditer(text))
    if len(found) != 1 or _NOT_ONE_AGE.search(text):
        return None
    digits = found[0].group(1) or found[0].group(2)
    return int(digits)


__all__ = [
    "LineMatch",
    "RulesCheck",
    "RulesetChoice",
    "bases_of",
    "check_against_rules",
    "find_ruleset",
    "with_rules",
]
