#!/usr/bin/env python3
"""perfsite's search index against Pagefind 1.5.2 extended, on the same synthetic corpora.

    Benchmarks/search_bench.py [--departments 1000 10000] [--work DIR]

For each size: generates the corpus and its Hugo twin (Benchmarks/synth.py --hugo), builds perfsite
in release mode and times its search-index stage (`perfsite build --timings`); builds the Hugo site
and times Pagefind indexing it (/usr/bin/time: wall and peak RSS). Then 20 representative queries:
bytes downloaded for the first 20 results (perfsite: its own search.js in Node; Pagefind: its own
client in headless Chromium, from the Performance API), and recall against ground truth computed from
the corpus (a department or task counts when its own text contains the query).
Needs: python3 with selenium (scripts/setup), node, hugo, chromium, pip package pagefind-bin-extended."""
import argparse
import glob
import http.server
import functools
import json
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
QUERIES = ["网络", "绿化", "管养", "洁服务", "档案数字化", "河道保洁", "垃圾清运", "应急物资", "数据中心运维", "等级保护",
           "营商环境", "高效事兴办", "满意度", "完成期限", "政府采购", "务大厅信", "困难群众救助", "科技创新奖励", "食堂劳务"]


def run_timed(args, cwd=None):
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + args, cwd=cwd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{args[0]} failed:\n{out.stdout}\n{out.stderr}")
    wall, rss = out.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) // 1024, out


def tree_bytes(folder):
    return sum(p.stat().st_size for p in pathlib.Path(folder).rglob("*") if p.is_file())


def pagefind_binary():
    import importlib.util
    spec = importlib.util.find_spec("pagefind_bin_extended")
    if spec is None:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pagefind-bin-extended==1.5.2"], check=True)
        spec = importlib.util.find_spec("pagefind_bin_extended")
    return str(pathlib.Path(spec.origin).parent / "pagefind_extended")


def norm(text):
    out = []
    for ch in text:
        cp = ord(ch)
        if 0xff01 <= cp <= 0xff5e:
            ch = chr(cp - 0xfee0)
        out.append(ch.lower())
    return "".join(out)


def ground_truth(hugo_dir, query):
    """Units (department index, project seq or 0) whose own text contains the query. Han text is
    matched as a substring; a number or Latin word as a whole word, as the issue defines search
    (1240.63 is not found inside 11240.63)."""
    q = norm(query)
    if q.isascii():
        word = re.compile(r"(?<![0-9a-z.])" + re.escape(q) + r"(?![0-9a-z]|\.[0-9])")
        contains = lambda text: word.search(norm(text)) is not None
    else:
        contains = lambda text: q in norm(text)
    truth = set()
    for section in sorted(glob.glob(f"{hugo_dir}/content/departments/d*")):
        index = int(os.path.basename(section)[1:])
        dept = json.loads(pathlib.Path(section, "_index.md").read_text(encoding="utf-8"))
        if contains(dept["title"] + "\n" + "\n".join(dept["goals"])):
            truth.add((index, 0))
        for page in glob.glob(f"{section}/p*.md"):
            p = json.loads(pathlib.Path(page).read_text(encoding="utf-8"))
            text = "\n".join([p["title"], p["content"], p["source"], p["amount"]] + [" ".join(i) for i in p["indicators"]])
            if contains(text):
                truth.add((index, p["seq"]))
    return truth


class Counting(http.server.SimpleHTTPRequestHandler):
    """Counts the bytes of every file served: Pagefind fetches from a web worker too, whose requests
    the page's Performance API does not see, so the server is where every byte is counted."""
    served = []

    def log_message(self, *a):
        pass

    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isfile(path):
            Counting.served.append((self.path, os.path.getsize(path)))
        super().do_GET()


def pagefind_queries(public, queries):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    (public / "pf-bench.html").write_text("<!doctype html><meta charset=utf-8><title>pf</title>", encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Counting, directory=str(public)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/pf-bench.html"
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(600)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    results = []
    try:
        fixed = re.compile(r"pagefind\.js$|wasm|pf-bench")
        for query in queries:
            driver.get(url)
            Counting.served.clear()
            first = driver.execute_async_script("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const pf = await import('/pagefind/pagefind.js');
                  await pf.options({excerptLength: 30});
                  const r = await pf.search(arguments[0]);
                  await Promise.all(r.results.slice(0, 20).map(x => x.data()));
                  return {count: r.results.length};
                })().then(done, e => done({error: String(e)}));""", query)
            first["bytes"] = sum(size for path, size in Counting.served if not fixed.search(path))
            first["files"] = sorted({path for path, _ in Counting.served})
            # All results for recall, loaded in slices: one script call per slice stays well under
            # the WebDriver client's two-minute read timeout even with tens of thousands of results.
            driver.get(url)
            count = driver.execute_async_script("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const pf = await import('/pagefind/pagefind.js');
                  window.__results = (await pf.search(arguments[0])).results;
                  return window.__results.length;
                })().then(done, e => done(-1));""", query)
            urls = []
            for start in range(0, max(count, 0), 2000):
                urls += driver.execute_async_script("""
                    const done = arguments[arguments.length - 1];
                    Promise.all(window.__results.slice(arguments[0], arguments[0] + 2000).map(x => x.data()))
                      .then(d => done(d.map(x => x.url)), e => done([]));""", start)
            results.append((first, urls))
    finally:
        driver.quit()
        server.shutdown()
    return results


