"""``welfare-rules audit PATH...``: check reports' figures and citations, file by file.

Each file is read by the reader registry of :mod:`welfare_rules.audit.read` (text and
Markdown, Word, Excel, PDF, CSV, HTML, report trees as ``.json``/``.toml``); a folder is
searched recursively for the documents some reader reads (report trees are named, not
searched for). One file prints a table in Vietnamese (``--lang en`` for English) or,
with ``--format json`` (``--json``), one object ``{"ok", "findings", "unparsed",
"unchecked", "summary"}`` whose findings say ``where`` they stand in the file. Several
files print one line per file and a summary (``--format json``: ``{"ok", "files":
[...], "summary"}``); ``--format jsonl|csv|xlsx|html`` and ``--output FILE`` write the
other views; ``--jobs N`` audits in N processes. ``--ruleset ID`` (or ``auto``: the
ruleset the report's citations point to) also checks the report against the rules in
force on its date (``--on DATE`` for another), see
:mod:`welfare_rules.audit.against_rules`.

Exit status: 0 every figure checked and consistent; 1 an error found; 2 a usage or input
error (nothing could be read); 3 no error, but not everything could be checked (figures
in no check, numbers not understood, no figures at all, or a file of the run unread).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._i18n import Catalog, Lang, Text
from ._common import UsageError, add_output_options, lang_of, parse_on

if TYPE_CHECKING:
    from ..audit.read import Document, DocumentAudit
    from ..views.audit_files import AuditedFile

_MSG = Catalog(
    "cli.audit",
    {
        "help": Text(
            "kiểm tra số liệu và văn bản dẫn của báo cáo",
            "check reports' figures and citations",
        ),
        "path_help": Text(
            "tệp báo cáo (.txt, .md, .docx, .xlsx, .xls, .pdf, .csv, .html, .json, .toml), "
            "thư mục (tìm trong đó), hoặc - để đọc từ đầu vào chuẩn",
            "report files (.txt, .md, .docx, .xlsx, .xls, .pdf, .csv, .html, .json, .toml), "
            "folders (searched recursively), or - for standard input",
        ),
        "example_help": Text(
            "kiểm tra báo cáo ví dụ đi kèm thư viện", "audit the example report bundled"
        ),
        "format_help": Text(
            "định dạng đầu ra (mặc định: table)", "the output format (default: table)"
        ),
        "output_help": Text(
            "ghi đầu ra vào tệp này (- là đầu ra chuẩn)",
            "write the output to this file (- for standard output)",
        ),
        "jobs_help": Text(
            "số tiến trình kiểm tra song song (0: theo số lõi CPU)",
            "audit in this many processes (0: one per CPU)",
        ),
        "no_path": Text(
            "cần đường dẫn tệp báo cáo, - (đầu vào chuẩn) hoặc --example",
            "give a report file, - (standard input) or --example",
        ),
        "both": Text(
            "chọn một: đường dẫn tệp hoặc --example", "give either a file or --example, not both"
        ),
        "json_and_format": Text(
            "--json là --format json; không dùng cùng --format {format}",
            "--json means --format json; not with --format {format}",
        ),
        "no_reports": Text("không tìm thấy báo cáo nào trong {path}", "no report found in {path}"),
        "binary_to_terminal": Text(
            "định dạng xlsx cần --output TỆP (không in ra màn hình)",
            "the xlsx format needs --output FILE (it is not printed to a terminal)",
        ),
        "bad_jobs": Text("--jobs cần một số ≥ 0", "--jobs needs a number ≥ 0"),
        "ruleset_help": Text(
            "đối chiếu với bộ quy định này (mã, tệp .toml, hoặc auto: tìm theo văn bản báo "
            "cáo dẫn)",
            "check against this ruleset (an id, a .toml file, or auto: found from the "
            "instruments the report cites)",
        ),
        "on_help": Text(
            "ngày áp dụng quy định (mặc định: ngày của báo cáo)",
            "the date of the rules in force (default: the report's own date)",
        ),
        "on_needs_ruleset": Text("--on cần --ruleset", "--on needs --ruleset"),
        "cannot_write": Text(
            "không ghi được đầu ra: {reason}", "cannot write the output: {reason}"
        ),
        "internal": Text(
            "lỗi nội bộ khi kiểm tra (xin báo lại): {reason}",
            "internal error (please report it): {reason}",
        ),
    },
)

FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv", "xlsx", "html")
_STDIN = "-"
_AUTO = "auto"
_TREE_READERS = frozenset({"json", "toml"})


def register(subparsers: Any) -> None:
    """Add ``audit`` to the command line."""
    parser = subparsers.add_parser(
        "audit",
        help=_MSG("help").en,
        description=f"{_MSG('help').vi} / {_MSG('help').en}",
        epilog=(
            "exit status: 0 checked and consistent; 1 an error found; 2 a usage or input "
            "error (nothing could be read); 3 no error, but not everything checked"
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help=_MSG("path_help").en)
    parser.add_argument("--example", action="store_true", help=_MSG("example_help").en)
    add_output_options(parser)
    parser.add_argument("--format", choices=FORMATS, default=None, help=_MSG("format_help").en)
    parser.add_argument("--output", "-o", metavar="FILE", default=_STDIN)
    parser.add_argument("--jobs", "-j", type=int, default=1, help=_MSG("jobs_help").en)
    parser.add_argument("--ruleset", metavar="ID|auto", default=None, help=_MSG("ruleset_help").en)
    parser.add_argument("--on", metavar="DATE", default=None, help=_MSG("on_help").en)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Audit the reports ``args`` names; write the chosen view; the exit status."""
    from ..views.audit_files import worst_status

    lang = lang_of(args)
    fmt = _format(args)
    if fmt == "xlsx" and args.output == _STDIN and sys.stdout.isatty():
        raise UsageError(_MSG("binary_to_terminal"))
    if args.jobs < 0:
        raise UsageError(_MSG("bad_jobs"))
    if args.on is not None and args.ruleset is None:
        raise UsageError(_MSG("on_needs_ruleset"))
    single, files = _audit(args, lang)
    output = _render(files, fmt=fmt, lang=lang, single=single)
    _write(output, args.output, fmt=fmt)
    return files[0].status if single else worst_status(files)


