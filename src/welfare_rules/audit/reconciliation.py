"""Reconcile a report: compile its edits, check and diagnose them, and explain each finding.

>>> from welfare_rules.audit.report import Node, Report
>>> line = Node(label="500.000đ", count=5502, level=500_000, amount=2_721_000_000, line=37)
>>> result = reconcile(Report(nodes=(line,)))
>>> result.ok
False
>>> result.findings[0].suggested
2751000000
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from .._gc import paused_collection
from .._i18n import Catalog, Text
from ..money import display_vnd
from .citations import check_citations
from .compile import CompiledReport, FigureRef
from .diagnose import (
    DEFAULT_BUDGET,
    DEFAULT_MAX_CHANGES,
    Change,
    EditCheck,
    Explanation,
    check_edits,
)
from .edits import Edit
from .findings import AuditResult, Candidate, FigurePlace, Finding, FindingKind, ordered
from .labels import shorten
from .quick import quick_check
from .report import Report
from .slips import FAMILIES
from .subtrees import compile_subtrees

MAX_OPTIONS = 20
"""Tied explanations listed in one finding at most (the rest are counted): a wrong total
over a long list of equal parts ties with every part, and each would be a candidate."""

_KINDS: dict[str, FindingKind] = {
    "product": "product_mismatch",
    "count_sum": "count_sum_mismatch",
    "amount_sum": "amount_sum_mismatch",
    "restatement": "restatement_mismatch",
    "claim": "claim_violated",
    "custom": "edit_violated",
}

_MSG = Catalog(
    "audit.reconciliation",
    {
        # where an edit is
        "on_line": Text(vi="ở dòng {line}", en="on line {line}"),
        "of_label": Text(vi="của «{label}»", en="of «{label}»"),
        "product": Text(vi="phép nhân {where}", en="the product {where}"),
        "count_sum": Text(vi="tổng số lượng {where}", en="the count total {where}"),
        "amount_sum": Text(vi="tổng số tiền {where}", en="the amount total {where}"),
        "restatement": Text(vi="số liệu nhắc lại {where}", en="the restated figure {where}"),
        "claim": Text(vi="nhận định {where}", en="the claim {where}"),
        "custom": Text(vi="điều kiện {edit}", en="the edit {edit}"),
        # a correction
        "correction": Text(
            vi="{why}: {reported} → {suggested}{detail}{also}{rounding}",
            en="{why}: {reported} → {suggested}{detail}{also}{rounding}",
        ),
        "by_rounding_count": Text(
            vi="; {count} cách sửa khác cũng khớp, nhưng mỗi cách đó làm một số tiền kém tròn"
            " hơn mọi số tiền khác của báo cáo, nên chọn sửa số lượng",
            en="; {count} other correction(s) fit as well, but each would leave an amount less"
            " round than all the report's other amounts, so the count is corrected",
        ),
        "by_rounding": Text(
            vi="; {count} cách sửa khác cũng khớp, nhưng mỗi cách đó làm một số tiền kém tròn"
            " hơn mọi số tiền khác của báo cáo, còn cách này làm số liệu tròn như chúng",
            en="; {count} other correction(s) fit as well, but each would leave an amount less"
            " round than all the report's other amounts, while this one rounds the figure"
            " like them",
        ),
        "also": Text(vi=", đồng thời làm khớp {edits}", en=", which also makes {edits} agree"),
        "and": Text(vi=" và ", en=" and "),
        "detail_product": Text(
            vi=" ({count} × {level} = {amount})", en=" ({count} × {level} = {amount})"
        ),
        "detail_product_times": Text(
            vi=" ({count} × {factor} × {level} = {amount})",
            en=" ({count} × {factor} × {level} = {amount})",
        ),
        "detail_parts": Text(
            vi=" (các khoản thành phần cộng lại được {total})",
            en=" (the parts add up to {total})",
        ),
        "detail_part": Text(
            vi=" (khi đó các khoản cộng lại đúng bằng tổng {total})",
            en=" (the parts then add up to the total {total})",
        ),
        "detail_restated": Text(
            vi=" (như số liệu ghi {where})", en=" (as the same figure written {where})"
        ),
        # a mismatch left as it is
        "violated_product": Text(
            vi="{count} × {level} = {product}, nhưng báo cáo ghi {amount}",
            en="{count} × {level} = {product}, but the report says {amount}",
        ),
        "violated_product_times": Text(
            vi="{count} × {factor} × {level} = {product}, nhưng báo cáo ghi {amount}",
            en="{count} × {factor} × {level} = {product}, but the report says {amount}",
        ),
        "violated_sum": Text(
            vi="các khoản thành phần cộng lại được {expected}, dòng tổng ghi {reported}"
            " (chênh {difference})",
            en="the parts add up to {expected}, the total says {reported}"
            " (difference {difference})",
        ),
        "violated_partial_sum": Text(
            vi="riêng các khoản được liệt kê đã cộng lại được {expected}, lớn hơn tổng {reported}",
            en="the parts listed alone add up to {expected}, more than the total {reported}",
        ),
        "violated_restatement": Text(
            vi="cùng một số liệu được ghi {reported} ở đây và {expected} {where}",
            en="the same figure is written {reported} here and {expected} {where}",
        ),
        "violated_claim": Text(
            vi="nhận định “{claim}” không đúng với {values}",
            en="the claim “{claim}” does not hold for {values}",
        ),
        "violated_custom": Text(
            vi="điều kiện {edit} không thỏa", en="the edit {edit} does not hold"
        ),
        "unchecked_claim": Text(
            vi="không kiểm tra được nhận định “{claim}”: báo cáo không ghi {missing}",
            en="cannot check the claim “{claim}”: the report does not state {missing}",
        ),
        "ties": Text(
            vi="; {count} cách sửa khớp như nhau nên không tự chọn: {options}",
            en="; {count} corrections fit equally well, so none is chosen: {options}",
        ),
        "doubted_fix": Text(
            vi="; một cách sửa khớp, nhưng nó làm lẻ một số tiền đang tròn trong khi một số"
            " tiền khác của phép kiểm tra tự nó đã lẻ (lỗi nhiều khả năng nằm ở đó), nên"
            " không được tự áp dụng: {options}",
            en="; one correction fits, but it would make a round amount uneven while another"
            " amount of the check is itself uneven (the slip is likelier there), so it is"
            " not applied: {options}",
        ),
        "more_options": Text(
            vi="; và {count} cách sửa khác (không liệt kê)",
            en="; and {count} more (not listed)",
        ),
        "partial_fix": Text(
            vi="; một cách sửa chỉ giải thích được một phần các sai lệch liên quan nên không"
            " được tự áp dụng: {options}",
            en="; one correction explains only part of the related mismatches, so it is not"
            " applied: {options}",
        ),
        "option": Text(
            vi="{field} {where}: {reported} → {value}", en="{field} {where}: {reported} → {value}"
        ),
        "no_typo": Text(
            vi="; không lỗi gõ phím nào giải thích được; phải sửa ít nhất {size} số liệu,"
            " một trong: {sets}",
            en="; no typing slip explains it; at least {size} figure(s) must change,"
            " one of: {sets}",
        ),
        "cut_short": Text(
            vi="việc tìm nguyên nhân đã dừng sớm vì vượt giới hạn tìm kiếm;"
            " một số sai lệch có thể chưa được giải thích",
            en="the diagnosis stopped early at its search budget;"
            " some mismatches may be left unexplained",
        ),
        "count": Text(vi="số lượng", en="count"),
        "level": Text(vi="mức", en="level"),
        "amount": Text(vi="số tiền", en="amount"),
    },
)


def reconcile(
    report: Report,
    *,
    max_changes: int = DEFAULT_MAX_CHANGES,
    budget: int = DEFAULT_BUDGET,
) -> AuditResult:
    """Check every edit ``report`` implies, diagnose the violations, and explain them.

    Findings come in report order (line, node path, field, kind); the same report always
    gives the same findings. A report whose edits all hold is answered by
    :func:`~welfare_rules.audit.quick.quick_check` alone; otherwise only the top-level
    subtrees it found broken are compiled and diagnosed (edits never cross top-level
    nodes), so the cost follows the errors, not the report's size. See
    :func:`~welfare_rules.audit.check_edits` for ``max_changes`` and ``budget``.
    """
    quick = quick_check(report)
    if quick.consistent and quick.complete:
        return AuditResult(
            findings=ordered(check_citations(report)), edits=quick.edits, figures=quick.figures
        )
    # Many small objects and no cycles, as in extraction: the collector is paused, and
    # resumes only once the compiled edits are gone (they are freed as they go; resumed
    # while they live, its first pass would visit every one of them for nothing).
    with paused_collection():
        compiled = compile_subtrees(report, quick.broken)
        check = check_edits(
            compiled.values,
            compiled.edits,
            kinds=compiled.kinds,
            max_changes=max_changes,
            budget=budget,
        )
        findings = _Explainer(report, compiled, check).findings()
        unchecked_claims, cut_short = compiled.unchecked, check.cut_short
        # the edits of the compiled subtrees as compiled: the quick pass leaves some out
        # (a second breakdown's, which it leaves to this path)
        compiled_edits = len(compiled.edits)
        del compiled, check
    quick_of_broken = quick_check(Report(nodes=tuple(report.nodes[i] for i in quick.broken)))
    edits = quick.edits - quick_of_broken.edits + compiled_edits
    for unchecked in unchecked_claims:
        fields = Text(
            vi=", ".join(_MSG(name).vi for name in unchecked.missing),
            en=", ".join(_MSG(name).en for name in unchecked.missing),
        )
        findings.append(
            Finding(
                kind="claim_unchecked",
                severity="info",
                message=_MSG("unchecked_claim", claim=unchecked.claim.expression, missing=fields),
                path=unchecked.path,
                labels=report.labels(unchecked.path),
                line=unchecked.claim.line or report.node(unchecked.path).line,
            )
        )
    findings.extend(check_citations(report))
    return AuditResult(
        findings=ordered(findings),
        edits=edits,
        figures=quick.figures,
        cut_short=cut_short,
    )


def _join(texts: Iterable[Text], separator: Text) -> Text:
    items = list(texts)
    return Text(
        vi=separator.vi.join(t.vi for t in items), en=separator.en.join(t.en for t in items)
    )


class _Explainer:
    """Turns an :class:`EditCheck` on a compiled report into findings."""

    def __init__(self, report: Report, compiled: CompiledReport, check: EditCheck) -> None:
        self.report = report
        self.figures = compiled.figures
        self.written = compiled.values
        self.check = check
        self.values = {**compiled.values, **check.corrections}
        # Lines that state the figures of several nodes (an inline breakdown): there a
        # line number alone does not say which figure is meant, so the label is added.
        # Counted in one pass for the lines of the figures the findings place (a few per
        # violation, however large the report); a line asked later is counted then.
        self.counted: set[int | None] = set()
        self.shared_lines: set[int] = set()
        self.count_lines({self.ref(name).line for name in _placed(check)})
        # the tied explanations repairing each edit, indexed once (by the edit's id): a
        # finding lists at most MAX_OPTIONS of them, however many tie
        self.tied: dict[int, list[int]] = {}
        for group, explanation in enumerate(check.candidates):
            for edit in explanation.repaired:
                self.tied.setdefault(id(edit), []).append(group)

    def count_lines(self, lines: set[int | None]) -> None:
        lines = lines - self.counted
        if lines:
            self.shared_lines |= _shared_lines(self.report, lines)
            self.counted |= lines

    def findings(self) -> list[Finding]:
        findings = [
            self.correction(change, explanation)
            for explanation in self.check.explanations
            for change in explanation.changes
        ]
        findings.extend(self.violation(edit) for edit in self.check.violations)
        if self.check.cut_short:
            findings.append(
                Finding(kind="search_cut_short", severity="info", message=_MSG("cut_short"))
            )
        return findings

    # -- places -------------------------------------------------------------------------

    def ref(self, figure: str) -> FigureRef:
        return self.figures[figure]

    def where(self, figure: str) -> Text:
        ref = self.ref(figure)
        label = _MSG("of_label", label=shorten(self.report.node(ref.path).label))
        if ref.line is None:
            return label
        where = _MSG("on_line", line=ref.line)
        if ref.line not in self.counted:
            self.count_lines({ref.line})
        if ref.line in self.shared_lines:
            return Text(vi=f"{label.vi} {where.vi}", en=f"{label.en} {where.en}")
        return where

    def edit_name(self, edit: Edit) -> Text:
        if edit.kind == "custom" or edit.subject is None:
            return _MSG("custom", edit=edit.text)
        where = self.where(edit.subject)
        return _MSG(edit.kind, where=where)

    def base(self, figure: str, *, kind: FindingKind, severity: str = "error") -> dict[str, object]:
        ref = self.ref(figure)
        return {
            "kind": kind,
            "severity": severity,
            "path": ref.path,
            "labels": self.report.labels(ref.path),
            "line": ref.line,
            "field": ref.field,
            "figure": figure,
        }

    # -- an applied correction ----------------------------------------------------------

    def correction(self, change: Change, explanation: Explanation) -> Finding:
        # the edits it mends, else those it keeps holding once another figure is mended
        involved = [edit for edit in explanation.repaired if change.figure in edit.figures]
        involved = involved or [edit for edit in explanation.kept if change.figure in edit.figures]
        outruled = explanation.outruled
        owner = next((e for e in involved if e.subject == change.figure), None)
        owner = owner or (involved[0] if involved else None)
        family = FAMILIES[change.family]
        kind: FindingKind = family.finding or (_KINDS[owner.kind] if owner else "edit_violated")
        others = [self.edit_name(edit) for edit in involved if edit is not owner]
        also = Text("", "")
        if others:
            listed = _join(others, _MSG("and"))
            also = _MSG("also", edits=listed)
        detail = self.detail(owner, change.figure) if owner else Text("", "")
        why = family.label
        fields = {
            "reported": display_vnd(change.reported, unit=""),
            "suggested": display_vnd(change.value, unit=""),
        }
        rounding = Text("", "")
        if outruled:
            counted = self.ref(change.figure).kind == "count"
            rounding = _MSG("by_rounding_count" if counted else "by_rounding", count=outruled)
        message = _MSG("correction", why=why, detail=detail, also=also, rounding=rounding, **fields)
        return Finding(
            **self.base(change.figure, kind=kind),
            message=message,
            reported=change.reported,
            expected=change.value,
            suggested=change.value,
            difference=change.reported - change.value,
            family=change.family,
            edits=tuple(edit.text for edit in involved),
        )

    def detail(self, owner: Edit, figure: str) -> Text:
        values = self.values
        if owner.kind == "product":
            names = self.node_figures(owner)
            if len(names) == 3:
                factor = _factor(owner)
                return _MSG(
                    "detail_product" if factor == 1 else "detail_product_times",
                    count=display_vnd(values[names["count"]], unit=""),
                    factor=_shown(factor),
                    level=display_vnd(values[names["level"]], unit=""),
                    amount=display_vnd(values[names["amount"]], unit=""),
                )
        if owner.kind in ("count_sum", "amount_sum") and owner.subject is not None:
            total = display_vnd(values[owner.subject], unit="")
            return _MSG("detail_parts" if owner.subject == figure else "detail_part", total=total)
        if owner.kind == "restatement":
            other = next((name for name in owner.figures if name != figure), None)
            if other is not None:
                where = self.where(other)
                return _MSG("detail_restated", where=where)
        return Text("", "")

    def node_figures(self, edit: Edit) -> dict[str, str]:
        return {self.ref(name).field: name for name in edit.figures}

    # -- a mismatch that stays ----------------------------------------------------------

    def violation(self, edit: Edit) -> Finding:
        subject = edit.subject or edit.figures[0]
        reported = self.written[subject]
        expected = (
            None if edit.kind == "claim" else edit.solve_for(subject, self.values, as_equality=True)
        )
        kind = _KINDS[edit.kind]
        message = self.statement(edit, subject, reported, expected)
        tied = self.tied.get(id(edit), [])
        groups = [self.check.candidates[i] for i in tied]
        candidates = self.candidates(tied[:MAX_OPTIONS])
        minimal = self.minimal_sets(edit) if not candidates else ()
        if candidates:
            options = _join((self.option(c) for c in candidates), Text("; ", "; "))
            if len(groups) > MAX_OPTIONS:
                left = sum(len(e.changes) for e in groups[MAX_OPTIONS:])
                options = _concat(options, _MSG("more_options", count=left))
            if len(groups) == 1 and groups[0].partial:
                message = _concat(message, _MSG("partial_fix", options=options))
            elif len(groups) == 1 and groups[0].doubted:
                message = _concat(message, _MSG("doubted_fix", options=options))
            else:
                count = len({(c.figure, c.value) for e in groups for c in e.changes})
                message = _concat(message, _MSG("ties", count=count, options=options))
        elif minimal:
            sets = _join(
                (_join((self.place(p) for p in group), Text(" + ", " + ")) for group in minimal),
                Text("; ", "; "),
            )
            size = len(minimal[0])
            message = _concat(
                message,
                _MSG("no_typo", size=size, sets=sets),
            )
        return Finding(
            **self.base(
                subject, kind=kind, severity="warning" if edit.kind == "claim" else "error"
            ),
            message=message,
            reported=reported,
            expected=expected,
            difference=None if expected is None else reported - expected,
            candidates=candidates,
            minimal_sets=minimal,
            edits=(edit.text,),
        )

    def statement(self, edit: Edit, subject: str, reported: int, expected: int | None) -> Text:
        values = self.values
        if edit.kind == "product":
            names = self.node_figures(edit)
            count, level = values[names["count"]], values[names["level"]]
            factor = _factor(edit)
            return _MSG(
                "violated_product" if factor == 1 else "violated_product_times",
                count=display_vnd(count, unit=""),
                factor=_shown(factor),
                level=display_vnd(level, unit=""),
                product=display_vnd(int(count * level * factor), unit=""),
                amount=display_vnd(values[names["amount"]], unit=""),
            )
        if edit.kind in ("count_sum", "amount_sum") and expected is not None:
            key = "violated_sum" if edit.op == "==" else "violated_partial_sum"
            return _MSG(
                key,
                expected=display_vnd(expected, unit=""),
                reported=display_vnd(reported, unit=""),
                difference=_signed(reported - expected),
            )
        if edit.kind == "restatement" and expected is not None:
            other = next(name for name in edit.figures if name != subject)
            where = self.where(other)
            fields = {
                "reported": display_vnd(reported, unit=""),
                "expected": display_vnd(expected, unit=""),
            }
            return _MSG("violated_restatement", where=where, **fields)
        if edit.kind == "claim":
            listed = _join(
                (
                    Text("{field} = {value}", "{field} = {value}").format(
                        field=_MSG(self.ref(name).field), value=display_vnd(values[name], unit="")
                    )
                    for name in edit.figures
                ),
                Text(", ", ", "),
            )
            return _MSG("violated_claim", claim=edit.text, values=listed)
        return _MSG("violated_custom", edit=edit.text)

    def candidates(self, groups: list[int]) -> tuple[Candidate, ...]:
        """The changes of the tied explanations ``groups`` (indices in the check's
        candidates, which number the groups) as a finding offers them, each change once
        (two slip families may reach the same value: ``9 → 8`` one less, or one digit)."""
        found: list[Candidate] = []
        offered: set[tuple[str, int]] = set()
        for group in groups:
            for change in self.check.candidates[group].changes:
                if (change.figure, change.value) in offered:
                    continue
                offered.add((change.figure, change.value))
                ref = self.ref(change.figure)
                found.append(
                    Candidate(
                        figure=change.figure,
                        path=ref.path,
                        label=self.report.node(ref.path).label,
                        line=ref.line,
                        field=ref.field,
                        value=change.value,
                        family=change.family,
                        group=group,
                    )
                )
        return tuple(found)

    def option(self, candidate: Candidate) -> Text:
        where = self.where(candidate.figure)
        fields = {
            "reported": display_vnd(self.written[candidate.figure], unit=""),
            "value": display_vnd(candidate.value, unit=""),
        }
        return _MSG("option", where=where, field=_MSG(candidate.field), **fields)

    def minimal_sets(self, edit: Edit) -> tuple[tuple[FigurePlace, ...], ...]:
        sets = [group for group in self.check.minimal_sets if group & set(edit.figures)]
        return tuple(
            tuple(
                FigurePlace(
                    figure=name,
                    path=self.ref(name).path,
                    line=self.ref(name).line,
                    field=self.ref(name).field,
                )
                for name in sorted(group, key=self.place_key)
            )
            for group in sets
        )

    def place_key(self, name: str) -> tuple[int, tuple[int, ...], str]:
        ref = self.ref(name)
        return (ref.line or 0, ref.path, ref.field)

    def place(self, place: FigurePlace) -> Text:
        where = self.where(place.figure)
        field = _MSG(place.field)
        return Text(vi=f"{field.vi} {where.vi}", en=f"{field.en} {where.en}")


def _placed(check: EditCheck) -> set[str]:
    """The figures whose place the findings of ``check`` write: the subjects of the edits
    violated, both figures of a restatement, the figures changed or offered, the members
    of the minimal sets."""
    names: set[str] = set()
    for edit in (*check.violated, *check.violations):
        names.add(edit.subject or edit.figures[0])
        if edit.kind == "restatement":
            names.update(edit.figures)
    for explanation in (*check.explanations, *check.candidates):
        names.update(change.figure for change in explanation.changes)
    for group in check.minimal_sets:
        names.update(group)
    return names


def _shared_lines(report: Report, lines: set[int | None]) -> set[int]:
    """Those of ``lines`` that more than one node of ``report`` states figures on (one
    pass, no node path built)."""
    seen: set[int] = set()
    shared: set[int] = set()
    stack = list(report.nodes)
    pop, extend = stack.pop, stack.extend
    while stack:
        fields = pop().__dict__
        line = fields["line"]
        if line in lines:
            if line in seen:
                shared.add(line)
            else:
                seen.add(line)
        children = fields["children"]
        if children:
            extend(children)
    return shared


def _concat(first: Text, second: Text) -> Text:
    return Text(vi=first.vi + second.vi, en=first.en + second.en)


def _signed(value: int) -> str:
    return ("+" if value > 0 else "-") + display_vnd(abs(value), unit="")


def _factor(product: Edit) -> Fraction:
    """How many times a product edit's count × level is taken (its nonlinear term's
    coefficient over its amount's: 1, a node's :attr:`~.nodes.Node.factor`, or that over
    its :attr:`~.nodes.Node.factor_per`, ``hệ số 1,5``)."""
    pair = next((abs(c) for monomial, c in product.terms if len(monomial) == 2), 1)
    single = next((abs(c) for monomial, c in product.terms if len(monomial) == 1), 1)
    return Fraction(pair, single)


def _shown(factor: Fraction) -> str:
    """``3``, ``1,5``, ``2,25``: a factor as a Vietnamese decimal (its divisor divides a
    power of ten: a coefficient written with decimals)."""
    if factor.denominator == 1:
        return str(factor.numerator)
    places = 1
    while (factor * 10**places).denominator != 1 and places < _PLACES:
        places += 1
    return f"{float(factor):.{places}f}".replace(".", ",")


_PLACES = 6


__all__ = ["reconcile"]
