"""Tests for rules/_base.py: labels, notes, citations and in-kind gifts."""

from __future__ import annotations

import datetime as dt

import pytest

from welfare_rules.rules._base import InKind, Label, LegalBasis, is_blank, note_text


def _basis(**changes: object) -> LegalBasis:
    data: dict[str, object] = {
        "number": "1583/QĐ-CTN",
        "kind": "decision",
        "issuer": {"vi": "Chủ tịch nước", "en": "State President"},
        "date": dt.date(2023, 12, 26),
        "confirmed": True,
    }
    return LegalBasis.model_validate({**data, **changes})


def test_cite_in_both_languages() -> None:
    basis = _basis(article="2")
    assert basis.cite("vi") == "Quyết định 1583/QĐ-CTN ngày 26/12/2023 của Chủ tịch nước, Điều 2"
    assert basis.cite("en") == "Decision 1583/QĐ-CTN of 26/12/2023 (State President), Art. 2"


def test_unconfirmed_needs_a_note() -> None:
    with pytest.raises(ValueError, match="must carry a note"):
        _basis(confirmed=False)
    assert _basis(confirmed=False, note="not public").note == "not public"


def test_notes_and_labels() -> None:
    label = Label(vi="lụa", en="silk")
    assert note_text(label, lang="en") == "silk"
    assert note_text("một ghi chú", lang="en") == "một ghi chú"
    assert is_blank("  ")
    assert not is_blank(label)


def test_in_kind() -> None:
    silk = InKind(vi="lụa", en="silk", quantity=5, unit="m")
    assert silk.describe("vi") == "5 m lụa"
    assert silk.describe("en") == "5 m silk"
    with pytest.raises(ValueError, match="valid integer"):
        InKind(vi="hàng", en="goods", value=150000.0)  # type: ignore[arg-type]
