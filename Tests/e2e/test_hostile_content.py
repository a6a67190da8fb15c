"""DOMPurify's XSS payloads and vectors of the OWASP XSS Filter Evasion Cheat Sheet placed in every text
field of real tables — department and project-table headers, 年度整体绩效目标 and 年度目标 (HTML fragments),
task names, 主要实施内容, 任务来源, 三级指标 names, 指标值, 度量单位 and the closing note — and every page built
from them is opened in Chromium with hooks on alert/prompt/confirm and on requests to other hosts; nothing
may fire. The search page is queried with payload text too, since it draws results from the index."""
import json
import pathlib
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT, SAMPLE, Server, build_site

PAYLOADS = (json.loads((ROOT / "Tests/PerfsiteCoreTests/Fixtures/dompurify-payloads.json").read_text())["cases"]
            + json.loads((ROOT / "Tests/e2e/fixtures/owasp-xss-vectors.json").read_text(encoding="utf-8"))["cases"])
PROJECT_TABLE = ROOT / "Tests/PerfsiteCoreTests/Fixtures/project-table.tsv"
PER_TABLE = 10


def cell(text):
    return " ".join(text.replace("\t", " ").replace("\r", " ").split("\n"))


def word(text):
    """A payload as one whitespace-free word, for cells whose words carry structure (指标值)."""
    return re.sub(r"\s+", "", text) or "空载荷"


def all_payloads():
    # A blank payload would be a task without a name (P002), which rightly stops the build.
    payloads = [cell(case["payload"]) for case in PAYLOADS]
    payloads = [p if p.strip() else "空载荷" for p in payloads]
    # Quotes and angle brackets followed by combining marks: one grapheme to Swift, two code points
    # to a browser. An escaper that walks Characters leaves them raw (found by fuzzing).
    return payloads + [
        'x"\u0301 onmouseover="alert(1)" data-x="', "x'\u0301 onfocus='alert(2)' autofocus='",
        "<\u0301img src=x onerror=alert(3)>", 'a"\u20dd><\u0301script>alert(4)</script>',
    ]


def department_table(lines, number, pick):
    rows = list(lines)
    header = rows[4].split("\t")
    header[1] = f"测试部门{number:02d} {pick(0)}"
    header[4] = pick(1)
    rows[4] = "\t".join(header)
    goals = rows[9].split("\t")
    goals[1] = pick(2)
    rows[9] = "\t".join(goals)
    for offset in range(PER_TABLE):
        cells = rows[11 + offset].split("\t")
        cells[1] = pick(offset)
        cells[2] = pick(offset + 3)
        cells[3] = pick(offset + 5)
        # The first 三级 name is free text running to the next 一级/二级 pair; its value is one word.
        cells[5] = cells[5].replace("成本控制:在预算范围之内。", pick(offset + 7))
        values = cells[8].split(" ")
        values[0] = word(pick(offset + 8))
        cells[8] = " ".join(values)
        rows[11 + offset] = "\t".join(cells)
    rows[22] = "注:" + pick(9)
    return "\n".join(rows)


def project_table(lines, number, department, pick):
    rows = []
    for row in lines:
        cells = row.split("\t")
        label = cells[0]
        if label == "项目名称":
            cells[1] = f"测试项目{number:02d} {pick(0)}"
        elif label == "主管部门":
            cells[1], cells[4] = department, pick(1)
        elif label == "年度目标":
            cells[1] = pick(2)
        elif len(cells) == 6 and cells[3] in ("≥", "=", "≤", "定性"):
            cells[2] = pick(3 + len(rows) % 5)
            if cells[3] == "定性":
                cells[4] = pick(4)
            else:
                cells[5] = pick(5)
        rows.append("\t".join(cells))
    return "\n".join(rows)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("hostile")
    content = site / "Content" / "2026"
    content.mkdir(parents=True)
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    project_lines = PROJECT_TABLE.read_text(encoding="utf-8").split("\n")
    payloads = all_payloads()
    for table in range(0, len(payloads), PER_TABLE):
        number = table // PER_TABLE + 1

        def pick(offset, table=table):
            return payloads[(table + offset) % len(payloads)]

        text = department_table(lines, number, pick)
        (content / f"t{number:02d}.tsv").write_text(text, encoding="utf-8")
        department = text.split("\n")[4].split("\t")[1]
        (content / f"p{number:02d}.tsv").write_text(project_table(project_lines, number, department, pick), encoding="utf-8")
    public = build_site(site)
    server = Server(public)
    yield public, server.url
    server.close()


def test_payloads_reach_every_field(hostile_site):
    """The payloads are on the pages as text: the fixture did not lose them to a diagnostic or a layout
    that stopped recognizing the table."""
    public, _ = hostile_site
    kinds = {"department": 0, "project-table": 0, "print": 0, "task": 0}
    for page in public.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if re.search(r"&lt;(script|img|svg|iframe)\b", html):
            parts = page.relative_to(public).parts
            if "print" in parts:
                kinds["print"] += 1
            elif len(parts) == 4 and parts[2].startswith("x"):
                kinds["project-table"] += 1
            elif len(parts) == 3:
                kinds["department"] += 1
            else:
                kinds["task"] += 1
    assert all(count > 0 for count in kinds.values()), kinds


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


@pytest.mark.parametrize("query", ["alert", "script", "onerror", "javascript", "测试项目", "img src"])
def test_search_results_of_payload_text_run_no_script(hostile_site, driver, query):
    _, url = hostile_site
    driver.get(url + "search/?q=" + query.replace(" ", "+"))
    status = driver.find_element(By.CSS_SELECTOR, "#search-app [role=status]")
    WebDriverWait(driver, 20).until(lambda d: status.text and "正在搜索" not in status.text)
    results = driver.find_elements(By.CSS_SELECTOR, "ol.results li")
    assert results, f"{query}: {status.text}"
    assert driver.execute_script("return window.__fired") == [], query
    injected = driver.execute_script(
        "return document.querySelectorAll('ol.results img, ol.results svg, ol.results script, ol.results iframe,"
        " ol.results [onerror], ol.results [onload]').length")
    assert injected == 0, query
