"""Tests for views/audit_html.py: the annotated report, opened in a real headless Chromium.

The browser test loads the page from a file with an extra inline script (the page's own
policy allows inline script) that clicks the language switch, reads what is shown,
tries a request to the network and records whether the page's policy blocked it; the
DOM Chromium dumps carries the answers. A screenshot of the page is saved as a test
artefact in ``build/test-artefacts/``. Without Chromium the test is skipped, except on
CI (``CI`` set), where ``.ci/run`` installs it and its absence is a failure.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from welfare_rules._i18n import Text
from welfare_rules.audit.read import Document, audit_document, read_bytes
from welfare_rules.views.audit_files import AuditedFile, audited, unreadable
from welfare_rules.views.audit_html import CSP, report_html

from .office_files import RIGHT, WRONG, docx_bytes, grouped, markdown

ARTEFACTS = Path(__file__).resolve().parent.parent / "build" / "test-artefacts"


def _files(*documents: Document) -> list[AuditedFile]:
    return [audited(audit_document(d), name=d.name) for d in documents]


def _docx_report() -> str:
    return report_html(_files(read_bytes(docx_bytes(), name="bao-cao.docx")), lang="vi")


def test_the_page_is_self_contained() -> None:
    page = _docx_report()
    assert f'content="{CSP}"' in page
    assert "default-src 'none'" in CSP
    assert not re.search(r"https?://|//[a-z]", page.replace("http-equiv", ""))
    assert not re.search(r"\bsrc=|<link\b|@import|url\(", page)
    assert "<style>" in page
    assert "@media print" in page


def test_wrong_figures_are_marked_with_their_suggestion_in_their_cell() -> None:
    page = _docx_report()
    cell = re.search(r'<td class="c num">(.*?)</td>', page[page.index("23.000.000</mark>") - 400 :])
    assert cell is not None
    assert '<mark class="wrong" id="f1-m0"' in page
    assert '23.000.000</mark><ins class="suggested">→ 32.000.000</ins>' in page
    assert 'href="#f1-m0"' in page  # the findings list links to the place
    assert 'href="#f1-l0"' in page  # and the place back to the finding
    assert "bảng 1, hàng 7, cột «Thành tiền (đồng)»" in page
    assert "table 1, row 7, column «Thành tiền (đồng)»" in page


def test_unchecked_and_unparsed_figures_are_marked() -> None:
    text = "Báo cáo\n- Mức 600.000đ: 22 suất quà = 13.200.000đ.\nNgoài ra tặng 48 xã 5.5502 suất.\n"
    page = report_html(_files(Document.from_text(text, name="r.txt")), lang="en")
    assert 'class="unparsed"' in page or 'class="unchecked"' in page
    assert '<html lang="en" class="lang-en">' in page


def test_several_files_open_with_an_index() -> None:
    files = _files(
        read_bytes(docx_bytes(), name="a.docx"),
        Document.from_text(markdown(), name="b.md", format="markdown"),
    )
    files.append(unreadable("c.pdf", Text("tệp bị hỏng", "a damaged file")))
    page = report_html(files, lang="vi")
    assert page.count('<section class="file"') == 3
    assert '<table class="index">' in page
    for anchor in ("#f1", "#f2", "#f3"):
        assert f'href="{anchor}"' in page
    assert "3 tệp: 2 có lỗi" in page


def test_everything_is_escaped() -> None:
    text = "<script>alert(1)</script> Tổng: 5 suất = 1.000.000đ\n"
    page = report_html(_files(Document.from_text(text, name="<x>.txt")), lang="vi")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page


# -- in a real browser ------------------------------------------------------------------------

_PROBE = """<script>
(function(){
  var out = {};
  out.marks = [].map.call(document.querySelectorAll('mark.wrong'), function(m){return m.textContent;});
  out.suggestions = [].map.call(document.querySelectorAll('ins.suggested'), function(m){return m.textContent;});
  function shown(sel){var e=document.querySelector(sel); return e && getComputedStyle(e).display !== 'none';}
  out.vi_before = shown('h1 .vi'); out.en_before = shown('h1 .en');
  document.querySelector('button[data-lang=en]').click();
  out.vi_after = shown('h1 .vi'); out.en_after = shown('h1 .en');
  out.lang_after = document.documentElement.lang;
  document.querySelector('button[data-lang=vi]').click();
  out.vi_back = shown('h1 .vi');
  out.blocked = [];
  document.addEventListener('securitypolicyviolation', function(e){
    out.blocked.push(e.violatedDirective);
    document.body.setAttribute('data-probe', JSON.stringify(out));
  });
  var img = new Image(); img.src = 'http://127.0.0.1:9/tracker.png';
  document.body.appendChild(img);
  out.resources = performance.getEntriesByType('resource').length;
  document.body.setAttribute('data-probe', JSON.stringify(out));
})();
</script>"""


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("Chromium is needed on CI (.ci/run installs Debian's chromium as root)")
    pytest.skip("no Chromium found (install Debian's chromium to run the browser test)")


def _run(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_report_in_a_real_browser(tmp_path: Path) -> None:
    browser = _chromium()
    page = _docx_report()
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    done = _run(
        browser, tmp_path / "profile", "--virtual-time-budget=3000", "--dump-dom", probe.as_uri()
    )
    match = re.search(r'data-probe="([^"]*)"', done.stdout)
    assert match is not None, done.stderr[-2000:]
    found = json.loads(html.unescape(match.group(1)))
    assert grouped(WRONG) in found["marks"]
    assert f"→ {grouped(RIGHT)}" in found["suggestions"]
    assert (found["vi_before"], found["en_before"]) == (True, False)
    assert (found["vi_after"], found["en_after"], found["lang_after"]) == (False, True, "en")
    assert found["vi_back"] is True
    assert found["resources"] == 0
    assert found["blocked"], "the page's policy let a request to the network through"
    assert all(directive.startswith(("img-src", "default-src")) for directive in found["blocked"])

    english = tmp_path / "report.html"
    english.write_text(page, encoding="utf-8")
    done = _run(browser, tmp_path / "profile", "--dump-dom", english.as_uri() + "#en")
    assert '<html lang="en" class="lang-en">' in done.stdout  # #en opens the English page

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTEFACTS / "audit-report.png"
    shot.unlink(missing_ok=True)
    _run(
        browser,
        tmp_path / "profile",
        "--window-size=1200,1600",
        f"--screenshot={shot}",
        english.as_uri(),
    )
    assert shot.exists()
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_a_tie_shows_its_candidates_beside_the_figure() -> None:
    text = "- Mức 300.000đ: 10 suất = 3.100.000đ.\n"
    page = report_html(_files(Document.from_text(text, name="t.txt")), lang="vi")
    assert '3.100.000</mark><ins class="candidate">→ ? 3.000.000</ins>' in page
