"""Publishing under faults: `perfsite build` killed with SIGKILL at random moments, and a disk that
fills up, must leave Public/ as a complete site — the previous one or the new one, never a mix —
that its own manifest verifies."""
import json
import os
import pathlib
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import PERFSITE, ROOT

VERIFY = [sys.executable, str(ROOT / "scripts" / "verify-manifest")]


def synthetic_site(folder, departments):
    subprocess.run([sys.executable, str(ROOT / "Benchmarks" / "synth.py"), "--departments", str(departments),
                    "--out", str(folder / "Content" / "2026")], check=True, capture_output=True)
    return folder


def sources_of(public):
    return json.loads((public / "manifest.json").read_text(encoding="utf-8"))["sources"]


def rename_first_task(table, suffix):
    lines = table.read_text(encoding="utf-8").split("\n")
    for index, line in enumerate(lines):
        if line.startswith("1\t"):
            cells = line.split("\t")
            cells[1] += suffix
            lines[index] = "\t".join(cells)
            break
    table.write_text("\n".join(lines), encoding="utf-8")


def test_sigkill_never_leaves_a_partial_site(tmp_path):
    site = synthetic_site(tmp_path, 80)
    public = site / "Public"
    first = subprocess.run([PERFSITE, "build", "--quiet"], cwd=site, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    started = time.time()
    subprocess.run([PERFSITE, "build", "--quiet"], cwd=site, check=True)
    duration = time.time() - started
    tables = sorted((site / "Content" / "2026").glob("*.tsv"))
    rng = random.Random(20261125)
    outcomes = {"old": 0, "new": 0}
    for run in range(20):
        before = sources_of(public)
        # Edit one table and the next build must publish it (or nothing at all).
        rename_first_task(tables[run % len(tables)], f"(第{run}次)")
        process = subprocess.Popen([PERFSITE, "build", "--quiet"], cwd=site, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, duration * 1.2))
        process.send_signal(signal.SIGKILL)
        process.wait()
        check = subprocess.run(VERIFY + [str(public)], capture_output=True, text=True)
        assert check.returncode == 0, f"run {run}: {check.stdout}"
        after = sources_of(public)
        outcomes["old" if after == before else "new"] += 1
        if after != before:
            # The new site is the edited tables' site, all of it.
            assert subprocess.run(VERIFY + [str(public), "--content", str(site)],
                                  capture_output=True).returncode == 0
    # Both sides of the swap were hit at least once over 20 random moments.
    print(outcomes)
    assert outcomes["old"] + outcomes["new"] == 20
    # A later build cleans up whatever the kills left and publishes the current tables.
    subprocess.run([PERFSITE, "build", "--quiet"], cwd=site, check=True)
    assert subprocess.run(VERIFY + [str(public), "--content", str(site)], capture_output=True).returncode == 0
    assert not (site / ".Public.staging").exists()


