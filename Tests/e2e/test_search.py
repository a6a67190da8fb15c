"""Search in Chromium on the sample site: the queries of the issue, the back button, and the
tokenizer of search.js agreeing with the index perfsite wrote."""
import json
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import console_errors


def search(driver, url, query):
    driver.get(url + "search/?q=" + urllib.parse.quote(query))
    return wait_for_results(driver)


def wait_for_results(driver):
    status = driver.find_element(By.CSS_SELECTOR, "#search-app [role=status]")
    WebDriverWait(driver, 10).until(lambda d: status.text and "正在搜索" not in status.text)
    titles = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "ol.results li h2 a")]
    return status.text, titles


def test_baoan_lists_the_security_team_first(sample_site, driver):
    _, url = sample_site
    status, titles = search(driver, url, "保安")
    assert titles[0] == "管委大院保安队伍经费"
    assert status.startswith("找到 ")
    marks = [m.text for m in driver.find_elements(By.CSS_SELECTOR, "ol.results li:first-child h2 mark")]
    assert marks == ["保安"]


def test_wangluo_finds_both_network_tasks(sample_site, driver):
    _, url = sample_site
    _, titles = search(driver, url, "网络")
    assert "网络线路租金" in titles
    assert "信息化建设安全维护及设备更换、升级" in titles
    assert titles.index("网络线路租金") < titles.index("信息化建设安全维护及设备更换、升级"), "title matches first"


def test_amount_as_written(sample_site, driver):
    _, url = sample_site
    _, titles = search(driver, url, "152.9")
    assert titles == ["综合服务中心大院后勤外包服务项目"]
    _, full_width = search(driver, url, "１５２．９")
    assert full_width == titles
    _, total = search(driver, url, "1,944.64")
    assert total == ["洛阳高新技术产业开发区管理委员会"]


def test_substrings_across_word_boundaries(sample_site, driver):
    _, url = sample_site
    for query, expected in [("管养", "综合服务中心大院后勤外包服务项目"), ("洁服务", "综合服务中心大院后勤外包服务项目"),
                            ("质量效果", "综合服务中心大院后勤外包服务项目"), ("洛空港委委", "洛阳高新技术产业开发区管理委员会")]:
        _, titles = search(driver, url, query)
        assert expected in titles, (query, titles)


def test_no_hit_says_so(sample_site, driver):
    _, url = sample_site
    status, titles = search(driver, url, "火箭发射")
    assert titles == []
    assert "没有找到" in status and "火箭发射" in status


def test_back_button_restores_the_previous_query(sample_site, driver):
    _, url = sample_site
    search(driver, url, "保安")
    field = driver.find_element(By.ID, "q")
    field.clear()
    field.send_keys("网络", Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: "q=%E7%BD%91%E7%BB%9C" in d.current_url)
    WebDriverWait(driver, 10).until(
        lambda d: "网络线路租金" in [a.text for a in d.find_elements(By.CSS_SELECTOR, "ol.results li h2 a")])
    _, titles = wait_for_results(driver)
    assert "网络线路租金" in titles and "q=%E7%BD%91%E7%BB%9C" in driver.current_url
    driver.back()
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "q").get_attribute("value") == "保安")
    _, titles = wait_for_results(driver)
    assert titles[0] == "管委大院保安队伍经费"


def test_header_box_leads_to_the_search_page(sample_site, driver):
    _, url = sample_site
    driver.get(url)
    box = driver.find_element(By.ID, "site-q")
    box.send_keys("租金", Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: "/search/?q=" in d.current_url)
    _, titles = wait_for_results(driver)
    assert set(titles) >= {"网络线路租金", "办公场所租金"}
    assert console_errors(driver) == []


def test_filters_by_year_and_department(sample_site, driver):
    _, url = sample_site
    search(driver, url, "经费")
    options = [o.text for o in driver.find_elements(By.CSS_SELECTOR, "select#department option")]
    assert options == ["全部部门", "洛阳高新技术产业开发区管理委员会"]
    driver.get(url + "search/?q=%E7%BB%8F%E8%B4%B9&year=2025")
    status, titles = wait_for_results(driver)
    assert titles == [] and "没有找到" in status


def test_search_page_is_accessible(sample_site, driver):
    from axe_selenium_python import Axe
    _, url = sample_site
    search(driver, url, "保安")
    axe = Axe(driver)
    axe.inject()
    violations = axe.run()["violations"]
    assert violations == [], [(v["id"], v["help"]) for v in violations]
    assert console_errors(driver) == []


def test_javascript_tokenizer_agrees_with_the_index(sample_site, driver):
    """Every term search.js derives from a card's texts is in the index with that document."""
    public, url = sample_site
    driver.get(url + "search/")
    meta = json.loads((public / "search/index.json").read_text())
    shards = {p.name: json.loads(p.read_text()) for p in (public / "search/shards").iterdir()}
    cards = []
    for chunk in range((meta["documents"] + meta["cardsPerChunk"] - 1) // meta["cardsPerChunk"]):
        cards += json.loads((public / f"search/cards/{chunk}.json").read_text())
    for doc, card in enumerate(cards):
        texts = [card["t"]] + [field[1] for field in card["f"]]
        terms = driver.execute_script(
            "var s = window.perfsiteSearch; return arguments[0].map(function (t) {"
            "  return s.documentTerms(t).map(function (term) { return [term, s.fnv1a(term)]; }); });", texts)
        for field_terms in terms:
            for term, hash_value in field_terms:
                entry = shards[f"{hash_value % meta['shards']}.json"].get(term)
                assert entry is not None, (doc, term)
                ids, total = [], 0
                for delta in entry["b"].get("d", []):
                    total += delta
                    ids.append(total)
                assert doc in ids, (doc, term)
    assert driver.execute_script("return window.perfsiteSearch.queryTerms('后勤 保障 Ａ１.５,ｂ')") == \
        ["后勤", "保障", "a1.5", "b"]
