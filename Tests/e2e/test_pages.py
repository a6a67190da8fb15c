"""Every kind of page of the sample site, as Chromium shows it: what it says, no console errors,
no axe-core violations, and the sorting script working."""
import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By

from conftest import console_errors, department_folder

PROJECTS = ["综合服务中心大院后勤外包服务项目", "机关大院和政务服务保障经费", "购买公务用车水电等服务人员", "管委大院保安队伍经费",
            "运作与事业发展保障经费", "网络线路租金", "信息化建设运行维护经费", "信息化建设安全维护及设备更换、升级", "办公场所租金",
            "后勤保障经费"]


def pages(public):
    folder = department_folder(public)
    return {"home": "", "year": "2026/", "department": f"2026/{folder}/", "project": f"2026/{folder}/1/",
            "last project": f"2026/{folder}/10/", "404": "404.html", "search": "search/?q=%E4%BF%9D%E5%AE%89"}


@pytest.mark.parametrize("kind", ["home", "year", "department", "project", "last project", "404", "search"])
def test_page_has_no_console_errors_and_no_axe_violations(sample_site, driver, kind):
    public, url = sample_site
    driver.get_log("browser")
    driver.get(url + pages(public)[kind])
    assert driver.find_element(By.TAG_NAME, "h1").text
    assert driver.execute_script("return document.documentElement.lang") == "zh-CN"
    axe = Axe(driver)
    axe.inject()
    violations = axe.run()["violations"]
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations]
    assert console_errors(driver) == []
    assert driver.execute_script("return window.__fired") == []


def test_department_page_shows_the_budget_and_every_project(sample_site, driver):
    public, url = sample_site
    driver.get(url + pages(public)["department"])
    body = driver.find_element(By.TAG_NAME, "main").text
    assert "1,944.64" in body
    assert "基本支出 1,022.51 + 项目支出 922.13 = 1,944.64 万元 = 财政拨款 1,944.64 + 其他资金 0.00" in body
    links = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=projects] tbody th a")]
    assert links == PROJECTS
    assert driver.find_element(By.CSS_SELECTOR, "figure.budget-bar svg title").get_attribute("textContent") \
        == "基本支出占 52.6%,项目支出占 47.4%"


def test_project_page_shows_five_indicators(sample_site, driver):
    public, url = sample_site
    driver.get(url + pages(public)["project"])
    assert driver.find_element(By.TAG_NAME, "h1").text == PROJECTS[0]
    rows = driver.find_elements(By.CSS_SELECTOR, "table.indicators tbody tr")
    assert len(rows) == 5
    cells = {row.find_elements(By.TAG_NAME, "td")[-4].text: row.find_elements(By.TAG_NAME, "td")[-2].text for row in rows}
    assert cells["质量效果"] == "98%"
    assert "152.90 万元" in driver.find_element(By.TAG_NAME, "main").text
    driver.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
    assert driver.find_element(By.TAG_NAME, "h1").text == PROJECTS[1]


def test_breadcrumbs_lead_home(sample_site, driver):
    public, url = sample_site
    driver.get(url + pages(public)["project"])
    crumbs = driver.find_elements(By.CSS_SELECTOR, "nav.breadcrumbs li")
    assert [c.text for c in crumbs] == ["首页", "2026年", "洛阳高新技术产业开发区管理委员会", "任务 1"]
    crumbs[0].find_element(By.TAG_NAME, "a").click()
    assert driver.current_url == url


def test_projects_sort_by_amount(sample_site, driver):
    public, url = sample_site
    driver.get(url + pages(public)["department"])
    header = driver.find_element(By.XPATH, "//section[@aria-labelledby='projects']//thead//th[3]")
    header.find_element(By.TAG_NAME, "button").click()
    header.find_element(By.TAG_NAME, "button").click()
    assert header.get_attribute("aria-sort") == "descending"
    first = driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=projects] tbody tr th a").text
    assert first == "后勤保障经费"


def test_phone_width_has_no_horizontal_page_scroll(sample_site, driver):
    public, url = sample_site
    driver.set_window_size(360, 1600)
    try:
        for path in pages(public).values():
            driver.get(url + path)
            overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
    finally:
        driver.set_window_size(1280, 1600)


def test_no_request_leaves_the_site(sample_site, driver):
    public, url = sample_site
    for path in pages(public).values():
        driver.get(url + path)
        origins = driver.execute_script(
            "return performance.getEntriesByType('resource').map(function (e) { return new URL(e.name).origin; })")
        assert all(origin == url.rstrip("/") for origin in origins), origins
