"""Pydantic validation errors explained in Vietnamese and English, with a key path.

Every model of the library validates with pydantic; every public entry point that reads
outside data (rule files, report trees, reforms) turns pydantic's first independent error
into one of our bilingual errors through :func:`explain`, so a reader sees
``programme[2].version[0].level[0].amount: a float (600000.0) is never money or a count``
rather than pydantic's English.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from . import _regex
from ._i18n import Catalog, Text
from .errors import quote

_MSG = Catalog(
    "validation",
    {
        "float": Text(
            vi="số thực {value} không bao giờ là tiền hay số đếm; hãy viết số nguyên",
            en="a float ({value}) is never money or a count; write a whole number",
        ),
        "negative": Text(
            vi="số âm {value} không được phép (tối thiểu {limit})",
            en="negative value {value} is not allowed (minimum {limit})",
        ),
        "int": Text(vi="cần số nguyên, không phải {value}", en="expected an integer, not {value}"),
        "bool": Text(
            vi="cần true hoặc false, không phải {value}",
            en="expected true or false, not {value}",
        ),
        "missing": Text(vi="thiếu khóa bắt buộc", en="required key missing"),
        "extra": Text(vi="khóa không được phép: {value}", en="unknown key: {value}"),
        "source": Text(
            vi="nguồn kinh phí không có: {value} (có: {expected})",
            en="unknown funding source {value} (expected {expected})",
        ),
        "choice": Text(
            vi="giá trị {value} không hợp lệ (có thể: {expected})",
            en="invalid value {value} (expected {expected})",
        ),
        "pattern": Text(
            vi="mã {value} không hợp lệ: chỉ dùng chữ thường không dấu, số, '-', '.', '_'",
            en="bad id {value}: use lower-case ASCII letters, digits, '-', '.', '_'",
        ),
        "other": Text(
            vi="giá trị {value} không hợp lệ: {detail}", en="invalid value {value}: {detail}"
        ),
    },
)

# Pydantic names the branch of a union in the location (``int``, ``lax-or-strict`` …);
# a reader's key path leaves those out.
_UNION_TAGS = _regex.compile(
    r"^(int|bool|str|date|none|lax-or-strict|json-or-python|[a-z-]+\[.*\])$"
)


@runtime_checkable
class ExplainedError(Protocol):
    """A validator's own error that already has a bilingual reason and a path below it."""

    text: Text
    at: str


def independent(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Drop errors that only follow from a deeper one (a list left empty by a bad item)."""
    locs = [tuple(e["loc"]) for e in errors]
    kept = [
        e
        for e, loc in zip(errors, locs, strict=True)
        if not any(len(other) > len(loc) and other[: len(loc)] == loc for other in locs)
    ]
    return kept or errors


def first_problem(exc: ValidationError) -> tuple[str, Text, object]:
    """The key path, bilingual reason and offending value of ``exc``'s first real error."""
    return explain(independent(exc.errors(include_url=False))[0])


def explain(error: ErrorDetails) -> tuple[str, Text, object]:
    """The key path, the bilingual reason and the offending value of one pydantic error."""
    parts = [p for p in error["loc"] if not (isinstance(p, str) and _UNION_TAGS.match(p))]
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else part)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, ExplainedError):
        if cause.at:
            path = f"{path}.{cause.at}" if path else cause.at
        return path, cause.text, value
    kind = error["type"]
    shown = quote(value)  # bounded: a 1 MB value does not make a 1 MB message
    if isinstance(value, float) and kind in ("int_type", "int_from_float", "bool_type"):
        return path, _MSG("float", value=shown), value
    if kind in ("greater_than_equal", "greater_than") and isinstance(value, int) and value < 0:
        limit = ctx.get("ge", ctx.get("gt", 0))
        return path, _MSG("negative", value=shown, limit=limit), value
    if kind == "missing":
        return path, _MSG("missing"), None
    if kind == "extra_forbidden":
        name = path.rsplit(".", 1)[-1]
        return path, _MSG("extra", value=quote(name)), value
    if kind == "enum" and path.endswith("source"):
        return path, _MSG("source", value=shown, expected=_short(ctx.get("expected", ""))), value
    if kind in ("enum", "literal_error"):
        return path, _MSG("choice", value=shown, expected=_short(ctx.get("expected", ""))), value
    if kind == "string_pattern_mismatch":
        return path, _MSG("pattern", value=shown), value
    if kind in ("int_type", "int_parsing"):
        return path, _MSG("int", value=shown), value
    if kind in ("bool_type", "bool_parsing"):
        return path, _MSG("bool", value=shown), value
    return path, _MSG("other", value=shown, detail=_short(error["msg"])), value


_DETAIL_LIMIT = 200


def _short(text: object) -> str:
    """A detail for a message, cut to a bounded length."""
    detail = str(text)
    if len(detail) <= _DETAIL_LIMIT:
        return detail
    return f"{detail[: _DETAIL_LIMIT - 1]}…"


__all__ = ["ExplainedError", "explain", "first_problem", "independent"]
