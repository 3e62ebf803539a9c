"""Write the golden files of tests/golden/: what the library shows, byte for byte.

Run ``.venv/bin/python tests/golden/regenerate.py`` after a change that is *meant* to
change an output, review the diff, and commit it; ``tests/test_golden.py`` fails on any
other difference. Each golden file is the output of one call:

* ``rulesets-show-<id>.json``: ``welfare-rules rulesets show <id> --json``, for every
  bundled ruleset;
* ``allocate-people-<lang>.json``: ``allocate(examples/people.csv).to_dict(lang=…)``, per
  person, under ``uong-bi-tet-2024`` on 01/02/2024;
* ``budget-people.json``: ``welfare-rules budget examples/people.csv --json``;
* ``entitlements-person.json``: ``welfare-rules entitlements examples/person.json --json``;
* ``compare-*.json``: ``compare(...).to_dict()`` on the counts of the source report;
* ``*.html``: the ``_repr_html_`` of each ruleset, the allocation, the comparisons and an
  audit result built by hand (the auditor's own goldens belong to its tests);
* ``*.txt``: what the ``rulesets``, ``budget`` and ``entitlements`` commands print, in
  both languages;
* ``*.csv``: the ``to_pandas()`` frames, written only when pandas is installed.

The audit of the example report is not here: the auditor's behaviour has its own goldens.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PEOPLE = ROOT / "examples" / "people.csv"
PERSON = ROOT / "examples" / "person.json"
TET_2024 = dt.date(2024, 2, 1)
SUFFIXES = frozenset({".json", ".html", ".csv", ".txt"})

# The counts of the source report's gift table (docs/scenarios.md uses the same).
COUNTS: dict[str, Any] = {
    "central-tet": {600_000: 22, 300_000: 1_229},
    "provincial-4107": {
        4_000_000: 22,
        1_500_000: 1_428,
        1_000_000: 472,
        500_000: 5_502,
        300_000: 8,
    },
    "city-tet": {700_000: 21, 600_000: 774, 500_000: 1_317},
    "city-exemplary-households": 20,
    "city-special-hardship": 300,
    "commune-longevity": {70: 701, 75: 496},
    "city-longevity": {70: 701, 80: 291, 85: 229, 90: 104, 95: 50, 100: 7, 101: 13},
}


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _cli(*argv: str) -> str:
    from welfare_rules.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(list(argv))
    if status != 0:
        raise SystemExit(f"welfare-rules {' '.join(argv)} exited {status}")
    return out.getvalue()


def people_columns() -> dict[str, list[Any]]:
    """examples/people.csv as columns, blank cells as ``None`` (as the budget command reads it)."""
    with PEOPLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    return {name: [row[i] or None for row in body] for i, name in enumerate(header)}


def _reforms() -> dict[str, Any]:
    from welfare_rules.scenario import BracketChange, LevelChange, QuotaChange, Reform

    return {
        "level": Reform(
            title={"vi": "Mức tỉnh 500.000đ lên 600.000đ", "en": "Provincial 500k to 600k"},
            level=[LevelChange(programme="provincial-4107", level=500_000, amount=600_000)],
        ),
        "bracket": Reform(
            bracket=[BracketChange(programme="city-longevity", age=70, amount=300_000)],
            quota=[QuotaChange(programme="city-exemplary-households", quota=30)],
        ),
    }


def _audit_result() -> Any:
    """An audit result built by hand: the view is under test here, not the auditor."""
    from welfare_rules._i18n import Text
    from welfare_rules.audit.findings import AuditResult, Candidate, FigurePlace, Finding

    findings = (
        Finding(
            kind="product_mismatch",
            severity="error",
            message=Text("5.502 × 500.000 = 2.751.000.000", "5,502 × 500,000 = 2,751,000,000"),
            path=(0, 1, 3),
            labels=("Tổng", "Tỉnh", "Mức 500.000đ"),
            line=37,
            field="amount",
            figure="f12",
            reported=2_721_000_000,
            expected=2_751_000_000,
            suggested=2_751_000_000,
            difference=-30_000_000,
            family="digit_replaced",
            edits=("f10 * f11 == f12",),
        ),
        Finding(
            kind="count_sum_mismatch",
            severity="error",
            message=Text("tổng số suất lệch 1", "count total off by 1"),
            path=(1,),
            labels=("Quý 1",),
            line=80,
            field="count",
            figure="f40",
            reported=15_372,
            expected=15_373,
            difference=-1,
            candidates=(
                Candidate(
                    figure="f40",
                    path=(1,),
                    label="Quý 1",
                    line=80,
                    field="count",
                    value=15_373,
                    family="off_by_one",
                ),
                Candidate(
                    figure="f41",
                    path=(1, 0),
                    label="Tháng 1",
                    line=81,
                    field="count",
                    value=4_000,
                    family="digit_replaced",
                    group=1,
                ),
            ),
            minimal_sets=((FigurePlace(figure="f40", path=(1,), line=80, field="count"),),),
        ),
        Finding(
            kind="citation_after_report",
            severity="warning",
            message=Text("văn bản <ngày sau> báo cáo", "instrument <dated after> the report"),
            line=5,
        ),
        Finding(kind="search_cut_short", severity="info", message=Text("dừng sớm", "cut short")),
    )
    return AuditResult(findings=findings, edits=12, figures=40, cut_short=True)


def _frame_csv(frame: Any) -> str:
    return str(frame.to_csv(index=False, lineterminator="\n"))


def outputs() -> Iterator[tuple[str, Callable[[], str]]]:
    """Every golden file's name and the call that makes its text, in a fixed order."""
    from welfare_rules.entitle.allocate import allocate
    from welfare_rules.rules.load import list_rulesets, load_ruleset
    from welfare_rules.scenario.comparison import compare

    def allocation() -> Any:
        return allocate(people_columns(), "uong-bi-tet-2024", on=TET_2024, per_person=True)

    def comparison(name: str) -> Any:
        ruleset = load_ruleset("uong-bi-tet-2024")
        return compare(ruleset, _reforms()[name], COUNTS, on=TET_2024)

    def by_person() -> Any:
        ruleset = load_ruleset("uong-bi-tet-2024")
        return compare(ruleset, _reforms()["bracket"], people_columns(), on=TET_2024)

    for ident in list_rulesets():
        yield f"rulesets-show-{ident}.json", lambda i=ident: _cli("rulesets", "show", i, "--json")
        yield f"ruleset-{ident}.html", lambda i=ident: load_ruleset(i)._repr_html_() + "\n"
    for ident in list_rulesets():
        for lang in ("vi", "en"):
            yield (
                f"rulesets-show-{ident}-{lang}.txt",
                lambda i=ident, la=lang: _cli(
                    "rulesets", "show", i, "--lang", la, "--all-versions"
                ),
            )
    yield (
        "rulesets-show-uong-bi-tet-2024-on.txt",
        lambda: _cli("rulesets", "show", "uong-bi-tet-2024", "--on", "2024-02-01"),
    )
    yield "rulesets-list.json", lambda: _cli("rulesets", "list", "--json")
    for lang in ("vi", "en"):
        yield f"rulesets-list-{lang}.txt", lambda la=lang: _cli("rulesets", "list", "--lang", la)
        yield (
            f"budget-people-{lang}.txt",
            lambda la=lang: _cli(
                "budget",
                str(PEOPLE),
                "--ruleset",
                "uong-bi-tet-2024",
                "--on",
                "2024-02-01",
                "--lang",
                la,
            ),
        )
        yield (
            f"entitlements-person-{lang}.txt",
            lambda la=lang: _cli(
                "entitlements",
                str(PERSON),
                "--ruleset",
                "uong-bi-tet-2024",
                "--on",
                "2024-02-01",
                "--lang",
                la,
            ),
        )
    for lang in ("vi", "en"):
        yield f"allocate-people-{lang}.json", lambda la=lang: _json(allocation().to_dict(lang=la))
    yield "allocation.html", lambda: allocation()._repr_html_() + "\n"
    yield (
        "budget-people.json",
        lambda: _cli(
            "budget", str(PEOPLE), "--ruleset", "uong-bi-tet-2024", "--on", "2024-02-01", "--json"
        ),
    )
    yield (
        "entitlements-person.json",
        lambda: _cli(
            "entitlements",
            str(PERSON),
            "--ruleset",
            "uong-bi-tet-2024",
            "--on",
            "2024-02-01",
            "--json",
        ),
    )
    for name in ("level", "bracket"):
        yield f"compare-{name}.json", lambda n=name: _json(comparison(n).to_dict())
        yield f"compare-{name}.html", lambda n=name: comparison(n)._repr_html_() + "\n"
    yield "compare-people.json", lambda: _json(by_person().to_dict())
    yield "compare-people.html", lambda: by_person()._repr_html_() + "\n"
    yield "audit-result.html", lambda: _audit_result()._repr_html_() + "\n"
    if has_pandas():
        yield (
            "ruleset-uong-bi-tet-2024.csv",
            lambda: _frame_csv(load_ruleset("uong-bi-tet-2024").to_pandas()),
        )
        yield "allocation.csv", lambda: _frame_csv(allocation().to_pandas())
        yield "audit-result.csv", lambda: _frame_csv(_audit_result().to_pandas())
        for by in ("level", "source", "person"):
            yield f"compare-people-{by}.csv", lambda b=by: _frame_csv(by_person().to_pandas(by=b))


def has_pandas() -> bool:
    """Whether the frames can be built (the ``pandas`` extra)."""
    try:
        import pandas  # noqa: F401
    except ImportError:
        return False
    return True


def main() -> int:
    """Write every golden file; remove golden files no call makes any more."""
    written = set()
    for name, make in outputs():
        (HERE / name).write_text(make(), encoding="utf-8")
        written.add(name)
    for stale in HERE.glob("*"):
        kept = stale.suffix == ".csv" and not has_pandas()  # not rebuilt without pandas
        if stale.suffix in SUFFIXES and stale.name not in written and not kept:
            stale.unlink()
    print(f"wrote {len(written)} golden files to {HERE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
