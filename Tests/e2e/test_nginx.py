"""The deployment of docs/deploy.md, for real: Debian's nginx with that configuration serves a site
built with --precompress, and the headers a publisher checks with `curl -I` are there. (The page,
search, print and download tests also run against it: scripts/test sets PERFSITE_E2E_SERVER=nginx.)"""
import gzip
import http.client
import os
import shutil
import subprocess
import urllib.parse

import pytest

from conftest import PERFSITE, ROOT, SAMPLE, NginxServer, department_folder

pytestmark = pytest.mark.skipif(
    not (shutil.which("nginx") or os.path.exists("/usr/sbin/nginx")) and not os.environ.get("CI"),
    reason="nginx is not installed (scripts/setup installs it); required in CI")


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    site = tmp_path_factory.mktemp("deployed")
    shutil.copy(ROOT / "perfsite.toml", site / "perfsite.toml")
    (site / "Content" / "2026").mkdir(parents=True)
    shutil.copy(SAMPLE, site / "Content" / "2026" / SAMPLE.name)
    built = subprocess.run([PERFSITE, "build", "--precompress"], cwd=site, capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    server = NginxServer(site / "Public")
    yield site / "Public", server
    server.close()


def request(server, path, method="GET", headers=None):
    address = urllib.parse.urlsplit(server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.request(method, urllib.parse.quote(path), headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def page_policy(html):
    return html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]


def directives(policy):
    return {part.strip() for part in policy.split(";") if part.strip()}


def test_curl_head_of_a_page_shows_security_and_cache_headers(deployed):
    public, server = deployed
    page = f"/2026/{department_folder(public)}/"
    head = subprocess.run(["curl", "-sI", server.url.rstrip("/") + page], capture_output=True, text=True)
    assert head.returncode == 0 and head.stdout.startswith("HTTP/1.1 200"), head.stdout
    headers = {line.split(":", 1)[0].lower(): line.split(":", 1)[1].strip()
               for line in head.stdout.splitlines()[1:] if ":" in line}
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["x-frame-options"] == "DENY"
    assert headers["cache-control"] == "no-cache"
    # The header holds every directive of the page's own policy (and frame-ancestors, header-only).
    html = (public / page.strip("/") / "index.html").read_text(encoding="utf-8")
    assert directives(page_policy(html)) <= directives(headers["content-security-policy"])
    assert directives(headers["content-security-policy"]) - directives(page_policy(html)) == {"frame-ancestors 'none'"}


def test_fingerprinted_assets_and_search_files_are_cached_for_a_year(deployed):
    public, server = deployed
    style = next((public / "assets").glob("style.*.css")).name
    for path in [f"/assets/{style}", "/search/shards/0.json", "/search/cards/0.json"]:
        status, headers, _ = request(server, path)
        assert status == 200, path
        assert headers["cache-control"] == "public, max-age=31536000, immutable", path
        assert headers["x-content-type-options"] == "nosniff", path
    status, headers, _ = request(server, "/search/index.json")
    assert status == 200 and headers["cache-control"] == "no-cache"
    download = next(public.glob("2026/*/*.csv")).relative_to(public)
    status, headers, body = request(server, "/" + download.as_posix())
    assert status == 200 and headers["content-type"] == "text/csv; charset=utf-8"
    assert headers["cache-control"] == "public, max-age=600"
    assert body == (public / download).read_bytes()
    status, headers, _ = request(server, "/" + download.with_suffix(".xlsx").as_posix())
    assert status == 200 and headers["content-type"].startswith("application/vnd.openxmlformats")


def test_the_precompressed_file_is_served_to_gzip_clients(deployed):
    public, server = deployed
    script = next((public / "assets").glob("search.*.js"))
    assert script.with_name(script.name + ".gz").exists()
    status, headers, body = request(server, f"/assets/{script.name}", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip" and "accept-encoding" in headers["vary"].lower()
    # The bytes on the wire are the .gz perfsite wrote, not nginx's own compression.
    assert body == script.with_name(script.name + ".gz").read_bytes()
    assert gzip.decompress(body) == script.read_bytes()
    status, headers, body = request(server, f"/assets/{script.name}")
    assert status == 200 and "content-encoding" not in headers and body == script.read_bytes()


def test_missing_pages_get_the_sites_404_page(deployed):
    public, server = deployed
    status, headers, body = request(server, "/2026/不存在/")
    assert status == 404
    assert body == (public / "404.html").read_bytes()
    assert headers["content-security-policy"].startswith("default-src 'none'")
    status, _, _ = request(server, "/.rsync-partial")
    assert status == 404