def test_sigkill_during_in_place_builds_is_repaired_by_the_next_build(tmp_path):
    """`--in-place` gives up the whole-site swap: a kill may leave some pages new and some old. It
    must say so (the marker) and the next build must publish the whole, verified site again."""
    site = synthetic_site(tmp_path, 80)
    public = site / "Public"
    subprocess.run([PERFSITE, "build", "--quiet"], cwd=site, check=True)
    started = time.time()
    rename_first_task(sorted((site / "Content" / "2026").glob("*.tsv"))[0], "(计时)")
    subprocess.run([PERFSITE, "build", "--quiet", "--in-place"], cwd=site, check=True)
    duration = time.time() - started
    tables = sorted((site / "Content" / "2026").glob("*.tsv"))
    rng = random.Random(20261126)
    interrupted = 0
    for run in range(12):
        rename_first_task(tables[(run * 7) % len(tables)], f"(第{run}次)")
        process = subprocess.Popen([PERFSITE, "build", "--quiet", "--in-place"], cwd=site,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, duration * 1.2))
        process.send_signal(signal.SIGKILL)
        process.wait()
        if (public / ".perfsite-incomplete").exists():
            interrupted += 1
        elif process.returncode == 0 or (public / "manifest.json").exists():
            # Finished, or killed before its first write: the site is whole either way.
            assert subprocess.run(VERIFY + [str(public)], capture_output=True).returncode == 0, f"run {run}"
        # The next build finishes, whatever the kill left.
        subprocess.run([PERFSITE, "build", "--quiet", "--in-place"], cwd=site, check=True)
        assert not (public / ".perfsite-incomplete").exists()
        check = subprocess.run(VERIFY + [str(public), "--content", str(site)], capture_output=True, text=True)
        assert check.returncode == 0, f"run {run}: {check.stdout}"
        assert not list(public.rglob("*.perfsite-new"))
    print({"interrupted": interrupted})


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("mount"), reason="mounting a small tmpfs needs root")
def test_full_disk_leaves_public_as_it_was(tmp_path):
    site = synthetic_site(tmp_path / "site", 40)
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount tmpfs here: " + mounted.stderr.decode())
    try:
        public = disk / "Public"
        first = subprocess.run([PERFSITE, "build", "--output", str(public), "--quiet"], cwd=site,
                               capture_output=True, text=True)
        assert first.returncode == 0, first.stderr
        before = {p: p.read_bytes() for p in public.rglob("*") if p.is_file()}
        # Twice the tables: the staged site no longer fits beside the published one.
        for table in list((site / "Content" / "2026").glob("*.tsv")):
            text = table.read_text(encoding="utf-8")
            renamed = "\n".join(
                line.replace("\t", "(分站)\t", 2).replace("(分站)\t", "\t", 1) if line.startswith("部门名称\t") else line
                for line in text.split("\n"))
            (table.parent / ("b-" + table.name)).write_text(renamed, encoding="utf-8")
        result = subprocess.run([PERFSITE, "build", "--output", str(public)], cwd=site, capture_output=True,
                                text=True)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "No space left on device" in result.stderr or "空间" in result.stderr, result.stderr
        assert "保持原样" in result.stderr
        after = {p: p.read_bytes() for p in public.rglob("*") if p.is_file()}
        assert after == before
        assert not (disk / ".Public.staging").exists()
        assert subprocess.run(VERIFY + [str(public)], capture_output=True).returncode == 0
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("mount"), reason="remounting read-only needs root")
def test_read_only_public_gives_a_clear_error(tmp_path):
    """Root ignores file permissions, so the folder is made unwritable the way a web server's
    export is: its file system remounted read-only."""
    site = synthetic_site(tmp_path / "site", 5)
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount tmpfs here")
    try:
        public = disk / "Public"
        subprocess.run([PERFSITE, "build", "--output", str(public), "--quiet"], cwd=site, check=True)
        before = {p: p.read_bytes() for p in public.rglob("*") if p.is_file()}
        assert subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True).returncode == 0
        rename_first_task(sorted((site / "Content" / "2026").glob("*.tsv"))[0], "(改)")
        result = subprocess.run([PERFSITE, "build", "--output", str(public)], cwd=site, capture_output=True, text=True)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "只读" in result.stderr and "保持原样" in result.stderr, result.stderr
        assert {p: p.read_bytes() for p in public.rglob("*") if p.is_file()} == before
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)


def test_unreadable_table_stops_the_build(tmp_path):
    """A table that cannot be read (here a link whose target is gone, as on a disconnected share)
    is named with the reason, the build stops, and Public/ stays as it was."""
    site = synthetic_site(tmp_path, 5)
    subprocess.run([PERFSITE, "build", "--quiet"], cwd=site, check=True)
    public = site / "Public"
    before = {p: p.read_bytes() for p in public.rglob("*") if p.is_file()}
    (site / "Content" / "2026" / "断开的链接.tsv").symlink_to(tmp_path / "gone" / "table.tsv")
    result = subprocess.run([PERFSITE, "build"], cwd=site, capture_output=True, text=True)
    assert result.returncode in (1, 2), result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "断开的链接.tsv" in output and "R001" in output, output
    assert {p: p.read_bytes() for p in public.rglob("*") if p.is_file()} == before