# -- reading ----------------------------------------------------------------------------------


def _format(args: argparse.Namespace) -> str:
    if args.json and args.format not in (None, "json"):
        raise UsageError(_MSG("json_and_format", format=args.format))
    fmt: str = "json" if args.json else (args.format or "table")
    return fmt


def _audit(args: argparse.Namespace, lang: Lang) -> tuple[bool, list[AuditedFile]]:
    """Whether this is one file's audit (read errors raise), and the audited files."""
    from .._limits import max_input_bytes
    from ..audit.extract import example_text
    from ..audit.read import Document, read_bytes, read_path
    from ..audit.read import audit_document as check
    from ..views.audit_files import audited
    from ..views.audit_text import MSG

    paths: list[str] = args.paths
    rules = _rules_of(args)

    def audit_document(document: Document) -> DocumentAudit:
        return _against(check(document), rules)

    if args.example and paths:
        raise UsageError(_MSG("both"))
    if args.example:
        document = Document.from_text(example_text(), name="example.md", format="markdown")
        source = MSG("example").get(lang)
        return True, [audited(audit_document(document), name=source)]
    if not paths:
        raise UsageError(_MSG("no_path"))
    if len(paths) == 1 and paths[0] == _STDIN:
        from ._common import read_stdin

        limit = max_input_bytes()  # the limit of files, and of standard input
        document = read_bytes(read_stdin(limit=limit), name=_STDIN, max_bytes=limit)
        source = MSG("standard_input").get(lang)
        return True, [audited(audit_document(document), name=_STDIN, source=source)]
    if len(paths) == 1 and not Path(paths[0]).is_dir():
        document = read_path(paths[0], max_bytes=max_input_bytes())
        return True, [audited(audit_document(document), name=paths[0])]
    found = list(_expand(paths))
    if not found:
        raise UsageError(_MSG("no_reports", path=", ".join(paths)))
    return False, audit_many(found, jobs=args.jobs, rules=rules)


def _expand(paths: Sequence[str]) -> Iterator[str]:
    """The files named, and the documents in the folders named (recursively, sorted, by
    the readers' suffixes; report trees in a folder are left out: name them)."""
    from ..audit.read import readers

    # documents, not data: a folder's .json/.toml are rarely report trees (name those)
    known = {
        suffix
        for reader in readers()
        if reader.name not in _TREE_READERS
        for suffix in reader.suffixes
        if suffix
    }
    seen: set[str] = set()
    for path in paths:
        if not Path(path).is_dir():
            if path not in seen:
                seen.add(path)
                yield path
            continue
        for root, folders, names in os.walk(path):
            folders[:] = sorted(f for f in folders if not f.startswith("."))
            for name in sorted(names):
                if name.startswith(".") or Path(name).suffix.lower() not in known:
                    continue
                full = os.path.join(root, name)
                if full not in seen:
                    seen.add(full)
                    yield full


Rules = tuple[str, dt.date | None] | None
"""What ``--ruleset`` and ``--on`` ask for: the ruleset (``auto``: found from the
citations) and the date, or nothing."""


def _rules_of(args: argparse.Namespace) -> Rules:
    """``--ruleset`` and ``--on`` read (the ruleset loaded once, so that a bad one is a
    usage error before any file is read)."""
    if args.ruleset is None:
        return None
    on = parse_on(args.on) if args.on is not None else None
    if args.ruleset != _AUTO:
        from ..rules.load import load_ruleset

        load_ruleset(args.ruleset)
    return (args.ruleset, on)