def unit_of_hugo_url(url):
    m = re.search(r"/departments/d(\d+)/(?:p(\d+)/)?$", url)
    return (int(m.group(1)), int(m.group(2) or 0)) if m else None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--departments", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--work", default=None)
    args = ap.parse_args()
    # On tmpfs when there is one: on this kind of VM, creating tens of thousands of files on the disk
    # varies several-fold from run to run, which would measure the disk rather than the indexers.
    scratch = "/dev/shm" if os.path.isdir("/dev/shm") else None
    work = pathlib.Path(args.work or tempfile.mkdtemp(prefix="perfsite-search-bench-", dir=scratch))
    subprocess.run(["swift", "build", "-c", "release", "--product", "perfsite"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    perfsite = str(ROOT / ".build/release/perfsite")
    pagefind = pagefind_binary()
    for n in args.departments:
        base = work / f"n{n}"
        if base.exists():
            shutil.rmtree(base)
        subprocess.run([sys.executable, str(ROOT / "Benchmarks/synth.py"), "--departments", str(n), "--out",
                        str(base / "content"), "--hugo", str(base / "hugo")], check=True, stdout=subprocess.DEVNULL)
        names = {}
        for section in glob.glob(f"{base}/hugo/content/departments/d*"):
            names[json.loads(pathlib.Path(section, "_index.md").read_text(encoding="utf-8"))["title"]] = \
                int(os.path.basename(section)[1:])

        # The median of three runs, each after a sync: on this VM, writing while the previous run's
        # files are still being flushed can slow a stage several times over.
        runs = []
        for _ in range(3):
            shutil.rmtree(base / "perfsite", ignore_errors=True)
            subprocess.run(["sync"], check=True)
            wall, rss, out = run_timed([perfsite, "build", "--content", str(base / "content"), "--output",
                                        str(base / "perfsite"), "--timings", "--quiet"])
            runs.append((float(re.search(r"search-index ([0-9.]+)s", out.stderr).group(1)), wall, rss))
        index_seconds, wall, rss = sorted(runs)[1]
        perfsite_bytes = tree_bytes(base / "perfsite/search")

        subprocess.run(["hugo", "-s", str(base / "hugo"), "-d", str(base / "hugo/public"), "--quiet"], check=True)
        pf_runs = []
        for _ in range(3 if n <= 1000 else 1):
            shutil.rmtree(base / "hugo/public/pagefind", ignore_errors=True)
            subprocess.run(["sync"], check=True)
            pf_runs.append(run_timed([pagefind, "--site", str(base / "hugo/public")])[:2])
        pf_wall, pf_rss = sorted(pf_runs)[len(pf_runs) // 2]
        pf_bytes = tree_bytes(base / "hugo/public/pagefind")

        first_task = sorted(glob.glob(f"{base}/hugo/content/departments/d000000/p*.md"))[0]
        queries = QUERIES + [json.loads(pathlib.Path(first_task).read_text(encoding="utf-8"))["amount"]]
        (base / "queries.json").write_text(json.dumps(queries, ensure_ascii=False))
        ours = [json.loads(line) for line in subprocess.run(
            ["node", str(ROOT / "Benchmarks/search_query.js"), str(base / "perfsite"), str(base / "queries.json")],
            check=True, capture_output=True, text=True).stdout.splitlines()]
        theirs = pagefind_queries(base / "hugo/public", queries)

        print(f"\n== {n} departments")
        print(f"index build   perfsite {index_seconds:.2f} s (whole build {wall:.2f} s, peak RSS {rss} MB)   "
              f"pagefind {pf_wall:.2f} s (peak RSS {pf_rss} MB)   ratio {index_seconds / pf_wall:.3f}")
        print(f"index bytes   perfsite {perfsite_bytes / 1e6:.1f} MB   pagefind {pf_bytes / 1e6:.1f} MB")
        print(f"{'query':<12} {'truth':>6} {'ours KB':>8} {'recall':>7} {'pf KB':>8} {'pf recall':>9}")
        our_kb, pf_kb, our_recall, pf_recall = [], [], [], []
        for q, mine, (first, urls) in zip(queries, ours, theirs):
            truth = ground_truth(base / "hugo", q)
            found = set()
            for dept, kind, url in mine["results"]:
                m = re.search(r"/(\d+)/$", url)
                found.add((names[dept], int(m.group(1)) if kind == "p" else 0))
            pf_found = {unit_of_hugo_url(u) for u in urls}
            r1 = len(truth & found) / len(truth) if truth else 1.0
            r2 = len(truth & pf_found) / len(truth) if truth else 1.0
            our_kb.append(mine["firstPageBytes"] / 1024)
            pf_kb.append(first.get("bytes", 0) / 1024)
            our_recall.append(r1)
            pf_recall.append(r2)
            print(f"{q:<12} {len(truth):>6} {our_kb[-1]:>8.1f} {r1:>7.1%} {pf_kb[-1]:>8.1f} {r2:>9.1%}")
        print(f"{'median':<12} {'':>6} {statistics.median(our_kb):>8.1f} {min(our_recall):>7.1%} "
              f"{statistics.median(pf_kb):>8.1f} {min(pf_recall):>9.1%}   (recall: minimum)")
        print(f"{'max':<12} {'':>6} {max(our_kb):>8.1f} {'':>7} {max(pf_kb):>8.1f}")


if __name__ == "__main__":
    main()
