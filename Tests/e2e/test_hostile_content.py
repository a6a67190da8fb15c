"""DOMPurify's XSS payloads and vectors of the OWASP XSS Filter Evasion Cheat Sheet placed in 年度整体绩效目标 (an HTML fragment) and in project names (plain
text) of real tables: every page built from them is opened in Chromium with hooks on
alert/prompt/confirm and on requests to other hosts, and nothing may fire."""
import json
import pathlib
import shutil

import pytest
from selenium.webdriver.common.by import By

from conftest import ROOT, SAMPLE, Server, build_site

PAYLOADS = (json.loads((ROOT / "Tests/PerfsiteCoreTests/Fixtures/dompurify-payloads.json").read_text())["cases"]
            + json.loads((ROOT / "Tests/e2e/fixtures/owasp-xss-vectors.json").read_text(encoding="utf-8"))["cases"])
PER_TABLE = 10


def cell(text):
    return " ".join(text.replace("\t", " ").replace("\r", " ").split("\n"))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("hostile")
    content = site / "Content" / "2026"
    content.mkdir(parents=True)
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    # A blank payload would be a task without a name (P002), which rightly stops the build.
    payloads = [cell(case["payload"]) or "空载荷" for case in PAYLOADS]
    payloads = [p if p.strip() else "空载荷" for p in payloads]
    # Quotes and angle brackets followed by combining marks: one grapheme to Swift, two code points
    # to a browser. An escaper that walks Characters leaves them raw (found by fuzzing).
    payloads += [
        'x"\u0301 onmouseover="alert(1)" data-x="', "x'\u0301 onfocus='alert(2)' autofocus='",
        "<\u0301img src=x onerror=alert(3)>", 'a"\u20dd><\u0301script>alert(4)</script>',
    ]
    for table in range(0, len(payloads), PER_TABLE):
        rows = list(lines)
        rows[4] = rows[4].replace("部门名称\t洛阳高新技术产业开发区管理委员会", f"部门名称\t测试部门{table // PER_TABLE + 1:02d}")
        goals = rows[9].split("\t")
        goals[1] = payloads[table]
        rows[9] = "\t".join(goals)
        for offset in range(PER_TABLE):
            cells = rows[11 + offset].split("\t")
            cells[1] = payloads[(table + offset) % len(payloads)]
            rows[11 + offset] = "\t".join(cells)
        (content / f"t{table // PER_TABLE:02d}.tsv").write_text("\n".join(rows), encoding="utf-8")
    public = build_site(site)
    server = Server(public)
    yield public, server.url
    server.close()


def test_every_page_with_payloads_runs_no_script(hostile_site, driver):
    public, url = hostile_site
    pages = sorted(str(p.relative_to(public).parent) for p in public.rglob("index.html"))
    assert len(pages) > 23 * 11
    for page in pages:
        driver.get(url + ("" if page == "." else page + "/"))
        fired = driver.execute_script("return window.__fired")
        assert fired == [], f"{page}: {fired}"
        scripts = [s.get_attribute("src") or "inline" for s in driver.find_elements(By.TAG_NAME, "script")]
        assert scripts and all("/assets/site." in s or "/assets/search." in s for s in scripts), f"{page}: {scripts}"
        inline_handlers = driver.execute_script(
            "return Array.prototype.filter.call(document.querySelectorAll('*'), function (e) {"
            "  return Array.prototype.some.call(e.attributes, function (a) { return /^on/i.test(a.name); }); }).length")
        assert inline_handlers == 0, page
        policy = driver.execute_script(
            "var m = document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]');"
            " return m ? m.getAttribute('content') : null")
        assert policy and "script-src 'self'" in policy and "default-src 'none'" in policy, page
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, page
