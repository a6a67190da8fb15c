"""`perfsite serve` as a publisher uses it: the real binary on an ephemeral loopback port, a copy
of the sample site, edits to the table on disk, and what a browser (or a raw socket) then sees."""
import http.client
import json
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.parse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import PERFSITE, ROOT, SAMPLE, console_errors

PROJECT = "机关大院和政务服务保障经费"


class Preview:
    """A running `perfsite serve`, its port, and everything it printed."""

    def __init__(self, site, *args):
        self.site = site
        self.table = site / "Content" / "2026" / SAMPLE.name
        self.process = subprocess.Popen(
            [PERFSITE, "serve", "--port", "0", *args], cwd=site, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        self.lines = []
        self.port = None
        ready = threading.Event()

        def read():
            for line in self.process.stdout:
                self.lines.append(line.rstrip("\n"))
                match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
                if match and self.port is None:
                    self.port = int(match.group(1))
                if "已构建" in line or "构建失败" in line:
                    ready.set()

        threading.Thread(target=read, daemon=True).start()
        assert ready.wait(60), "perfsite serve did not finish its first build: " + "\n".join(self.lines)
        deadline = time.time() + 10
        while self.port is None and time.time() < deadline:
            time.sleep(0.05)
        assert self.port, self.lines
        self.url = f"http://127.0.0.1:{self.port}/"

    def get(self, path, headers=None, method="GET"):
        """One request, redirects not followed: status, headers, body."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(method, urllib.parse.quote(path, safe="/%?=&"), headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def edit(self, old, new):
        text = self.table.read_text(encoding="utf-8")
        assert old in text
        self.table.write_text(text.replace(old, new, 1), encoding="utf-8")

    def stop(self, sig=signal.SIGINT):
        if self.process.poll() is None:
            self.process.send_signal(sig)
            return self.process.wait(10)
        return self.process.returncode


class EventStream:
    """A Server-Sent Events client on a raw socket: the statuses as they arrive."""

    def __init__(self, port):
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.socket.sendall(b"GET /_perfsite/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        self.buffer = b""
        head = self._until(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200"), head
        assert b"text/event-stream" in head

    def _until(self, marker):
        while marker not in self.buffer:
            chunk = self.socket.recv(65536)
            if not chunk:
                raise EOFError(self.buffer)
            self.buffer += chunk
        part, _, self.buffer = self.buffer.partition(marker)
        return part

    def next_status(self):
        """The next `status` event's JSON (chunked transfer framing is skipped over)."""
        while True:
            while b"event: status\ndata: " not in self.buffer:
                chunk = self.socket.recv(65536)
                if not chunk:
                    raise EOFError(self.buffer)
                self.buffer += chunk
            _, _, rest = self.buffer.partition(b"event: status\ndata: ")
            if b"\n" not in rest:
                self.buffer += self.socket.recv(65536)
                continue
            data, _, self.buffer = rest.partition(b"\n")
            return json.loads(data)

    def close(self):
        self.socket.close()


def copy_sample(folder):
    shutil.copy(ROOT / "perfsite.toml", folder / "perfsite.toml")
    (folder / "Content" / "2026").mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "Content" / "2026" / SAMPLE.name)
    return folder


@pytest.fixture
def preview(tmp_path):
    server = Preview(copy_sample(tmp_path), "--output", str(tmp_path / "preview"))
    yield server
    server.stop(signal.SIGKILL)


