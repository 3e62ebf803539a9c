"""Shared Hypothesis strategies (one place, as in attrs' and dateutil's tests)."""

from __future__ import annotations

from hypothesis import strategies as st

# Whole VND amounts as they occur in reports: up to a quadrillion đồng.
vnd = st.integers(min_value=0, max_value=10**15)


# Integers in the range the spelling-out must handle.
words_range = st.integers(min_value=0, max_value=10**12)
