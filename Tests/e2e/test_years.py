"""A site of two years: the sample as 2026, and a 2025 table written here from it with three
differences whose figures are known — task 1 cost 100.00 万元 less, task 10 had another name, and the
sums were kept right. The 2026 department page must link 2025 and show exactly those changes."""
import shutil
import subprocess

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from test_validity import VALIDATOR

from conftest import ROOT, SAMPLE, Server, build_site, console_errors, department_folder


def table_2025():
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    out = []
    for line in lines:
        cells = line.split("\t")
        if "2026年" in cells[0]:
            cells[0] = cells[0].replace("2026年", "2025年")
        elif len(cells) > 4 and cells[1] == "基本支出":
            cells[4] = "1844.64"  # 财政拨款: 100.00 less
        elif len(cells) > 2 and cells[1] == "项目支出":
            cells[2] = "822.13"
        elif cells[0] == "1":
            cells[4] = "%.2f" % (float(cells[4].replace(",", "")) - 100)
        elif cells[0] == "10":
            cells[1] = "后勤综合保障经费"
        out.append("\t".join(cells))
    return "\n".join(out)


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    site = tmp_path_factory.mktemp("years")
    shutil.copy(ROOT / "perfsite.toml", site / "perfsite.toml")
    for year in ("2025", "2026"):
        (site / "Content" / year).mkdir(parents=True)
    shutil.copy(SAMPLE, site / "Content" / "2026" / SAMPLE.name)
    (site / "Content" / "2025" / SAMPLE.name).write_text(table_2025(), encoding="utf-8")
    public = build_site(site)
    server = Server(public)
    yield public, server.url
    server.close()


def test_both_years_are_published(two_years):
    public, _ = two_years
    assert (public / "2025" / "index.html").exists() and (public / "2026" / "index.html").exists()
    home = (public / "index.html").read_text(encoding="utf-8")
    assert "2025" in home and "2026" in home


def test_department_page_compares_with_the_year_before(two_years, driver):
    public, url = two_years
    folder = department_folder(public)
    driver.get(f"{url}2026/{folder}/")
    years = driver.find_element(By.CSS_SELECTOR, "nav.years")
    assert years.find_element(By.CSS_SELECTOR, "[aria-current=page]").text == "2026年"
    assert years.find_element(By.LINK_TEXT, "2025年").get_attribute("href").endswith(f"/2025/{folder}/")

    section = driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=compare]")
    assert "与 2025 年相比" in section.text
    totals = section.find_elements(By.CSS_SELECTOR, "table")[0]
    rows = {r.find_element(By.TAG_NAME, "th").text: [c.text for c in r.find_elements(By.TAG_NAME, "td")]
            for r in totals.find_elements(By.CSS_SELECTOR, "tbody tr")}
    assert rows["支出合计"] == ["1,844.64", "1,944.64", "+100.00", "+5.4%"]
    assert rows["基本支出"] == ["1,022.51", "1,022.51", "0.00", "0.0%"]
    assert rows["项目支出"] == ["822.13", "922.13", "+100.00", "+12.2%"]
    assert "延续 9 项,新增 1 项,取消 1 项" in section.text

    tasks = section.find_elements(By.CSS_SELECTOR, "table")[1]
    by_name = {}
    for row in tasks.find_elements(By.CSS_SELECTOR, "tbody tr"):
        cells = [c.text for c in row.find_elements(By.TAG_NAME, "td")]
        by_name[row.find_element(By.TAG_NAME, "th").text] = (row.get_attribute("class"), cells)
    first = next(name for name in by_name if name.startswith("综合服务中心"))
    assert by_name[first][0] == "change-up" and by_name[first][1][2] == "+100.00" and by_name[first][1][3] == "增加"
    assert by_name["后勤保障经费"][0] == "change-new" and by_name["后勤保障经费"][1][0] == "—"
    assert by_name["后勤综合保障经费"][0] == "change-dropped" and by_name["后勤综合保障经费"][1][1] == "—"
    assert by_name["网络线路租金"][1][3] == "持平"
    assert len(by_name) == 11
    assert not console_errors(driver)
    driver.save_screenshot(str(ROOT / ".build" / "years-2026.png"))

    # 2025 has no earlier year: a link forward, no comparison.
    driver.get(f"{url}2025/{folder}/")
    assert driver.find_element(By.LINK_TEXT, "2026年")
    assert not driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=compare]")


def test_two_year_pages_are_valid_and_accessible(two_years, driver):
    public, url = two_years
    result = subprocess.run([VALIDATOR, "--root", str(public), "--also-check-css", "--show-warnings"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    driver.get(f"{url}2026/{department_folder(public)}/")
    axe = Axe(driver)
    axe.inject()
    violations = axe.run()["violations"]
    assert not violations, [v["id"] for v in violations]
