"""The only module that reads rule files: TOML → :class:`Ruleset`, the bundled registry.

Bundled rulesets are discovered, not listed: every ``welfare_rules/rules/data/*.toml``
(found through ``importlib.resources``) is one, its id the file's stem (as OpenFisca's
country template loads every parameter file of its directory). Adding a ruleset is
adding its file; :data:`BUNDLED` maps each id to its file name. A malformed file raises
:class:`~welfare_rules.errors.RuleDataError` naming the file, the key path, the line and
the reason, in Vietnamese and English.

>>> load_ruleset("vn-central-tet").programme("central-tet").kind
'levels'
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from .._i18n import Catalog, Text
from .._validation import explain, independent
from ..errors import RuleDataError, UnknownRulesetError
from ._toml_lines import line_of
from .model import Ruleset

_DATA = "data"
_SUFFIX = ".toml"


def discover() -> dict[str, str]:
    """Every bundled ruleset: id (the file's stem) -> file name under ``rules/data/``, sorted.

    >>> sorted(discover())[:1]
    ['uong-bi-tet-2024']
    """
    folder = resources.files("welfare_rules.rules").joinpath(_DATA)
    names = sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.is_file() and entry.name.endswith(_SUFFIX) and not entry.name.startswith(".")
    )
    return {name.removesuffix(_SUFFIX): name for name in names}


# The registry, discovered once on import: bundled ruleset id -> file name.
BUNDLED: Mapping[str, str] = MappingProxyType(discover())

_MSG = Catalog(
    "rules.load",
    {
        "syntax": Text(vi="lỗi cú pháp TOML: {detail}", en="TOML syntax error: {detail}"),
        "read": Text(vi="không đọc được tệp: {detail}", en="cannot read the file: {detail}"),
        "more": Text(vi=" (và {count} lỗi khác)", en=" (and {count} more errors)"),
        "included_key": Text(
            vi="khóa 'included' do trình nạp điền; trong tệp hãy dùng 'includes'",
            en="the key 'included' is filled by the loader; write 'includes' in files",
        ),
        "cycle": Text(
            vi="các bộ quy định bao hàm nhau thành vòng: {chain}",
            en="include cycle: {chain}",
        ),
        "include_type": Text(
            vi="'includes' phải là danh sách mã hoặc đường dẫn",
            en="'includes' must be a list of ids or paths",
        ),
        "bad_include": Text(
            vi="không có bộ quy định {value!r} để bao hàm",
            en="no ruleset {value!r} to include",
        ),
        "top": Text(vi="tệp phải là một bảng TOML", en="the file must be a TOML table"),
    },
)

_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def list_rulesets() -> tuple[str, ...]:
    """The ids of the bundled rulesets, sorted."""
    return tuple(sorted(BUNDLED))


def load_ruleset(id_or_path: str | os.PathLike[str]) -> Ruleset:
    """A bundled ruleset by id (``"uong-bi-tet-2024"``) or a ruleset file by path.

    Includes are resolved (bundled ids, or paths relative to the including file). Raises
    :class:`~welfare_rules.errors.UnknownRulesetError` for an unknown id or missing file
    and :class:`~welfare_rules.errors.RuleDataError` for malformed data.
    """
    return _load(id_or_path, base=None, chain=())


def loads_ruleset(
    text: str, *, file: str | None = None, base: str | os.PathLike[str] | None = None
) -> Ruleset:
    """A ruleset from TOML text; ``file`` names it in errors, ``base`` anchors relative includes."""
    anchor = Path(base) if base is not None else Path.cwd()
    return _from_text(text, file=file, base=anchor, chain=())


def parse_ruleset(data: Mapping[str, Any], *, file: str | None = None) -> Ruleset:
    """A ruleset from a mapping (parsed TOML or JSON), with :class:`RuleDataError` on bad data."""
    return _build(dict(data), file=file, text=None, base=Path.cwd(), chain=())


def _is_path(ref: str | os.PathLike[str]) -> bool:
    return not isinstance(ref, str) or ref.endswith(".toml") or "/" in ref or os.sep in ref


def _load(ref: str | os.PathLike[str], *, base: Path | None, chain: tuple[str, ...]) -> Ruleset:
    if not _is_path(ref):
        name = str(ref)
        if name not in BUNDLED:
            raise UnknownRulesetError(name, list_rulesets())
        key = f"bundled:{name}"
        if key in chain:
            raise _cycle(chain, key)
        if not chain:
            return _load_bundled(name)
        return _read_bundled(name, chain=(*chain, key))
    path = Path(ref)
    if base is not None and not path.is_absolute():
        path = base / path
    if not path.is_file():
        raise UnknownRulesetError(str(ref), list_rulesets())
    key = str(path.resolve())
    if key in chain:
        raise _cycle(chain, key)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleDataError(_MSG("read", detail=str(exc)), file=str(path)) from exc
    return _from_text(text, file=str(path), base=path.parent, chain=(*chain, key))


@functools.cache
def _load_bundled(name: str) -> Ruleset:
    return _read_bundled(name, chain=(f"bundled:{name}",))


def _read_bundled(name: str, *, chain: tuple[str, ...]) -> Ruleset:
    resource = resources.files("welfare_rules.rules").joinpath(_DATA, BUNDLED[name])
    text = resource.read_text(encoding="utf-8")
    return _from_text(
        text, file=f"welfare_rules/rules/data/{BUNDLED[name]}", base=None, chain=chain
    )


def _cycle(chain: tuple[str, ...], key: str) -> RuleDataError:
    names = [_short(k) for k in (*chain, key)]
    start = names.index(_short(key))
    return RuleDataError(
        _MSG("cycle", chain=" → ".join(names[start:])),
        file=_short(chain[-1]) if chain else None,
        path="includes",
    )


def _short(key: str) -> str:
    return key.removeprefix("bundled:")


def _from_text(
    text: str, *, file: str | None, base: Path | None, chain: tuple[str, ...]
) -> Ruleset:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        raise RuleDataError(_MSG("syntax", detail=str(exc)), file=file, line=line) from exc
    return _build(data, file=file, text=text, base=base, chain=chain)


def _build(
    data: dict[str, Any],
    *,
    file: str | None,
    text: str | None,
    base: Path | None,
    chain: tuple[str, ...],
) -> Ruleset:
    def fail(reason: Text, path: str, value: object = None) -> RuleDataError:
        line = line_of(text, path) if text is not None else None
        return RuleDataError(reason, file=file, path=path, line=line, value=value)

    if not isinstance(data, dict):
        raise fail(_MSG("top"), "")
    if "included" in data:
        raise fail(_MSG("included_key"), "included")
    includes = data.get("includes", [])
    if not isinstance(includes, list) or not all(isinstance(i, str) for i in includes):
        raise fail(_MSG("include_type"), "includes", includes)
    included = []
    for index, ref in enumerate(includes):
        try:
            included.append(_load(ref, base=base, chain=chain))
        except UnknownRulesetError as exc:
            raise fail(_MSG("bad_include", value=ref), f"includes[{index}]", ref) from exc
    try:
        return Ruleset.model_validate({**data, "included": tuple(included)})
    except ValidationError as exc:
        errors = independent(exc.errors())
        path, reason, value = explain(errors[0])
        if len(errors) > 1:
            more = _MSG("more", count=len(errors) - 1)
            reason = Text(reason.vi + more.vi, reason.en + more.en)
        raise fail(reason, path, value) from exc


__all__ = ["BUNDLED", "discover", "list_rulesets", "load_ruleset", "loads_ruleset", "parse_ruleset"]
