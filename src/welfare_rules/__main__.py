"""``python -m welfare_rules``: the ``welfare-rules`` command line.

Output that cannot be written (a full disk, a pipe closed by ``head``) ends the run with
one line on standard error and exit status 2, never a traceback.
"""

from __future__ import annotations

import os
import sys


def run() -> int:
    """Run the command line; the exit status."""
    from .cli import main

    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
        print("welfare-rules: the output was closed (broken pipe)", file=sys.stderr)
        return 2
    except OSError as exc:
        _quiet_stdout()
        reason = exc.strerror or type(exc).__name__
        print(f"welfare-rules: cannot write the output: {reason}", file=sys.stderr)
        return 2
    return status


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
