"""How a report's labels appear in messages: one shortening rule for every message.

>>> shorten("Mức 500.000đ")
'Mức 500.000đ'
>>> shorten("x" * 70)
'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'
"""

from __future__ import annotations

LABEL_LIMIT = 60
"""The most characters of a label a message quotes (the last one an ellipsis)."""


def shorten(text: str, limit: int = LABEL_LIMIT) -> str:
    """``text`` if it has at most ``limit`` characters, else its first ``limit - 1`` and
    ``…`` (exactly ``limit`` characters)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["LABEL_LIMIT", "shorten"]
