"""Coverage-guided fuzzing with atheris (``make fuzz`` runs it when atheris installs).

    python tests/fuzz/atheris_targets.py parse_vnd -atheris_runs=200000

Each target turns the fuzzer's bytes into text, calls an entry point and lets only its
documented errors pass; a known bug (the patterns below, each with a strict-xfail
reproducer in this folder) is skipped so that only a new signature stops the run.
"""

from __future__ import annotations

import contextlib
import re
import sys
import traceback
from collections.abc import Callable

_KNOWN = [
    # the extractor reads figures beyond 10^18 (test_known_extracted_figure_beyond_the_limit)
    r"^ValidationError at audit/extract\.py:_node",
    r"^MoneyRangeError at money\.py:require_vnd",
]


def _signature(exc: BaseException) -> str:
    ours = [
        frame
        for frame in traceback.extract_tb(exc.__traceback__)
        if "/welfare_rules/" in frame.filename.replace("\\", "/")
    ]
    where = "?"
    if ours:
        path = ours[-1].filename.replace("\\", "/").rsplit("/welfare_rules/", 1)[1]
        where = f"{path}:{ours[-1].name}"
    return f"{type(exc).__name__} at {where}"


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape" if len(data) % 2 else "replace")


def parse_vnd(data: bytes) -> None:
    from welfare_rules.errors import MoneyParseError
    from welfare_rules.money import parse_vnd as parse

    with contextlib.suppress(MoneyParseError):
        parse(_text(data), allow_negative=bool(data[:1] == b"-"))


def extract(data: bytes) -> None:
    from welfare_rules.audit.extract import extract_report
    from welfare_rules.audit.reconciliation import reconcile

    extracted = extract_report(_text(data))
    reconcile(extracted.report)
    extracted.model_dump_json()


def load_json(data: bytes) -> None:
    from welfare_rules._limits import load_json as load

    with contextlib.suppress(ValueError):
        load(data)


def load_toml(data: bytes) -> None:
    from welfare_rules._limits import load_toml as load

    with contextlib.suppress(ValueError):
        load(_text(data))


def parse_edit(data: bytes) -> None:
    from welfare_rules.audit.edits import parse_edit as parse
    from welfare_rules.errors import EditSyntaxError

    with contextlib.suppress(EditSyntaxError):
        parse(_text(data))


TARGETS: dict[str, Callable[[bytes], None]] = {
    "parse_vnd": parse_vnd,
    "extract": extract,
    "load_json": load_json,
    "load_toml": load_toml,
    "parse_edit": parse_edit,
}


def _guarded(target: Callable[[bytes], None]) -> Callable[[bytes], None]:
    def run(data: bytes) -> None:
        try:
            target(data)
        except Exception as exc:
            if any(re.search(pattern, _signature(exc)) for pattern in _KNOWN):
                return
            raise

    return run


def main(argv: list[str]) -> None:
    """``atheris_targets.py TARGET [libFuzzer options]``."""
    if len(argv) < 2 or argv[1] not in TARGETS:
        sys.exit(f"usage: {argv[0]} {{{','.join(TARGETS)}}} [-atheris_runs=N]")
    import atheris  # imported here: the module must import without it (pytest collects it)

    target = _guarded(TARGETS[argv[1]])
    with atheris.instrument_imports():
        import welfare_rules.audit.extract
        import welfare_rules.audit.reconciliation  # noqa: F401
    atheris.Setup([argv[0], *argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
