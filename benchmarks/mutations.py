"""Every figure of a report × every slip family, mistyped in the text and audited.

For each figure the extractor reads from REPORT (a count, a level, an amount or a total)
and each slip family of the registry (``welfare_rules.audit.slips.FAMILIES``: a digit
replaced, two swapped, one deleted, one inserted, ×1000, ÷1000, ±1), every way the slip
can be typed is made IN THE TEXT, on the figure as written (``5.502`` → ``5.5502`` too:
slips that break the thousands grouping exercise the extractor), and the mutated text is
read and audited as the command line does (``audit_document``: reconciliation, rounded
and hedged restatements, percentages). Each mutation is counted as

* in check: the figure is in at least one edit of the unmutated text (a figure in no
  check cannot be found wrong; "det|chk" is the detected share among these);
* detected: the audit has an error finding the unmutated text does not have;
* exact: a finding on the mutated figure (its line and field) suggests the true value,
  and no other new finding suggests anything;
* candidate: not exact, but the true value is among the candidates listed for it;
* confident wrong: a new finding suggests a value that is not the truth;
* identifiable: the diagnosis given the unmutated text's own tree (its compiled edits,
  the mutated value put in, no reading) gives the truth as the one correction; exact
  localisation cannot exceed it (the rest are true ties: a figure whose only witness is
  one sum, where another figure's slip explains the difference as well);
* tree changed: the extracted tree (node paths, lines, which figures) differs from the
  unmutated text's;
* exit 0: the audit calls the mutated text checked and consistent (complete, no error):
  the one outcome an auditor cannot recover from, since it tells them to stop looking;

by family and by role, with the share of mutations the error model covers (the value
typed is one slip of a family that applies to the figure's kind away from the true
value: ±1 is for counts, so ±1 on an amount is not covered, nor is ``04`` mistyped
``204``): exact localisation cannot exceed it. Slips that break the grouping are
counted apart.

The source report has five known mistakes; audit a corrected copy, so that the unmutated
text audits clean, with ``--correct OLD=NEW`` (each OLD must occur exactly once; the copy
is made in memory, the file is not changed). For the source report::

    .venv/bin/python benchmarks/mutations.py ../shared/source/000_65947eb63584c330.txt \\
        --correct '2.721.000.000đ=2.751.000.000đ' \\
        --correct '5.445.400.000 đồng=5.455.400.000 đồng' \\
        --correct '1.137.600 đồng=1.137.600.000 đồng' \\
        --correct '15.372 lượt=15.373 lượt' \\
        --correct '16.464.647.630 đồng=16.470.812.630 đồng' \\
        --correct 'ngày 26/12/2024=ngày 26/12/2023'

(or correct a temporary copy by hand and pass its path). Without REPORT the bundled
example (``welfare_rules/audit/data/example_report.md``, mistakes included: its own
findings are the baseline) is used, with ``--sample 400``.

Targets (issue 11): detection 100 %, exact ≥ 93 %, confident wrong ≤ 0,2 %, every slip
that breaks the grouping detected. Exits with status 1 when one is missed.

Run: ``.venv/bin/python benchmarks/mutations.py [REPORT] [--correct OLD=NEW …]
[--sample N] [--seed 1] [--jobs 2]``
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path

from welfare_rules.audit.compile import figure_name
from welfare_rules.audit.diagnose import check_edits
from welfare_rules.audit.extract import extract_report
from welfare_rules.audit.findings import AuditResult
from welfare_rules.audit.quick import quick_check
from welfare_rules.audit.read import Document, audit_document
from welfare_rules.audit.report import FIGURE_FIELDS, Report
from welfare_rules.audit.slips import FAMILIES, detect

# A figure's token: not a part of a date or a document number (``01/01/2024``,
# ``310/2023/NQ-HĐND``), where a count of 1 would otherwise find its "01".
_TOKEN = re.compile(r"(?<![\d.,/])\d(?:[\d.,]*\d)?(?![\d/])")
_SCALES = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
_SCALE_AFTER = re.compile(r"\s*(nghìn|ngàn|triệu|tỷ|tỉ)\b")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure as written: where it is in the text and what it stands for."""

    line: int  # 1-based
    start: int  # offsets in that line
    end: int
    written: str
    value: int
    field: str
    role: str  # count, level, amount or total
    scale: int = 1  # the scale word after it: 10**6 for "54 triệu"
    name: str = ""  # its name among the compiled figures (n0_1_amount, n0_r0_count)