def raw_request(port, target):
    """Sends a request line exactly as written (no client-side normalization) and returns the
    status code and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.1 ") else 0
    return status, data.partition(b"\r\n\r\n")[2]


def department_path(preview):
    folder = next(p for p in sorted((preview.site / "preview" / "2026").iterdir()) if p.is_dir())
    return f"/2026/{folder.name}/"


def test_pages_and_assets_have_the_right_headers(preview):
    status, headers, body = preview.get("/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["ETag"].startswith('"') and headers["Cache-Control"] == "no-cache"
    assert int(headers["Content-Length"]) == len(body)
    # The reload script is added by the server, after the Content-Security-Policy meta.
    text = body.decode()
    assert '<script src="/_perfsite/reload.js" defer></script></head>' in text
    assert text.index("Content-Security-Policy") < text.index("/_perfsite/reload.js")

    css = re.search(r'href="(assets/style\.[0-9a-f]+\.css)"', text).group(1)
    status, headers, body = preview.get("/" + css)
    assert status == 200 and headers["Content-Type"] == "text/css; charset=utf-8"
    assert b"_perfsite" not in body
    status, headers, _ = preview.get("/" + css, {"If-None-Match": headers["ETag"]})
    assert status == 304

    status, headers, body = preview.get("/sitemap.xml")
    assert status == 200 and headers["Content-Type"] == "application/xml; charset=utf-8"

    page = department_path(preview)
    status, headers, body = preview.get(page)
    assert status == 200 and "1,944.64".encode() in body
    etag = headers["ETag"]
    assert preview.get(page, {"If-None-Match": etag})[0] == 304
    assert preview.get(page, {"If-None-Match": f'W/{etag}, "other"'})[0] == 304
    status, head_headers, head_body = preview.get(page, method="HEAD")
    assert status == 200 and head_body == b"" and head_headers["Content-Length"] == headers["Content-Length"]

    status, headers, _ = preview.get(page.rstrip("/"))
    assert status == 301 and headers["Location"] == page

    status, headers, body = preview.get("/2026/no-such-department/")
    assert status == 404 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "页面不存在" in body.decode()

    status, headers, _ = preview.get("/", method="DELETE")
    assert status == 405 and headers["Allow"] == "GET, HEAD"

    for path, kind in [("/_perfsite/reload.js", "text/javascript"), ("/_perfsite/overlay.css", "text/css")]:
        status, headers, _ = preview.get(path)
        assert status == 200 and headers["Content-Type"] == kind + "; charset=utf-8"


def test_no_way_out_of_the_site_folder(preview, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-perfsite\n")
    site = preview.site / "preview"
    (site / "leak.txt").symlink_to(secret)
    (site / "leakdir").symlink_to(tmp_path, target_is_directory=True)
    attempts = [
        b"/../secret.txt", b"/../../../../etc/passwd", b"/%2e%2e/secret.txt", b"/%2E%2E/%2E%2E/etc/passwd",
        b"/%2e%2e%2fsecret.txt", b"/..%2f..%2fetc%2fpasswd", b"/assets/..%5c..%5csecret.txt",
        b"/assets\\..\\..\\secret.txt", b"/%252e%252e/secret.txt", b"/%c0%ae%c0%ae/secret.txt",
        b"/.%2e/.%2e/etc/passwd", b"/%00/etc/passwd", b"/leak.txt", b"/leakdir/secret.txt",
        b"//etc/passwd", b"/2026/../../secret.txt", b"http://evil.example/../secret.txt",
    ]
    for target in attempts:
        status, body = raw_request(preview.port, target)
        assert status in (400, 404), (target, status)
        assert b"TOP-SECRET" not in body and b"root:" not in body, target
    # The server is still serving afterwards.
    assert preview.get("/")[0] == 200


def test_editing_a_table_reloads_and_serves_the_changed_page(preview):
    events = EventStream(preview.port)
    first = events.next_status()
    assert first["ok"] and first["hasSite"]
    preview.edit(PROJECT, "机关大院服务保障经费(修订)")
    changed = events.next_status()
    assert changed["ok"] and changed["version"] != first["version"]
    status, _, body = preview.get(department_path(preview) + "2/")
    assert status == 200 and "机关大院服务保障经费(修订)" in body.decode()

    # A broken sum: the error comes with its place in the table; the last good pages stay.
    preview.edit("1944.64", "1944.65")
    failed = events.next_status()
    assert not failed["ok"] and failed["version"] == changed["version"]
    assert any(
        d["rule"] == "B003" and d["location"].endswith(SAMPLE.name + ":8:5") and d["severity"] == "error"
        for d in failed["diagnostics"])
    status, _, body = preview.get(department_path(preview) + "2/")
    assert status == 200 and "机关大院服务保障经费(修订)" in body.decode()
    status, _, body = preview.get("/_perfsite/errors")
    assert status == 200 and "B003" in body.decode() and SAMPLE.name + ":8:5" in body.decode()
    assert any("error[B003]" in line for line in preview.lines)

    # Fixing the table brings the site back without a restart.
    preview.edit("1944.65", "1944.64")
    fixed = events.next_status()
    assert fixed["ok"] and not fixed["diagnostics"][0]["severity"] == "error"
    # The site is byte for byte what it was before the mistake, so pages need no reload: the
    # version stays and only the overlay goes.
    assert fixed["version"] == changed["version"]
    events.close()


def test_a_burst_of_changes_makes_one_build(preview):
    builds_before = sum("已构建" in line for line in preview.lines)
    for index in range(10):
        preview.edit(PROJECT if index == 0 else f"保障经费{index - 1}号", f"保障经费{index}号")
        time.sleep(0.01)
    deadline = time.time() + 15
    while sum("已构建" in line for line in preview.lines) == builds_before and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(1)
    # One build as a rule; two if the machine stalled longer than the quiet period mid-burst.
    assert builds_before + 1 <= sum("已构建" in line for line in preview.lines) <= builds_before + 2, preview.lines
    assert "保障经费9号" in preview.get(department_path(preview) + "2/")[2].decode()


def test_first_build_failing_shows_the_errors_everywhere(tmp_path):
    site = copy_sample(tmp_path)
    table = site / "Content" / "2026" / SAMPLE.name
    table.write_text(table.read_text(encoding="utf-8").replace("1944.64", "1944.65", 1), encoding="utf-8")
    server = Preview(site)
    try:
        status, headers, body = server.get("/2026/")
        assert status == 503 and "B003" in body.decode() and "/_perfsite/reload.js" in body.decode()
        events = EventStream(server.port)
        assert not events.next_status()["ok"]
        server.edit("1944.65", "1944.64")
        assert events.next_status()["ok"]
        assert server.get("/2026/")[0] == 200
        events.close()
    finally:
        server.stop(signal.SIGKILL)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_stops_promptly_with_pages_listening(tmp_path, sig):
    server = Preview(copy_sample(tmp_path))
    streams = [EventStream(server.port) for _ in range(3)]
    for stream in streams:
        stream.next_status()
    started = time.time()
    assert server.stop(sig) == 0
    assert time.time() - started < 3
    assert "正在停止预览服务器" in "\n".join(server.lines)
    # The default preview folder is temporary and is removed.
    assert not pathlib.Path(f"/tmp/perfsite-serve-{server.process.pid}").exists()


def test_listening_beyond_loopback_warns(tmp_path):
    site = copy_sample(tmp_path)
    process = subprocess.Popen(
        [PERFSITE, "serve", "--host", "0.0.0.0", "--port", "0"], cwd=site, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        assert "警告" in line and "0.0.0.0" in line
    finally:
        process.kill()
        process.wait()


def test_build_never_writes_the_reload_script(tmp_path):
    site = copy_sample(tmp_path)
    subprocess.run([PERFSITE, "build"], cwd=site, check=True, capture_output=True)
    for path in (site / "Public").rglob("*"):
        if path.is_file():
            assert b"_perfsite" not in path.read_bytes(), path


def test_open_page_updates_itself_in_chromium(preview, driver):
    try:
        check_live_reload(preview, driver)
    finally:
        # The browser is shared: leave no page reconnecting to a server that is about to stop.
        driver.get("about:blank")
        driver.get_log("browser")


def check_live_reload(preview, driver):
    page = preview.url.rstrip("/") + department_path(preview) + "2/"
    driver.get(page)
    assert PROJECT in driver.find_element(By.TAG_NAME, "h1").text
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("data-perfsite-version"))
    driver.execute_script("window.__sameDocument = true;")

    preview.edit(PROJECT, "机关大院后勤服务经费")
    WebDriverWait(driver, 15).until(lambda d: "机关大院后勤服务经费" in d.find_element(By.TAG_NAME, "h1").text)
    # The page was reloaded by the script, not by the test.
    assert driver.execute_script("return window.__sameDocument === undefined")

    # A broken sum shows the errors over the page, which keeps the last good content.
    preview.edit("1944.64", "1944.65")
    overlay = WebDriverWait(driver, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".perfsite-overlay"))
    assert "B003" in overlay[0].text and ":8:5" in overlay[0].text
    assert "机关大院后勤服务经费" in driver.find_element(By.TAG_NAME, "h1").text

    preview.edit("1944.65", "1944.64")
    WebDriverWait(driver, 15).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".perfsite-overlay"))
    assert not [e for e in console_errors(driver) if "_perfsite/events" not in e["message"]]


def test_slow_clients_do_not_block_others(preview):
    """Slowloris: 200 connections that send their headers a byte at a time and never finish.
    Meanwhile ordinary requests are answered as quickly as ever."""
    slow = []
    for _ in range(200):
        connection = socket.create_connection(("127.0.0.1", preview.port), timeout=5)
        connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        slow.append(connection)
    stop = threading.Event()

    def dribble():
        while not stop.is_set():
            for connection in slow:
                try:
                    connection.sendall(b"a")
                except OSError:
                    pass
            stop.wait(0.2)

    dribbler = threading.Thread(target=dribble, daemon=True)
    dribbler.start()
    try:
        page = department_path(preview)
        slowest = 0.0
        for _ in range(50):
            started = time.time()
            status, _, body = preview.get(page)
            slowest = max(slowest, time.time() - started)
            assert status == 200 and b"1,944.64" in body
        assert slowest < 1.0, f"a request took {slowest:.2f} s beside 200 slow clients"
    finally:
        stop.set()
        dribbler.join()
        for connection in slow:
            connection.close()


def test_under_load_every_request_succeeds(preview):
    """The load check of the serve issue, rerun in the suite: wrk with 64 connections for 5 s on a
    department page, a page's asset and the search index. No socket error, no non-2xx answer, and
    a floor on throughput far below what the release build does (38,000 req/s in
    Benchmarks/serve.sh) so that a debug build on a loaded CI machine still passes, while a server
    that serializes requests or stalls does not."""
    wrk = shutil.which("wrk")
    if wrk is None:
        pytest.skip("wrk is not installed (scripts/setup installs it)")
    style = next((preview.site / "preview" / "assets").glob("style.*.css")).name
    for path in (department_path(preview), f"/assets/{style}", "/search/"):
        result = subprocess.run(
            [wrk, "-t2", "-c64", "-d5s", "--latency", f"http://127.0.0.1:{preview.port}{path}"],
            capture_output=True, text=True, timeout=60)
        output = result.stdout
        assert result.returncode == 0, output + result.stderr
        assert "Socket errors" not in output, output
        assert "Non-2xx or 3xx responses" not in output, output
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
        assert rate > 500, output
