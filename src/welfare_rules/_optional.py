"""Optional extras (pandas, matplotlib): imported when a feature needs them, with a
bilingual error that says how to install them when they are missing."""

from __future__ import annotations

import importlib
from types import ModuleType

from ._i18n import Text
from .errors import MissingExtraError


def require(module: str, *, extra: str, feature: str) -> ModuleType:
    """``module`` imported, or :class:`~welfare_rules.errors.MissingExtraError` naming the
    ``extra`` to install for ``feature``.

    >>> require("json", extra="none", feature="tests").dumps(1)
    '1'
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        command = f"pip install 'welfare-rules[{extra}]'"
        raise MissingExtraError(
            module,
            Text(
                vi=f"{feature} cần gói {module.split('.')[0]}: {command}",
                en=f"{feature} needs {module.split('.')[0]}: {command}",
            ),
        ) from exc


__all__ = ["require"]