@dataclass(frozen=True, slots=True)
class Mutation:
    figure: Figure
    family: str
    typed: str

    @property
    def breaks_grouping(self) -> bool:
        return "." in self.figure.written and not _GROUPED.fullmatch(self.typed)


def corrected(text: str, corrections: list[str]) -> str:
    for correction in corrections:
        old, sep, new = correction.partition("=")
        if not sep or text.count(old) != 1:
            sys.exit(f"--correct {correction!r}: OLD must occur exactly once in the report")
        text = text.replace(old, new)
    return text


def _scale(line: str, match: re.Match[str]) -> int:
    scale = _SCALE_AFTER.match(line, match.end())
    return _SCALES[scale[1]] if scale else 1


def _value(token: str, factor: int) -> int | None:
    """The amount ``token`` (digits, ``.`` grouping, ``,`` decimals) times ``factor``."""
    if "," in token:
        if factor == 1:
            return None
        whole, _, fraction = token.replace(".", "").partition(",")
        value = Decimal(f"{whole}.{fraction}") * factor
        return int(value) if value == value.to_integral_value() else None
    return int(token.replace(".", "")) * factor


def _token_value(line: str, match: re.Match[str]) -> int | None:
    return _value(match[0], _scale(line, match))


def figures(text: str, report: Report) -> list[Figure]:
    """Every figure of the tree, located in its line (first unused token of its value that
    is no part of a date or a document number)."""
    lines = text.split("\n")
    used: set[tuple[int, int]] = set()
    found: list[Figure] = []
    for path, node in report.walk():
        stated = [
            (field, node.figure(field), node.line, figure_name(path, field))
            for field in FIGURE_FIELDS
        ]
        stated += [
            (r.field, r.value, r.line or node.line, figure_name(path, r.field, index))
            for index, r in enumerate(node.restatements)
        ]
        for field, value, number, name in stated:
            if value is None or number is None or number > len(lines):
                continue
            line = lines[number - 1]
            for match in _TOKEN.finditer(line):
                if (number, match.start()) in used or _token_value(line, match) != value:
                    continue
                used.add((number, match.start()))
                total = node.children and field in ("count", "amount")
                role = "total" if total else field
                found.append(
                    Figure(
                        number,
                        match.start(),
                        match.end(),
                        match[0],
                        value,
                        field,
                        role,
                        _scale(line, match),
                        name,
                    )
                )
                break
    return found


def mutations(found: list[Figure]) -> Iterator[Mutation]:
    for figure in found:
        for name, family in FAMILIES.items():
            try:
                typed = family.rewrite(figure.written)
            except ValueError:  # a decimal comma: no ±1 of "1,5 triệu"
                continue
            for text in sorted(typed):
                if _value(text, figure.scale) == figure.value:
                    continue  # "04" typed "4": the same figure, no slip
                yield Mutation(figure, name, text)


def audit(text: str) -> tuple[AuditResult, tuple[object, ...], int]:
    """The audit the command line gives (reconciliation, bounds and percentages); the
    tree's shape; the exit status."""
    audited = audit_document(Document.from_text(text, name="report.txt"))
    shape = tuple(
        (path, node.line, tuple(f for f in FIGURE_FIELDS if node.figure(f) is not None))
        for path, node in audited.report.walk()
    )
    return audited.result, shape, audited.status