def _against(audit: DocumentAudit, rules: Rules) -> DocumentAudit:
    """``audit`` with its findings against the rules in force, when asked for."""
    if rules is None:
        return audit
    from ..audit.against_rules import with_rules

    ruleset, on = rules
    return with_rules(audit, None if ruleset == _AUTO else ruleset, on=on)


def audit_one(path: str, rules: Rules = None) -> AuditedFile:
    """One file audited (against the rules too, with ``rules``), or the one-line reason
    it could not be (never raises)."""
    from .._limits import max_input_bytes
    from ..audit.read import audit_document, read_path
    from ..errors import DocumentReadError, WelfareRulesError
    from ..views.audit_files import audited, unreadable

    try:
        document = read_path(path, max_bytes=max_input_bytes())
        return audited(_against(audit_document(document), rules), name=path)
    except DocumentReadError as exc:  # the line names the file: the reason is enough
        return unreadable(path, exc.reason)
    except WelfareRulesError as exc:
        return unreadable(path, exc.text)
    except Exception as exc:  # a defect on one file must not stop the run over the others
        reason = f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
        return unreadable(path, _MSG("internal", reason=reason))


def audit_many(paths: Sequence[str], *, jobs: int = 1, rules: Rules = None) -> list[AuditedFile]:
    """Every file of ``paths`` audited, in order: in this process, or in ``jobs`` processes.

    The cyclic garbage collector runs meanwhile, even where the command paused it (the
    workers inherit its state): what a file's audit leaves in cycles is freed as the run
    goes on, not held until it ends.
    """
    with _collecting():
        workers = jobs or os.cpu_count() or 1
        if workers <= 1 or len(paths) < 2:
            return [audit_one(path, rules) for path in paths]
        from concurrent.futures import ProcessPoolExecutor

        chunk = max(1, len(paths) // (workers * 4))
        with ProcessPoolExecutor(max_workers=min(workers, len(paths))) as pool:
            return list(pool.map(partial(audit_one, rules=rules), paths, chunksize=chunk))


@contextmanager
def _collecting() -> Iterator[None]:
    """The cyclic garbage collector enabled for the ``with`` block, then as it was."""
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was_enabled:
            gc.disable()


# -- writing ----------------------------------------------------------------------------------


def _render(files: list[AuditedFile], *, fmt: str, lang: Lang, single: bool) -> str | bytes:
    if fmt == "table":
        from ..views.audit_table import render_file, render_files

        return render_file(files[0], lang=lang) if single else render_files(files, lang=lang)
    if fmt == "json":
        from ..views.audit_json import dumps, file_document, files_document

        data = file_document(files[0], lang=lang) if single else files_document(files, lang=lang)
        return dumps(data)
    if fmt == "jsonl":
        from ..views.audit_json import jsonl

        return jsonl(files, lang=lang)
    if fmt == "csv":
        from ..views.audit_csv import findings_csv

        return findings_csv(files, lang=lang)
    if fmt == "xlsx":
        from ..views.audit_xlsx import findings_xlsx

        return findings_xlsx(files, lang=lang)
    from ..views.audit_html import report_html

    return report_html(files, lang=lang)


def _write(output: str | bytes, target: str, *, fmt: str) -> None:
    """Write ``output`` to ``target`` (``-``: standard output); a full disk or a closed
    pipe is one line (:class:`UsageError`), never a traceback."""
    data = output.encode("utf-8") if isinstance(output, str) else output
    if fmt == "csv" and target != _STDIN:
        data = b"\xef\xbb\xbf" + data  # Excel opens a UTF-8 CSV right only with its mark
    try:
        if target == _STDIN:
            if isinstance(output, str):
                sys.stdout.write(output)
            else:
                sys.stdout.flush()
                sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            with open(target, "wb") as handle:
                handle.write(data)
    except BrokenPipeError as exc:
        _silence_stdout()
        raise UsageError(_MSG("cannot_write", reason=_reason(exc))) from exc
    except OSError as exc:
        if target == _STDIN:
            _silence_stdout()
        raise UsageError(_MSG("cannot_write", reason=_reason(exc))) from exc


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _silence_stdout() -> None:
    """Point standard output at the null device, so the interpreter's final flush of what
    could not be written raises nothing more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def to_json(audit: DocumentAudit, *, lang: Lang, source: str) -> dict[str, Any]:
    """One audit's JSON document (see :func:`welfare_rules.views.audit_json.file_document`)."""
    from ..views.audit_files import audited
    from ..views.audit_json import file_document

    return file_document(audited(audit, name=source), lang=lang)


def render(audit: DocumentAudit, *, lang: Lang, source: str) -> str:
    """One audit as a table (see :func:`welfare_rules.views.audit_table.render_file`)."""
    from ..views.audit_files import audited
    from ..views.audit_table import render_file

    return render_file(audited(audit, name=source), lang=lang)


__all__ = ["FORMATS", "audit_many", "audit_one", "register", "render", "run", "to_json"]
