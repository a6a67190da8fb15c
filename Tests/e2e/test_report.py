"""`perfsite check --format html` on the held-in broken tables (Tests/e2e/fixtures/broken/): every
diagnostic of the JSON output is on the page with its row, the marked cell is the one the
diagnostic names, and the page passes the Nu Html Checker and axe-core like the site does."""
import json
import pathlib
import shutil
import subprocess

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By

from conftest import PERFSITE, ROOT, console_errors
from test_validity import VALIDATOR

BROKEN = ROOT / "Tests/e2e/fixtures/broken"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    shutil.copytree(BROKEN, folder / "Content")
    page = folder / "report.html"
    run = subprocess.run([PERFSITE, "check", "--format", "html", "--output", str(page)],
                         cwd=folder, capture_output=True, text=True)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "报告已写入" in run.stdout and run.stdout.count("\n") == 1, run.stdout
    checked = subprocess.run([PERFSITE, "check", "--format", "json"], cwd=folder, capture_output=True, text=True)
    return folder, page, json.loads(checked.stdout)


def test_every_problem_is_shown_with_its_row_and_cell(report, driver):
    folder, page, checked = report
    driver.get(page.as_uri())
    assert console_errors(driver) == []
    articles = driver.find_elements(By.CSS_SELECTOR, "article.problem")
    assert len(articles) == len(checked["diagnostics"]) == 13
    summary = checked["summary"]
    assert driver.find_element(By.CSS_SELECTOR, ".verdict").text == f"有 {summary['errors']} 个错误,修改之前不能发布。"
    shown = {}
    for article in articles:
        reference = article.find_element(By.CSS_SELECTOR, ".reference code").text
        rule = article.find_element(By.CSS_SELECTOR, ".rule").text.split()[0]
        shown.setdefault(reference, []).append((rule, article))
    for diagnostic in checked["diagnostics"]:
        reference = f"{diagnostic['file']}:{diagnostic['row']}" + (f":{diagnostic['column']}" if diagnostic["column"] else "")
        article = next(a for rule, a in shown[reference] if rule == diagnostic["rule"])
        assert article.find_element(By.CSS_SELECTOR, ".message").text == diagnostic["message"]
        assert article.find_element(By.CSS_SELECTOR, ".explain").text.count("怎样修改") == 1
        marked = article.find_elements(By.CSS_SELECTOR, "td.marked mark")
        assert len(marked) == 1, reference
        line = (folder / diagnostic["file"]).read_text(encoding="utf-8").lstrip("\ufeff").split("\n")[diagnostic["row"] - 1]
        cell = line.split("\t" if diagnostic["file"].endswith(".tsv") else ",")[diagnostic["column"] - 1]
        assert marked[0].text.rstrip("…") in cell.strip(), (reference, marked[0].text, cell)
        number = article.find_element(By.CSS_SELECTOR, "tr.problem-row th").text
        assert number == str(diagnostic["row"])
        for name, value in diagnostic["figures"].items():
            if name in ("basic", "project", "stated", "expenditure", "income", "projectsTotal", "fiscal", "other"):
                assert value.replace("-", "") in article.find_element(By.CSS_SELECTOR, "table.figures").text.replace(",", "")


def test_the_unbalanced_budget_shows_both_sides(report, driver):
    _, page, _ = report
    driver.get(page.as_uri())
    article = next(a for a in driver.find_elements(By.CSS_SELECTOR, "article.problem")
                   if "B003" in a.find_element(By.CSS_SELECTOR, ".rule").text)
    figures = article.find_element(By.CSS_SELECTOR, "table.figures").text
    assert "支出合计 1,924.64" in figures and "收入来源合计 1,944.64" in figures
    assert article.find_element(By.CSS_SELECTOR, "td.marked").text.startswith("1944.64")
    # The whole budget block, both sides: the mistyped 基本支出 is in the row above the marked cell's.
    rows = [row.text for row in article.find_elements(By.CSS_SELECTOR, ".grid tbody tr")]
    assert [row.split()[0] for row in rows] == ["7", "8", "9"], rows
    assert "1,002.51" in rows[1] and "922.13" in rows[2] and "其他资金" in rows[2]


def test_report_is_valid_and_accessible(report, driver, tmp_path):
    _, page, _ = report
    shutil.copy(page, tmp_path / "report.html")
    result = subprocess.run([VALIDATOR, "--root", str(tmp_path), "--also-check-css", "--show-warnings"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    driver.get(page.as_uri())
    axe = Axe(driver)
    axe.inject()
    violations = axe.run()["violations"]
    assert violations == [], axe.report(violations)


def test_a_clean_site_reports_that_it_can_be_published(tmp_path, driver):
    (tmp_path / "Content" / "2026").mkdir(parents=True)
    sample = ROOT / "Content" / "2026" / "洛阳高新技术产业开发区管理委员会.tsv"
    shutil.copy(sample, tmp_path / "Content" / "2026" / sample.name)
    run = subprocess.run([PERFSITE, "check", "--format", "html", "--output", "r.html"], cwd=tmp_path,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    driver.get((tmp_path / "r.html").as_uri())
    assert driver.find_element(By.CSS_SELECTOR, ".verdict").text == "没有错误,可以发布;有 1 个警告建议修改。"
    assert len(driver.find_elements(By.CSS_SELECTOR, "article.problem")) == 1
