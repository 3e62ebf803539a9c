"""Tests for audit/labels.py: one shortening rule for the labels a message quotes."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from welfare_rules.audit.labels import LABEL_LIMIT, shorten


@given(st.text(max_size=200), st.integers(1, 100))
@example("Mức 500.000đ", LABEL_LIMIT)
@example("x" * 61, LABEL_LIMIT)
def test_shorten_keeps_short_labels_and_cuts_long_ones(text: str, limit: int) -> None:
    short = shorten(text, limit)
    if len(text) <= limit:
        assert short == text
    else:
        assert len(short) == limit
        assert short.endswith("…")
        assert text.startswith(short[:-1])
