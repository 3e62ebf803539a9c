"""Funding sources (nguồn kinh phí): who pays for a gift, with labels and report phrases."""

from __future__ import annotations

import unicodedata
from enum import StrEnum

from . import _regex
from ._i18n import Lang, Text
from .errors import UnknownFundingSourceError


class FundingSource(StrEnum):
    """The budget a gift is paid from, from the State down to donations.

    Members sort in that order (central first, socialized last).

    >>> FundingSource.parse("nguồn kinh phí của Trung ương")
    <FundingSource.CENTRAL: 'central'>
    >>> FundingSource.parse("XHH").label("vi")
    'Xã hội hóa'
    """

    CENTRAL = "central"  # Trung ương
    PROVINCIAL = "provincial"  # tỉnh
    DISTRICT = "district"  # thành phố / huyện / thị xã / quận (cấp huyện)
    COMMUNE = "commune"  # xã / phường / thị trấn
    SOCIALIZED = "socialized"  # xã hội hóa: donations, not a State budget

    @property
    def rank(self) -> int:
        """0 for central … 4 for socialized."""
        return _ORDER.index(self)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, FundingSource):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, FundingSource):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, FundingSource):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, FundingSource):
            return NotImplemented
        return self.rank >= other.rank

    @property
    def labels(self) -> Text:
        """The Vietnamese and English names."""
        return _LABELS[self]

    def label(self, lang: Lang = "vi") -> str:
        """The name in ``lang``."""
        return _LABELS[self].get(lang)

    @classmethod
    def mentioned_in(cls, text: str) -> tuple[FundingSource, ...]:
        """The sources a phrase names, in the order it names them, each once.

        >>> FundingSource.mentioned_in("từ thành phố và các xã, phường")
        (<FundingSource.DISTRICT: 'district'>, <FundingSource.COMMUNE: 'commune'>)
        """
        found: list[FundingSource] = []
        for match in _PHRASE.finditer(_fold(text)):
            source = next(s for s, group in _GROUPS.items() if match.group(group))
            if source not in found:
                found.append(source)
        return tuple(found)

    @classmethod
    def parse(cls, text: str) -> FundingSource:
        """The one source a phrase names: a value (``"central"``), a label or a report phrase.

        Raises :class:`~welfare_rules.errors.UnknownFundingSourceError` when the phrase
        names none, or more than one.
        """
        if not isinstance(text, str):
            raise UnknownFundingSourceError(
                text, Text(vi="cần một chuỗi ký tự", en="expected a string")
            )
        folded = _fold(text).strip()
        for source in cls:
            if folded in (source.value, _fold(source.label("en")), _fold(source.label("vi"))):
                return source
        found = cls.mentioned_in(text)
        if len(found) == 1:
            return found[0]
        if not found:
            reason = Text(
                vi="không có từ chỉ nguồn (Trung ương, tỉnh, thành phố/huyện, xã/phường, XHH)",
                en="no source phrase (Trung ương, tỉnh, thành phố/huyện, xã/phường, XHH)",
            )
        else:
            names = ", ".join(s.value for s in found)
            reason = Text(vi=f"nêu nhiều nguồn: {names}", en=f"names several sources: {names}")
        raise UnknownFundingSourceError(text, reason)


_ORDER = list(FundingSource)

_LABELS = {
    FundingSource.CENTRAL: Text(vi="Trung ương", en="Central"),
    FundingSource.PROVINCIAL: Text(vi="Tỉnh", en="Provincial"),
    FundingSource.DISTRICT: Text(vi="Huyện/thành phố", en="District/city"),
    FundingSource.COMMUNE: Text(vi="Xã/phường", en="Commune/ward"),
    FundingSource.SOCIALIZED: Text(vi="Xã hội hóa", en="Socialized"),
}

# Phrases after folding (NFC, lower case, "hoá" spelled "hóa"). Longer phrases come
# first inside the alternation so that "xã hội hóa" and "thị xã" are not read as "xã".
_GROUPS = {
    FundingSource.SOCIALIZED: "socialized",
    FundingSource.CENTRAL: "central",
    FundingSource.PROVINCIAL: "provincial",
    FundingSource.DISTRICT: "district",
    FundingSource.COMMUNE: "commune",
}
_PHRASE = _regex.compile(
    r"(?<!\w)(?:"
    r"(?P<socialized>xã hội hóa|xhh|socialized)"
    r"|(?P<central>trung ương|central)"
    r"|(?P<provincial>tỉnh|provincial)"
    r"|(?P<district>thành phố|huyện|thị xã|quận|tp|district)"
    r"|(?P<commune>xã|phường|thị trấn|commune)"
    r")(?!\w)"
)


def _fold(text: str) -> str:
    """NFC, lower case, the two accent placements of "hoá" unified, spaces collapsed."""
    folded = unicodedata.normalize("NFC", text).lower().replace("hoá", "hóa")
    return " ".join(folded.split())


__all__ = ["FundingSource"]
