"""``python -m welfare_rules``: the ``welfare-rules`` command line.

Output that cannot be written (a full disk, a pipe closed by ``head``) ends the run with
one line on standard error, in the language asked for, and exit status 2, never a
traceback.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Sequence

from ._i18n import Catalog, Lang, Text

_MSG = Catalog(
    "main",
    {
        "closed": Text(
            "đầu ra đã bị đóng trước khi ghi xong (broken pipe)",
            "the output was closed before the end (broken pipe)",
        ),
        "cannot_write": Text(
            "không ghi được đầu ra: {reason}", "cannot write the output: {reason}"
        ),
    },
)


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the exit status.

    The command's pydantic models are ours alone: pydantic's search of every installed
    package for plugins (a tenth of a short command) is skipped unless the environment
    asks for plugins by setting ``PYDANTIC_DISABLE_PLUGINS`` itself.

    Run as the process's own command line (``argv`` is ``None``), the cyclic garbage
    collector stays paused from the start to the exit, as :func:`welfare_rules.cli.main`
    pauses it for the command itself (a run over many files collects again:
    :func:`welfare_rules.cli.audit.audit_many`), and the objects alive at the end are
    frozen (:func:`gc.freeze`): resuming it after the command, then the interpreter's
    collection at exit, went over every object of every module imported once more
    (with nothing to collect: ~6 % of the instructions of a short audit).
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    own = argv is None  # the process ends with the run
    if own:
        gc.disable()
    from .cli import main

    try:
        status = main(argv)
        sys.stdout.flush()
        if own:
            gc.freeze()  # the collection at exit skips them (it found none to free)
    except BrokenPipeError:
        _quiet_stdout()
        _say(_MSG("closed"), argv)
        return 2
    except OSError as exc:
        _quiet_stdout()
        _say(_MSG("cannot_write", reason=exc.strerror or type(exc).__name__), argv)
        return 2
    return status


def _lang(argv: Sequence[str] | None) -> Lang:
    words = list(sys.argv[1:] if argv is None else argv)
    for index, word in enumerate(words):
        if word == "--lang=en" or (word == "--lang" and words[index + 1 : index + 2] == ["en"]):
            return "en"
    return "vi"


def _say(text: Text, argv: Sequence[str] | None) -> None:
    with contextlib.suppress(OSError):
        print(f"welfare-rules: {text.get(_lang(argv))}", file=sys.stderr)


def _quiet_stdout() -> None:
    """Standard output to the null device, so the final flush raises nothing more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    sys.exit(run())
