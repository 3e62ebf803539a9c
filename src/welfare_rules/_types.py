"""Types shared by the models: strict whole-``int`` money and counts, the frozen base model."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, Strict

# Whole VND, never negative. Strict: a float (even 600000.0) or a numeric string is rejected.
VND = Annotated[int, Strict(), Field(ge=0)]
# A count of gifts (suất), people (người), visits (lượt) or files (hồ sơ).
Count = Annotated[int, Strict(), Field(ge=0)]


class FrozenModel(BaseModel):
    """The base of the value models outside the rule data: frozen, no unknown keys.

    (Rule data has its own base, :class:`welfare_rules.rules._base.RuleModel`, which also
    reads the TOML keys as aliases.)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")


__all__ = ["VND", "Count", "FrozenModel"]
