"""Checking the percentages a report states (:class:`~.nodes.Share`).

``388 người (2,4%)`` holds when 388 divided by its whole, times 100, rounds or truncates
to 2,4 at one decimal. One that does not is an error. Any of its three figures may be the
slip: the percentage (``3,23`` → ``2,33``), the part or the whole (``3.989 người, đi làm
3.418 người đạt 87,66%``: the whole 3.899 gives 87,66%). Each is tried; a figure that
another check already holds is taken as right. One explanation that is one typing slip
away is the correction; several are listed as candidates; none leaves the finding
without a suggestion. The figures are taken at their corrected values where the
arithmetic found them wrong, and a share of a figure found wrong without a correction is
left unchecked.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

from .._i18n import Catalog, Text
from ..money import display_vnd
from .bounds import Corrections, corrections, exact_figure
from .compile import FigureKind
from .findings import Candidate, Finding
from .nodes import NodePath, Share
from .report import Report
from .slips import detect

_MSG = Catalog(
    "audit.shares",
    {
        "mismatch": Text(
            vi="tỷ lệ ghi {written}%, nhưng {part} / {whole} = {exact}%",
            en="the share is written {written}%, but {part} / {whole} = {exact}%",
        ),
        "figure": Text(
            vi="tỷ lệ ghi {written}%, nhưng {part} / {whole} = {exact}%; "
            "{what} {figure} → {value} (một lỗi gõ phím) thì khớp",
            en="the share is written {written}%, but {part} / {whole} = {exact}%; "
            "{what} {figure} → {value} (one typing slip) makes it hold",
        ),
        "several": Text(
            vi="tỷ lệ ghi {written}%, nhưng {part} / {whole} = {exact}%; "
            "{n} cách sửa khớp như nhau nên không tự chọn",
            en="the share is written {written}%, but {part} / {whole} = {exact}%; "
            "{n} corrections fit equally well, so none is chosen",
        ),
        "part": Text(vi="sửa phần", en="the part"),
        "whole": Text(vi="sửa tổng", en="the whole"),
    },
)
_MAX_DECIMALS = 4
_MAX_TRIED = 64  # integers tried for a part or a whole: a share pins them to a narrow range


def check_shares(report: Report, findings: tuple[Finding, ...]) -> list[Finding]:
    """The findings of every stated percentage in ``report`` that its figures do not give."""
    corrected = corrections(findings)
    held = functools.cache(lambda: _held(report))  # compiled once, and only on a mismatch
    found: list[Finding] = []
    for _, node in report.walk():
        for share in node.shares:
            finding = _check(report, share, corrected, held)
            if finding is not None:
                found.append(finding)
    return found


def _check(
    report: Report,
    share: Share,
    corrected: Corrections,
    held: Callable[[], set[tuple[NodePath, str]]],
) -> Finding | None:
    written = _decimal(share.percent)
    if written is None:
        return None
    part = exact_figure(share.part, report.node(share.part), share.field, corrected)
    whole = exact_figure(share.whole, report.node(share.whole), share.field, corrected)
    if part is None or not whole:
        return None
    exponent = written.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    step = Decimal(1).scaleb(-places)
    exact = Decimal(part) * 100 / Decimal(whole)
    options = {exact.quantize(step, rounding=mode) for mode in (ROUND_HALF_UP, ROUND_DOWN)}
    if written in options:
        return None
    rounded = exact.quantize(step, rounding=ROUND_HALF_UP)
    scale = 10**places
    slip = detect(int(written * scale), int(rounded * scale))
    shown = {
        "written": _shown(written),
        "part": display_vnd(part, unit=""),
        "whole": display_vnd(whole, unit=""),
        "exact": _shown(rounded),
    }
    figures = _figure_slips(report, share, part, whole, written, step, corrected, held())
    if figures:
        ways = len(figures) + (slip is not None)
        if ways == 1:
            return _figure_finding(report, share, figures[0], rounded, shown)
        return _tied(report, share, figures, written, rounded, ways, shown)
    return Finding(
        kind="share_mismatch",
        severity="error",
        message=_MSG("mismatch", **shown),
        path=share.part,
        labels=report.labels(share.part),
        line=share.line,
        field=share.field,
        reported=written,
        expected=rounded,
        suggested=rounded if slip is not None else None,
        difference=written - rounded,
        family=slip,
    )


_Slip = tuple[NodePath, str, int, int, str]  # path, "part"/"whole", written, value, family


def _figure_slips(
    report: Report,
    share: Share,
    part: int,
    whole: int,
    written: Decimal,
    step: Decimal,
    corrected: Corrections,
    held: set[tuple[NodePath, str]],
) -> list[_Slip]:
    """The part or whole values one typing slip from the written ones that give the
    written percentage; figures another check holds are left out."""
    low, high = written - step / 2, written + step  # half-up or truncated to ``written``
    kind: FigureKind = "count" if share.field == "count" else "money"
    found: list[_Slip] = []
    for role, path in (("part", share.part), ("whole", share.whole)):
        stated = report.node(path).figure(share.field)
        if stated is None or (path, share.field) in corrected or (path, share.field) in held:
            continue  # derived from its parts, already corrected, or held by another check
        if role == "part":
            first, last = _ceil(low * whole / 100), _ceil(high * whole / 100) - 1
        else:
            first = _floor(part * 100 / high) + 1 if high > 0 else 1
            last = _floor(part * 100 / low) if low > 0 else first + _MAX_TRIED
        if last - first > _MAX_TRIED:
            continue
        for value in range(max(first, 0), last + 1):
            family = detect(stated, value, kind)
            if family is not None and value > 0:
                found.append((path, role, stated, value, family))
    return found


def _held(report: Report) -> set[tuple[NodePath, str]]:
    """The figures some edit of the report checks (an edit that holds, since a broken one
    would have been corrected or left the figure uncorrected, which excludes it anyway)."""
    compiled = report.compile()
    names = {name for edit in compiled.edits for name in edit.figures}
    return {
        (ref.path, ref.field)
        for name, ref in compiled.figures.items()
        if name in names and ref.restatement is None
    }


def _figure_finding(
    report: Report, share: Share, slip: _Slip, rounded: Decimal, shown: dict[str, str]
) -> Finding:
    path, role, stated, value, family = slip
    node = report.node(path)
    return Finding(
        kind="share_mismatch",
        severity="error",
        message=_MSG(
            "figure",
            **shown,
            what=_MSG(role),
            figure=display_vnd(stated, unit=""),
            value=display_vnd(value, unit=""),
        ),
        path=path,
        labels=report.labels(path),
        line=node.line or share.line,
        field=share.field,
        reported=stated,
        expected=value,
        suggested=value,
        difference=stated - value,
        family=family,
    )


def _tied(
    report: Report,
    share: Share,
    slips: list[_Slip],
    written: Decimal,
    rounded: Decimal,
    options: int,
    shown: dict[str, str],
) -> Finding:
    candidates = tuple(
        Candidate(
            figure=f"n{'_'.join(map(str, path))}_{share.field}",
            path=path,
            label=report.node(path).label,
            line=report.node(path).figure_line(share.field),
            field=share.field,
            value=value,
            family=family,
            group=index,
        )
        for index, (path, _, _, value, family) in enumerate(slips)
    )
    return Finding(
        kind="share_mismatch",
        severity="error",
        message=_MSG("several", **shown, n=options),
        path=share.part,
        labels=report.labels(share.part),
        line=share.line,
        field=share.field,
        reported=written,
        expected=rounded,
        suggested=None,
        difference=written - rounded,
        candidates=candidates,
    )


def _ceil(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_CEILING))


def _floor(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


def _decimal(percent: str) -> Decimal | None:
    try:
        value = Decimal(percent.replace(".", "").replace(",", ".").strip())
    except InvalidOperation:
        return None
    exponent = value.as_tuple().exponent
    if not value.is_finite() or (isinstance(exponent, int) and -exponent > _MAX_DECIMALS):
        return None
    return value


def _shown(value: Decimal) -> str:
    return str(value).replace(".", ",")


__all__ = ["check_shares"]
