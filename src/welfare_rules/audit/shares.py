"""Checking the percentages a report states (:class:`~.nodes.Share`).

``388 người (2,4%)`` holds when 388 divided by its whole, times 100, rounds or truncates
to 2,4 at one decimal. One that does not is an error; the correction is the percentage
the figures give, rounded to the written decimals, suggested when the written digits are
one typing slip from it (``3,23`` → ``2,33``). The figures are taken at their corrected
values where the arithmetic found them wrong, and a share of a figure found wrong
without a correction is left unchecked.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from .._i18n import Catalog, Text
from ..money import display_vnd
from .bounds import Corrections, corrections, exact_figure
from .findings import Finding
from .nodes import Share
from .report import Report
from .slips import detect

_MSG = Catalog(
    "audit.shares",
    {
        "mismatch": Text(
            vi="tỷ lệ ghi {written}%, nhưng {part} / {whole} = {exact}%",
            en="the share is written {written}%, but {part} / {whole} = {exact}%",
        ),
    },
)
_MAX_DECIMALS = 4


def check_shares(report: Report, findings: tuple[Finding, ...]) -> list[Finding]:
    """The findings of every stated percentage in ``report`` that its figures do not give."""
    corrected = corrections(findings)
    found: list[Finding] = []
    for _, node in report.walk():
        for share in node.shares:
            finding = _check(report, share, corrected)
            if finding is not None:
                found.append(finding)
    return found


def _check(report: Report, share: Share, corrected: Corrections) -> Finding | None:
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
    return Finding(
        kind="share_mismatch",
        severity="error",
        message=_MSG(
            "mismatch",
            written=_shown(written),
            part=display_vnd(part, unit=""),
            whole=display_vnd(whole, unit=""),
            exact=_shown(rounded),
        ),
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