def _key(finding: object) -> tuple[object, ...]:
    return tuple(getattr(finding, k) for k in ("line", "kind", "field", "reported", "suggested"))


class Judge:
    """Classifies one mutation against the audit of the unmutated text."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        result, self.shape, _ = audit(text)
        compiled = extract_report(text).report.compile()
        self.values, self.edits, self.kinds = dict(compiled.values), compiled.edits, compiled.kinds
        # the unmutated text's own corrections (none for a corrected copy)
        self.corrections = check_edits(self.values, self.edits, kinds=self.kinds).corrections
        self.checked = {
            (compiled.figures[name].line, compiled.figures[name].field)
            for edit in compiled.edits
            for name in edit.figures
        }
        self.baseline = {_key(f) for f in result.findings}
        self.baseline_errors = [f for f in result.findings if f.severity == "error"]

    def __call__(self, mutation: Mutation) -> tuple[str, str, bool, Counter[str], str]:
        figure = mutation.figure
        lines = list(self.lines)
        line = lines[figure.line - 1]
        lines[figure.line - 1] = line[: figure.start] + mutation.typed + line[figure.end :]
        kind = "count" if figure.field == "count" else "money"
        tally: Counter[str] = Counter(mutations=1)
        typed = _value(mutation.typed, figure.scale) if mutation.typed.count(",") <= 1 else None
        covered = typed is not None and detect(typed, figure.value, kind) is not None  # type: ignore[arg-type]
        tally["covered"] += covered
        checked = (figure.line, figure.field) in self.checked
        tally["checked"] += checked
        # identifiable: the diagnosis, given the unmutated text's own tree (no reading),
        # puts the truth back as the one correction: the ceiling of exact localisation
        if typed is not None and figure.name in self.values:
            fixed = check_edits(self.values | {figure.name: typed}, self.edits, kinds=self.kinds)
            expected = {**self.corrections, figure.name: figure.value}
            tally["identifiable"] += fixed.corrections == expected
        try:
            result, shape, status = audit("\n".join(lines))
        except Exception as exc:  # a crash is a result to count, not to hide
            tally["crashed"] += 1
            print(f"crash on line {figure.line} {mutation.typed!r}: {exc!r}", file=sys.stderr)
            return mutation.family, figure.role, mutation.breaks_grouping, tally, ""
        new = [f for f in result.findings if _key(f) not in self.baseline]
        errors = [f for f in new if f.severity == "error"]
        tally["detected"] += bool(errors)
        tally["clean"] += status == 0  # called checked and consistent: the worst outcome
        tally["detected_checked"] += bool(errors) and checked
        tally["tree"] += shape != self.shape
        truth = (figure.line, figure.field, figure.value)
        suggested = {(f.line, f.field, f.suggested) for f in new if f.suggested is not None}
        listed = {(c.line, c.field, c.value) for f in errors for c in f.candidates}
        if suggested == {truth}:
            tally["exact"] += 1
        elif truth in listed:
            tally["candidate"] += 1
        tally["wrong"] += bool(suggested - {truth})
        outcome = {
            "line": figure.line,
            "field": figure.field,
            "role": figure.role,
            "family": mutation.family,
            "true": figure.value,
            "typed": mutation.typed,
            "checked": checked,
            "covered": covered,
            "tally": {k: v for k, v in tally.items() if k != "mutations"},
            "suggested": sorted(map(str, suggested)),
            "new": [f.message for f in new][:4],
        }
        return mutation.family, figure.role, mutation.breaks_grouping, tally, json.dumps(outcome)


_JUDGE: Judge | None = None


def _start(text: str) -> None:
    global _JUDGE  # one judge per worker process
    _JUDGE = Judge(text)


def _judge(mutation: Mutation) -> tuple[str, str, bool, Counter[str], str]:
    assert _JUDGE is not None
    return _JUDGE(mutation)


def table(title: str, rows: dict[str, Counter[str]]) -> None:
    print(f"\n{title:<16}{'mutations':>10}{'covered':>9}{'in check':>10}{'detected':>10}", end="")
    print(f"{'det|chk':>9}{'exact':>9}{'ident.':>9}", end="")
    print(f"{'candidate':>11}{'conf.wrong':>12}{'tree chg':>10}{'exit 0':>8}")
    total: Counter[str] = Counter()
    for name, tally in rows.items():
        total.update(tally)
        print(_row(name, tally))
    print(_row("all", total))


def _row(name: str, tally: Counter[str]) -> str:
    n = tally["mutations"] or 1

    def pct(key: str) -> str:
        return f"{100 * tally[key] / n:.1f}%"

    checked = tally["checked"] or 1
    among = f"{100 * tally['detected_checked'] / checked:.1f}%"
    return (
        f"{name:<16}{tally['mutations']:>10}{pct('covered'):>9}{pct('checked'):>10}"
        f"{pct('detected'):>10}{among:>9}{pct('exact'):>9}{pct('identifiable'):>9}"
        f"{pct('candidate'):>11}"
        f"{pct('wrong'):>12}{pct('tree'):>10}{pct('clean'):>8}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path, help="a report as text (UTF-8)")
    parser.add_argument("--correct", action="append", default=[], metavar="OLD=NEW")
    parser.add_argument("--sample", type=int, help="audit this many mutations, drawn at random")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--outcomes", type=Path, help="write one JSON line per mutation (to study the misses)"
    )
    args = parser.parse_args()
    if args.report is None:
        source = resources.files("welfare_rules.audit") / "data" / "example_report.md"
        text = source.read_text(encoding="utf-8")
        args.sample = args.sample or 400
        print("no REPORT: the bundled example, its own findings as the baseline")
    else:
        text = args.report.read_text(encoding="utf-8")
    text = corrected(text, args.correct)
    judge = Judge(text)
    if judge.baseline_errors:
        print(f"the unmutated text has {len(judge.baseline_errors)} error finding(s); they are")
        print("the baseline (use --correct to audit a corrected copy)")
    located = figures(text, extract_report(text).report)
    planned = list(mutations(located))
    if args.sample and args.sample < len(planned):
        planned = random.Random(args.seed).sample(planned, args.sample)
    stated = quick_check(extract_report(text).report).figures
    print(f"{len(located)} of {stated} figures located, {len(planned)} mutations to audit")
    started = time.perf_counter()
    by_family: dict[str, Counter[str]] = {name: Counter() for name in FAMILIES}
    by_role: dict[str, Counter[str]] = {r: Counter() for r in ("count", "level", "amount", "total")}
    grouping: Counter[str] = Counter()
    outcomes = args.outcomes.open("w", encoding="utf-8") if args.outcomes else None
    with ProcessPoolExecutor(args.jobs, initializer=_start, initargs=(text,)) as pool:
        for family, role, breaks, tally, outcome in pool.map(_judge, planned, chunksize=32):
            if outcomes is not None:
                outcomes.write(outcome + "\n")
            by_family[family].update(tally)
            by_role[role].update(tally)
            if breaks:
                grouping.update(tally)
    elapsed = time.perf_counter() - started
    if outcomes is not None:
        outcomes.close()
    table("family", by_family)
    table("role", by_role)
    table("grouping", {"breaks it": grouping})
    total: Counter[str] = Counter()
    for tally in by_family.values():
        total.update(tally)
    n = total["mutations"] or 1
    print(
        f"\n{total['mutations']} mutations audited in {elapsed:.0f} s; crashes: {total['crashed']}"
    )
    detected, exact, wrong = total["detected"] / n, total["exact"] / n, total["wrong"] / n
    grouped = grouping["detected"] == grouping["mutations"]
    print("targets: detected 100 %, exact ≥ 93 %, confident wrong ≤ 0,2 %,")
    print("every slip that breaks the grouping detected")
    ok = detected == 1 and exact >= 0.93 and wrong <= 0.002 and grouped and not total["crashed"]
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
