"""A short tour of what the library does, printed by ``make demo``."""

from __future__ import annotations

from .money import format_vnd, parse_vnd, vnd_in_words
from .tiers import FundingSource


def main() -> None:
    """Print the tour."""
    written = "11.554.050.000 đồng"
    total = parse_vnd(written)
    print(f"parse_vnd({written!r}) = {total}")
    print(f"format_vnd(...)           = {format_vnd(total)!r}")
    print(f"format_vnd(..., locale='en') = {format_vnd(total, locale='en')!r}")
    print(f"vnd_in_words(...)         = {vnd_in_words(total, capitalize=True)!r}")
    for phrase in ("nguồn kinh phí của Trung ương", "tỉnh Quảng Ninh", "XHH"):
        source = FundingSource.parse(phrase)
        print(f"FundingSource.parse({phrase!r}) = {source.label('vi')} / {source.label('en')}")


if __name__ == "__main__":
    main()
