"""项目支出绩效目标表 on the site: one for the sample's department, which lists it beside its overall
table, and one for a department that published no overall table, which still gets a page. The
project pages show the funds and the indicators grouped as the official table groups them."""
import json
import re
import shutil
import subprocess

import openpyxl
import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By

from conftest import PERFSITE, ROOT, SAMPLE, Server, console_errors
from test_validity import VALIDATOR

FIXTURE = ROOT / "Tests" / "PerfsiteCoreTests" / "Fixtures" / "project-table.tsv"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("projects")
    shutil.copy(ROOT / "perfsite.toml", folder / "perfsite.toml")
    content = folder / "Content" / "2026"
    content.mkdir(parents=True)
    shutil.copy(SAMPLE, content / SAMPLE.name)
    shutil.copy(FIXTURE, content / "项目-机关大院.tsv")
    other = FIXTURE.read_text(encoding="utf-8")
    for old, new in [("洛阳高新技术产业开发区管理委员会", "洛阳高新区教育文化体育局"),
                     ("机关大院和政务服务保障经费", "中小学校舍维修项目"), ("洛阳高新区综合服务中心", "高新区第一中学")]:
        other = other.replace(old, new)
    (content / "项目-校舍.tsv").write_text(other, encoding="utf-8")
    result = subprocess.run([PERFSITE, "build"], cwd=folder, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 个部门、10 个任务、2 个项目表" in result.stdout
    server = Server(folder / "Public")
    yield folder / "Public", server.url
    server.close()


def department_folders(public):
    folders = {}
    for page in (public / "2026").glob("*/index.html"):
        title = re.search(r"<h1>(.*?)</h1>", page.read_text(encoding="utf-8")).group(1)
        folders[title] = page.parent.name
    return folders


def test_project_table_is_listed_and_has_its_page(site, driver):
    public, url = site
    folders = department_folders(public)
    department = folders["洛阳高新技术产业开发区管理委员会"]
    driver.get(f"{url}2026/{department}/")
    section = driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=project-tables]")
    row = section.find_element(By.CSS_SELECTOR, "tbody tr")
    assert [c.text for c in row.find_elements(By.TAG_NAME, "td")] == ["洛阳高新区综合服务中心", "60.00 万元", "7"]
    # The overall table's content is all still there.
    assert "1,944.64" in driver.find_element(By.CSS_SELECTOR, ".equation").text

    row.find_element(By.LINK_TEXT, "机关大院和政务服务保障经费").click()
    assert driver.find_element(By.TAG_NAME, "h1").text == "机关大院和政务服务保障经费"
    facts = {r.find_element(By.TAG_NAME, "th").text: r.find_element(By.TAG_NAME, "td").text
             for r in driver.find_elements(By.CSS_SELECTOR, "table.facts tr")}
    assert facts["主管部门"] == "洛阳高新技术产业开发区管理委员会"
    assert facts["年度资金总额"] == "60.00 万元" and facts["其中:财政拨款"] == "60.00 万元"
    first = driver.find_element(By.CSS_SELECTOR, "table.indicators tbody th[scope=rowgroup]")
    assert first.text == "产出指标" and first.get_attribute("rowspan") == "4"
    values = [c.text for c in driver.find_elements(By.CSS_SELECTOR, "table.indicators td.value")]
    assert values == ["1000平方米", "12次", "100%", "12个月", "60万元", "明显改善", "95%"]
    assert not console_errors(driver)


def test_department_with_project_tables_only(site, driver):
    public, url = site
    folder = department_folders(public)["洛阳高新区教育文化体育局"]
    year_page = (public / "2026" / "index.html").read_text(encoding="utf-8")
    assert "洛阳高新区教育文化体育局" in year_page
    driver.get(f"{url}2026/{folder}/")
    assert "未公开部门整体支出绩效目标表" in driver.find_element(By.TAG_NAME, "main").text
    assert not driver.find_elements(By.CSS_SELECTOR, ".equation")
    assert driver.find_element(By.LINK_TEXT, "中小学校舍维修项目")
    assert not (public / "2026" / folder / "print").exists()
    # Search finds the project.
    shards = "".join(p.read_text(encoding="utf-8") for p in (public / "search").rglob("*.json"))
    assert "中小学校舍维修项目" in shards


def test_pages_are_valid_and_accessible(site, driver):
    public, url = site
    result = subprocess.run([VALIDATOR, "--root", str(public), "--also-check-css", "--show-warnings"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    folders = department_folders(public)
    pages = [f"2026/{folder}/" for folder in folders.values()]
    pages += [f"2026/{folders['洛阳高新技术产业开发区管理委员会']}/{p.parent.name}/"
              for p in (public / "2026" / folders["洛阳高新技术产业开发区管理委员会"]).glob("x*/index.html")]
    for page in pages:
        driver.get(url + page)
        axe = Axe(driver)
        axe.inject()
        violations = axe.run()["violations"]
        assert not violations, (page, [v["id"] for v in violations])


def test_project_table_downloads(site):
    public, _ = site
    folder = department_folders(public)["洛阳高新技术产业开发区管理委员会"]
    page = next((public / "2026" / folder).glob("x*/index.html"))
    text = page.read_text(encoding="utf-8")
    names = re.findall(r'href="([^"/]+\.(?:csv|xlsx|json))"', text)
    assert [n.rsplit(".", 1)[1] for n in names] == ["csv", "xlsx", "json"]
    csv_lines = (page.parent / names[0]).read_text(encoding="utf-8-sig").splitlines()
    assert len(csv_lines) == 8 and csv_lines[0].startswith("年度,主管部门,项目名称")
    workbook = openpyxl.load_workbook(page.parent / names[1])
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 8 and rows[2][8] == "消防设施检查次数" and rows[2][10] == "12次"
    data = json.loads((page.parent / names[2]).read_text(encoding="utf-8"))
    assert data["funds"]["total"] == 60 and data["source"] == "Content/2026/项目-机关大院.tsv"
