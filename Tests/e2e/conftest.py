"""Browser tests of the published site: headless Chromium through selenium, the Nu Html Checker and
axe-core. They build sites with the perfsite binary (PERFSITE, default .build/debug/perfsite), serve
them on a loopback port and look at them as a citizen's browser does."""
import functools
import http.server
import os
import pathlib
import shutil
import subprocess
import threading

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parents[2]
PERFSITE = str(pathlib.Path(os.environ.get("PERFSITE", ROOT / ".build" / "debug" / "perfsite")).resolve())
SAMPLE = ROOT / "Content" / "2026" / "洛阳高新技术产业开发区管理委员会.tsv"

# Runs before any page script: records alert/prompt/confirm and any request to another host.
HOOKS = """
window.__fired = [];
['alert', 'prompt', 'confirm', 'print'].forEach(function (name) {
  window[name] = function () { window.__fired.push(name + ':' + Array.prototype.join.call(arguments, ',')); };
});
window.__xss = function () { window.__fired.push('__xss'); };
var originalFetch = window.fetch;
window.fetch = function (resource) {
  var url = new URL(resource instanceof Request ? resource.url : String(resource), location.href);
  if (url.origin !== location.origin) window.__fired.push('fetch:' + url.href);
  return originalFetch.apply(this, arguments);
};
"""


def build_site(site_dir, content_dir=None, extra_args=()):
    """Runs `perfsite build` in site_dir and returns the Public/ path."""
    args = [PERFSITE, "build", "--output", str(site_dir / "Public")]
    if content_dir is not None:
        args += ["--content", str(content_dir)]
    result = subprocess.run(args + list(extra_args), cwd=site_dir, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir / "Public"


class Server:
    def __init__(self, folder):
        handler = functools.partial(QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("sample")
    shutil.copy(ROOT / "perfsite.toml", site / "perfsite.toml")
    (site / "Content" / "2026").mkdir(parents=True)
    shutil.copy(SAMPLE, site / "Content" / "2026" / SAMPLE.name)
    public = build_site(site)
    server = Server(public)
    yield public, server.url
    server.close()


@pytest.fixture(scope="session")
def driver():
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1600"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    chrome = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    chrome.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOKS})
    yield chrome
    chrome.quit()


def console_errors(chrome):
    return [entry for entry in chrome.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]


def department_folder(public):
    return next(p for p in sorted((public / "2026").iterdir()) if p.is_dir()).name
