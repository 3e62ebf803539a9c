"""Types shared by the models: strict whole-``int`` money and counts, the frozen base model,
and the error a validator raises with a bilingual reason."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, Strict

from ._i18n import Text

# Whole VND, never negative. Strict: a float (even 600000.0) or a numeric string is rejected.
VND = Annotated[int, Strict(), Field(ge=0, le=10**18)]  # money.MAX_VND
# A count of gifts (suất), people (người), visits (lượt) or files (hồ sơ).
Count = Annotated[int, Strict(), Field(ge=0)]


class FrozenModel(BaseModel):
    """The base of the value models outside the rule data: frozen, no unknown keys.

    (Rule data has its own base, :class:`welfare_rules.rules._base.RuleModel`, which also
    reads the TOML keys as aliases.)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")


class FileModel(FrozenModel):
    """The base of models read from and written to files (rule data, reforms): frozen, no
    unknown keys, fields read by name or by the key the files use (the alias), and written
    with the file's keys."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
    )


class InvalidFieldError(ValueError):
    """A semantic error a validator raises inside pydantic validation: a bilingual reason,
    and ``at``, the key path below the model or field that raised it (``"level[1].amount"``).

    :func:`welfare_rules._validation.explain` reads both (an ``ExplainedError``); the
    loaders wrap it into the public error of their data (``RuleDataError``,
    ``PersonDataError``) with the full path.
    """

    def __init__(self, text: Text, *, at: str = "") -> None:
        super().__init__(text.en)
        self.text = text
        self.at = at


__all__ = ["VND", "Count", "FileModel", "FrozenModel", "InvalidFieldError"]
