"""Pydantic field types shared by the models: money and counts are strict, whole ``int``."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, Strict

# Whole VND, never negative. Strict: a float (even 600000.0) or a numeric string is rejected.
VND = Annotated[int, Strict(), Field(ge=0)]
# A count of gifts (suất), people (người), visits (lượt) or files (hồ sơ).
Count = Annotated[int, Strict(), Field(ge=0)]

__all__ = ["VND", "Count"]
