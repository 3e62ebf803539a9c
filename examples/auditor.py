"""An auditor's script: read a report's text, check its arithmetic, list what is wrong.

Usage::

    python examples/auditor.py [REPORT.txt|REPORT.md] [--lang en]

Without a file it audits the bundled example report (the source report's gift figures
and their mistakes, in a text of the project's own). Exit status 1 when the report has
errors, 0 when its figures agree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from welfare_rules import extract_report, format_vnd, reconcile
from welfare_rules.audit.extract import example_text


def main(argv: list[str]) -> int:
    lang = "en" if "--lang" in argv and argv[argv.index("--lang") + 1] == "en" else "vi"
    files = [a for a in argv if not a.startswith("--") and a not in ("en", "vi")]
    text = Path(files[0]).read_text(encoding="utf-8") if files else example_text()

    extracted = extract_report(text)
    result = reconcile(extracted.report)

    summary = result.summary()
    print(f"{summary['figures']} figures, {summary['edits']} checks, {summary['errors']} errors")
    for finding in result.findings:
        print(f"- {finding.describe(lang)}")
        if finding.suggested is not None and finding.reported is not None:
            reported = format_vnd(finding.reported, locale=lang, unit="")
            suggested = format_vnd(finding.suggested, locale=lang, unit="")
            print(f"    {reported} → {suggested}")
    for line in extracted.unparsed:
        print(f"  (line {line.line} not understood: {', '.join(line.numbers)})")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
