"""Browser tests of the published site: headless Chromium through selenium, the Nu Html Checker and
axe-core. They build sites with the perfsite binary (PERFSITE, default .build/debug/perfsite), serve
them on a loopback port and look at them as a citizen's browser does.

With PERFSITE_E2E_SERVER=nginx every site is served by Debian's nginx with the configuration of
docs/deploy.md instead of Python's http.server (scripts/test runs the page, search, print and
download tests that way too)."""
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


def Server(folder):
    """Serves `folder` on a loopback port: `.url`, `.close()`."""
    if os.environ.get("PERFSITE_E2E_SERVER") == "nginx":
        return NginxServer(folder)
    return PythonServer(folder)


class PythonServer:
    def __init__(self, folder):
        handler = functools.partial(QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class NginxServer:
    """nginx with exactly the configuration block of docs/deploy.md, its listen and root lines
    pointed at a loopback port and `folder`, inside a minimal nginx.conf of its own."""

    def __init__(self, folder):
        import re
        import socket
        import tempfile
        import time
        block = deploy_configuration()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.prefix = pathlib.Path(tempfile.mkdtemp(prefix="nginx-"))
        assert "listen 80;" in block and "root /var/www/yusuan/Public;" in block
        block = block.replace("listen 80;", f"listen 127.0.0.1:{port};")
        block = block.replace("root /var/www/yusuan/Public;", f"root {pathlib.Path(folder).resolve()};")
        temp = "".join(f"    {kind}_temp_path {self.prefix}/{kind};\n"
                       for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        # Workers run as root only because test folders are private to the user running the tests.
        user = "user root;\n" if os.geteuid() == 0 else ""
        (self.prefix / "nginx.conf").write_text(
            f"{user}worker_processes 1;\npid {self.prefix}/nginx.pid;\nerror_log {self.prefix}/error.log;\n"
            "events { worker_connections 512; }\n"
            f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
            f"    access_log off;\n    sendfile on;\n{temp}{block}\n}}\n", encoding="utf-8")
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.process = subprocess.Popen([nginx, "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf"),
                                         "-g", "daemon off;"], stderr=subprocess.PIPE)
        self.url = f"http://127.0.0.1:{port}/"
        deadline = time.time() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if self.process.poll() is not None or time.time() > deadline:
                    raise RuntimeError("nginx did not start: " + self.process.stderr.read().decode()
                                       + (self.prefix / "error.log").read_text(errors="replace")
                                       if (self.prefix / "error.log").exists() else "")
                time.sleep(0.05)

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.prefix, ignore_errors=True)


def deploy_configuration():
    """The ```nginx block of docs/deploy.md, as a publisher copies it."""
    text = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    return text.split("```nginx\n", 1)[1].split("```", 1)[0]


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
