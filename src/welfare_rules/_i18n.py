"""Bilingual text: every message a person reads exists in Vietnamese and English.

Messages live in per-module :class:`Catalog` objects so that one test can check that
every template has both languages and the same placeholders in each.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any, Literal, NamedTuple, get_args

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)


class Text(NamedTuple):
    """One message in both languages."""

    vi: str
    en: str

    def get(self, lang: Lang) -> str:
        """The message in ``lang``."""
        return self.vi if lang == "vi" else self.en

    def format(self, **fields: Any) -> Text:
        """Both templates with ``fields`` substituted; a field that is itself a
        :class:`Text` gives each language its own wording.

        >>> reason = Text(vi="số âm", en="negative")
        >>> Text(vi="sai: {reason}", en="wrong: {reason}").format(reason=reason)
        Text(vi='sai: số âm', en='wrong: negative')
        """
        vi = {k: v.vi if isinstance(v, Text) else v for k, v in fields.items()}
        en = {k: v.en if isinstance(v, Text) else v for k, v in fields.items()}
        return Text(self.vi.format(**vi), self.en.format(**en))


_CATALOGS: dict[str, Catalog] = {}


class Catalog:
    """A named set of message templates, registered for the language-coverage test."""

    def __init__(self, name: str, templates: Mapping[str, Text]) -> None:
        self.name = name
        self.templates = dict(templates)
        _CATALOGS[name] = self

    def __call__(self, key: str, **fields: Any) -> Text:
        """The message ``key`` with ``fields`` substituted in both languages."""
        return self.templates[key].format(**fields)


def catalogs() -> Mapping[str, Catalog]:
    """Every catalog registered so far (import a module to register its catalog)."""
    return dict(_CATALOGS)


def placeholders(template: str) -> frozenset[str]:
    """The names of the ``{fields}`` a template uses."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def check_lang(lang: str) -> Lang:
    """``lang`` if it is a supported language, else ``ValueError``."""
    for known in LANGS:
        if lang == known:
            return known
    raise ValueError(f"unsupported language {lang!r}; use one of {LANGS}")
