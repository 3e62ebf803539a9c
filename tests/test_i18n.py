"""Every message template exists in Vietnamese and English with the same placeholders."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import welfare_rules
from welfare_rules._i18n import LANGS, Text, catalogs, check_lang, placeholders


def _import_everything() -> None:
    for module in pkgutil.walk_packages(welfare_rules.__path__, "welfare_rules."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)


def test_every_catalog_message_has_both_languages() -> None:
    _import_everything()
    assert catalogs(), "no message catalog registered"
    for name, catalog in catalogs().items():
        for key, text in catalog.templates.items():
            where = f"{name}.{key}"
            assert text.vi.strip(), where
            assert text.en.strip(), where
            assert placeholders(text.vi) == placeholders(text.en), where


def test_text_get_and_format() -> None:
    text = Text(vi="xin chào {name}", en="hello {name}").format(name="An")
    assert [text.get(lang) for lang in LANGS] == ["xin chào An", "hello An"]


def test_check_lang() -> None:
    assert check_lang("en") == "en"
    with pytest.raises(ValueError, match="unsupported language"):
        check_lang("fr")
