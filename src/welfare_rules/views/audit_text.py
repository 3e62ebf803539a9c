"""The words every audit view shares, in Vietnamese and English: kinds, severities,
fields, verdicts and the headings of tables, files and summaries."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from .._i18n import Catalog, Lang, Text
from ..money import display_vnd

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..audit.read import DocumentAudit
    from .audit_files import AuditedFile

MSG = Catalog(
    "views.audit",
    {
        "title": Text("Kiểm tra báo cáo: {source}", "Audit of {source}"),
        "dated": Text(" (ngày {date})", " (dated {date})"),
        "standard_input": Text("đầu vào chuẩn", "standard input"),
        "example": Text("báo cáo ví dụ", "the example report"),
        "line": Text("Dòng", "Line"),
        "where": Text("Vị trí", "Where"),
        "file": Text("Tệp", "File"),
        "what": Text("Vấn đề", "What is wrong"),
        "kind": Text("Loại", "Kind"),
        "severity": Text("Mức độ", "Severity"),
        "field": Text("Trường", "Field"),
        "written": Text("Ghi", "Written"),
        "expected": Text("Đúng ra", "Expected"),
        "suggested": Text("Đề nghị", "Suggested"),
        "message": Text("Nội dung", "Message"),
        "status": Text("Mã kết thúc", "Exit status"),
        "verdict": Text("Kết luận", "Verdict"),
        "candidates": Text("{n} khả năng", "{n} candidates"),
        "at": Text("tại {where}", "at {where}"),
        "verdict_errors": Text(
            "Có {errors} lỗi (xem bảng trên).", "{errors} error(s) found (see the table above)."
        ),
        "verdict_errors_below": Text(
            "Có {errors} lỗi (xem danh sách bên dưới).", "{errors} error(s) found (listed below)."
        ),
        "verdict_errors_short": Text("có {errors} lỗi", "{errors} error(s) found"),
        "verdict_consistent": Text(
            "Đã kiểm tra đủ {figures} số liệu: khớp nhau, không thấy sai sót.",
            "All {figures} figures checked: consistent, no mistake found.",
        ),
        "verdict_consistent_alone": Text(
            "Mọi phép kiểm tra đều khớp, không thấy sai sót; {alone} số liệu đứng riêng, "
            "văn bản không đối chiếu chúng với số nào (liệt kê bên dưới).",
            "Every check holds, no mistake found; {alone} figures stand alone, the text "
            "relates them to nothing (listed below).",
        ),
        "verdict_nothing_to_relate": Text(
            "Không có phép kiểm tra nào: văn bản không nêu quan hệ số học giữa các số liệu; "
            "{alone} số liệu đứng riêng (liệt kê bên dưới).",
            "Nothing to check: the text states no arithmetic between its figures; {alone} "
            "figures stand alone (listed below).",
        ),
        "verdict_nothing": Text(
            "Không kiểm tra được gì: không tìm thấy số liệu nào để đối chiếu.",
            "Nothing was checked: no figures were found to reconcile.",
        ),
        "verdict_incomplete": Text(
            "Không thấy sai sót trong phần kiểm tra được; {missing} số liệu chưa được kiểm tra.",
            "No mistake found in what could be checked; {missing} figures not checked.",
        ),
        "verdict_unreadable": Text("không đọc được: {reason}", "not read: {reason}"),
        "unchecked": Text(
            "Số liệu không nằm trong phép kiểm tra nào:", "Figures that no check covers:"
        ),
        "alone": Text(
            "Số liệu đứng riêng (không có gì để đối chiếu):",
            "Figures that stand alone (nothing to check them against):",
        ),
        "summary_alone": Text(
            " {alone} số liệu đứng riêng.", " Figures that stand alone: {alone}."
        ),
        "unparsed": Text(
            "Dòng có số chưa đọc được (không kiểm tra):",
            "Lines with numbers not understood (not checked):",
        ),
        "summary": Text(
            "{errors} lỗi, {warnings} cảnh báo, {info} thông tin; "
            "{edits} phép kiểm tra trên {figures} số liệu; {unparsed} dòng chưa đọc được; "
            "{unchecked} số liệu chưa kiểm tra.",
            "errors: {errors}, warnings: {warnings}, notes: {info}; "
            "{edits} checks on {figures} figures; lines not understood: {unparsed}; "
            "figures not checked: {unchecked}.",
        ),
        "files_summary": Text(
            "{files} tệp: {errors} có lỗi, {incomplete} chưa kiểm tra đủ, "
            "{consistent} khớp đủ, {unreadable} không đọc được.",
            "{files} files: {errors} with errors, {incomplete} not fully checked, "
            "{consistent} checked and consistent, {unreadable} not read.",
        ),
        "error": Text("LỖI", "ERROR"),
        "warning": Text("CẢNH BÁO", "WARNING"),
        "info": Text("THÔNG TIN", "NOTE"),
        "count": Text("số lượng", "count"),
        "level": Text("mức", "level"),
        "amount": Text("số tiền", "amount"),
        # finding kinds
        "product_mismatch": Text("số suất × mức ≠ thành tiền", "count × level ≠ amount"),
        "count_sum_mismatch": Text(
            "tổng số lượng khác tổng các phần", "count total ≠ sum of its parts"
        ),
        "amount_sum_mismatch": Text(
            "tổng số tiền khác tổng các phần", "amount total ≠ sum of its parts"
        ),
        "scale_slip": Text("thiếu hoặc thừa “.000”", "a dropped or extra “.000”"),
        "share_mismatch": Text("tỷ lệ phần trăm không khớp", "a percentage that does not hold"),
        "claim_violated": Text("nhận định không đúng", "a claim that does not hold"),
        "claim_unchecked": Text("nhận định không kiểm tra được", "a claim that cannot be checked"),
        "restatement_mismatch": Text(
            "một số liệu ghi hai giá trị", "one figure written with two values"
        ),
        "edit_violated": Text("điều kiện kiểm tra bị vi phạm", "an edit is violated"),
        "search_cut_short": Text("tìm kiếm dừng sớm", "search cut short"),
        "citation_date_conflict": Text(
            "văn bản được ghi hai ngày khác nhau", "instrument cited with two dates"
        ),
        "citation_after_report": Text(
            "văn bản ghi ngày sau ngày báo cáo", "instrument dated after the report"
        ),
        "citation_repeated": Text(
            "văn bản dẫn hai lần trong một danh sách", "instrument cited twice in one list"
        ),
        "level_not_in_rules": Text("mức không có trong quy định", "a level the rules do not have"),
        "amount_not_in_rules": Text(
            "số tiền không mức nào cho ra", "an amount no level of the rules gives"
        ),
        "basis_date_mismatch": Text(
            "ngày văn bản khác căn cứ", "an instrument dated otherwise than its basis"
        ),
        "rules_not_checked": Text(
            "không đối chiếu được với quy định", "not checked against the rules"
        ),
    },
)


def label(key: str | None, *, lang: Lang) -> str:
    """The words for a kind, a severity or a field (the key itself when unknown)."""
    if key is None:
        return ""
    return MSG(key).get(lang) if key in MSG.templates else key


def number(value: int | Decimal | None) -> str:
    """A figure grouped the Vietnamese way (``2.721.000.000``), a percentage with its
    decimal comma (``2,33%``), or a dash."""
    if isinstance(value, Decimal):
        return f"{value}%".replace(".", ",")
    return "—" if value is None else display_vnd(value, unit="")


def summary_line(audit: DocumentAudit) -> Text:
    """The counts under the verdict: findings, checks, lines not understood, figures not
    checked (and those that stand alone, when there are any)."""
    counts = {"unparsed": len(audit.unparsed), "unchecked": len(audit.not_checked)}
    line = MSG("summary", **audit.result.summary(), **counts)
    if not audit.standing_alone:
        return line
    alone = MSG("summary_alone", alone=len(audit.standing_alone))
    return Text(line.vi + alone.vi, line.en + alone.en)


def verdict(audit: DocumentAudit, *, below: bool = False) -> Text:
    """The headline: errors found (in the table above, or ``below``), consistent (only
    when complete), or what was not checked."""
    if not audit.result.ok:
        key = "verdict_errors_below" if below else "verdict_errors"
        return MSG(key, errors=audit.result.summary()["errors"])
    if audit.complete and audit.standing_alone and not audit.result.edits:
        return MSG("verdict_nothing_to_relate", alone=len(audit.standing_alone))
    if audit.complete and audit.standing_alone:
        return MSG("verdict_consistent_alone", alone=len(audit.standing_alone))
    if audit.complete:
        return MSG("verdict_consistent", figures=audit.result.figures)
    if not audit.result.figures:
        return MSG("verdict_nothing")
    missing = len(audit.not_checked) + sum(len(item.numbers) for item in audit.unparsed)
    return MSG("verdict_incomplete", missing=missing)


def file_verdict(file: AuditedFile) -> Text:
    """A file's verdict on one line (its reason when it could not be read)."""
    if file.audit is None:
        assert file.error is not None
        return MSG("verdict_unreadable", reason=file.error)
    if not file.audit.result.ok:
        return MSG("verdict_errors_short", errors=file.audit.result.summary()["errors"])
    return verdict(file.audit)


def files_summary(files: Sequence[AuditedFile]) -> Text:
    """``12 tệp: 3 có lỗi, …`` for a run over many files."""
    statuses = [f.status for f in files]
    return MSG(
        "files_summary",
        files=len(files),
        errors=statuses.count(1),
        incomplete=statuses.count(3),
        consistent=statuses.count(0),
        unreadable=statuses.count(2),
    )


__all__ = ["MSG", "file_verdict", "files_summary", "label", "number", "verdict"]
