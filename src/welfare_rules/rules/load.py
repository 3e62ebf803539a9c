"""The only module that reads rule files: TOML → :class:`Ruleset`, the bundled registry.

Bundled rulesets are discovered, not listed: every ``welfare_rules/rules/data/*.toml``
(found through ``importlib.resources``) is one, its id the file's stem (as OpenFisca's
country template loads every parameter file of its directory). Adding a ruleset is
adding its file; :data:`BUNDLED` maps each id to its file name. A malformed file raises
:class:`~welfare_rules.errors.RuleDataError` naming the file, the key path, the line and
the reason, in Vietnamese and English; so does a file nested deeper than
:data:`welfare_rules._limits.MAX_DEPTH` (never a ``RecursionError``).

Includes name bundled ids, or files inside the including file's folder (or the folder
``base`` names): an absolute path or ``..`` that leaves it is refused unless the caller
passes ``allow_outside=True`` (a ruleset file must not make the loader read any file).

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
from .._limits import load_toml, read_bytes
from .._validation import explain, independent
from ..errors import InputLimitError, InputSizeError, RuleDataError, UnknownRulesetError
from ._toml_lines import line_of
from .model import Ruleset

_DATA = "data"
_SUFFIX = ".toml"
_CASES = ".cases.toml"  # a ruleset's test cases (welfare_rules.entitle.cases), not a ruleset


def discover() -> dict[str, str]:
    """Every bundled ruleset: id (the file's stem) -> file name under ``rules/data/``, sorted
    (``<id>.cases.toml``, the ruleset's test cases, is not a ruleset).

    >>> "uong-bi-tet-2024" in discover(), any(i.endswith(".cases") for i in discover())
    (True, False)
    """
    folder = resources.files("welfare_rules.rules").joinpath(_DATA)
    names = sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.is_file()
        and entry.name.endswith(_SUFFIX)
        and not entry.name.endswith(_CASES)
        and not entry.name.startswith(".")
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
        "outside": Text(
            vi="tệp bao hàm {value!r} nằm ngoài thư mục {root}; chỉ được bao hàm tệp trong "
            "thư mục đó hoặc bộ quy định có sẵn (allow_outside=True để cho phép)",
            en="the included file {value!r} is outside the folder {root}; only files inside it "
            "or bundled rulesets may be included (allow_outside=True allows it)",
        ),
    },
)


def list_rulesets() -> tuple[str, ...]:
    """The ids of the bundled rulesets, sorted."""
    return tuple(sorted(BUNDLED))


def load_ruleset(id_or_path: str | os.PathLike[str], *, allow_outside: bool = False) -> Ruleset:
    """A bundled ruleset by id (``"uong-bi-tet-2024"``) or a ruleset file by path.

    Includes are resolved (bundled ids, or paths relative to the including file, inside
    the first file's folder unless ``allow_outside``). Raises
    :class:`~welfare_rules.errors.UnknownRulesetError` for an unknown id or missing file
    and :class:`~welfare_rules.errors.RuleDataError` for malformed data.
    """
    if _is_path(id_or_path):
        path = Path(id_or_path)
        root = None if allow_outside else path.resolve().parent
        return _load(id_or_path, base=None, chain=(), root=root)
    return _load(id_or_path, base=None, chain=(), root=None)


def loads_ruleset(
    text: str,
    *,
    file: str | None = None,
    base: str | os.PathLike[str] | None = None,
    allow_outside: bool = False,
) -> Ruleset:
    """A ruleset from TOML text; ``file`` names it in errors, ``base`` anchors relative
    includes (and bounds them, unless ``allow_outside``)."""
    anchor = Path(base) if base is not None else Path.cwd()
    root = None if allow_outside else anchor.resolve()
    return _from_text(text, file=file, base=anchor, chain=(), root=root)


def parse_ruleset(
    data: Mapping[str, Any], *, file: str | None = None, allow_outside: bool = False
) -> Ruleset:
    """A ruleset from a mapping (parsed TOML or JSON), with :class:`RuleDataError` on bad data."""
    anchor = Path.cwd()
    root = None if allow_outside else anchor.resolve()
    return _build(dict(data), file=file, text=None, base=anchor, chain=(), root=root)


def _is_path(ref: str | os.PathLike[str]) -> bool:
    return not isinstance(ref, str) or ref.endswith(".toml") or "/" in ref or os.sep in ref


def _load(
    ref: str | os.PathLike[str],
    *,
    base: Path | None,
    chain: tuple[str, ...],
    root: Path | None,
    nested: bool = False,
) -> Ruleset:
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
    if nested and root is not None and not path.resolve().is_relative_to(root):
        raise _OutsideError(str(ref), root)
    if not path.is_file():
        raise UnknownRulesetError(str(ref), list_rulesets())
    key = str(path.resolve())
    if key in chain:
        raise _cycle(chain, key)
    try:  # within the input-size limit: a ruleset file is never read without a bound
        text = read_bytes(path).decode("utf-8")
    except (OSError, UnicodeDecodeError, InputSizeError) as exc:
        raise RuleDataError(_MSG("read", detail=str(exc)), file=str(path)) from exc
    return _from_text(text, file=str(path), base=path.parent, chain=(*chain, key), root=root)


class _OutsideError(Exception):
    """An include that leaves the allowed folder (turned into a RuleDataError by _build)."""

    def __init__(self, ref: str, root: Path) -> None:
        super().__init__(ref)
        self.ref = ref
        self.root = root


_LINE = re.compile(r"\(at line (\d+), column \d+\)")


@functools.cache
def _load_bundled(name: str) -> Ruleset:
    return _read_bundled(name, chain=(f"bundled:{name}",))


def _read_bundled(name: str, *, chain: tuple[str, ...]) -> Ruleset:
    resource = resources.files("welfare_rules.rules").joinpath(_DATA, BUNDLED[name])
    text = resource.read_text(encoding="utf-8")
    return _from_text(
        text, file=f"welfare_rules/rules/data/{BUNDLED[name]}", base=None, chain=chain, root=None
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
    text: str,
    *,
    file: str | None,
    base: Path | None,
    chain: tuple[str, ...],
    root: Path | None,
) -> Ruleset:
    try:
        data = load_toml(text, what=file or "TOML")
    except tomllib.TOMLDecodeError as exc:
        match = _LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        raise RuleDataError(_MSG("syntax", detail=str(exc)), file=file, line=line) from exc
    except InputLimitError as exc:
        raise RuleDataError(exc.text, file=file, line=exc.line) from exc
    return _build(data, file=file, text=text, base=base, chain=chain, root=root)


def _build(
    data: dict[str, Any],
    *,
    file: str | None,
    text: str | None,
    base: Path | None,
    chain: tuple[str, ...],
    root: Path | None,
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
            included.append(_load(ref, base=base, chain=chain, root=root, nested=True))
        except _OutsideError as exc:
            reason = _MSG("outside", value=exc.ref, root=str(exc.root))
            raise fail(reason, f"includes[{index}]", ref) from None
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
