"""The command line as a publisher runs it: output, JSON, and the documented exit codes."""
import json
import shutil
import subprocess

from conftest import PERFSITE, ROOT, SAMPLE


def run(*args, cwd=ROOT):
    return subprocess.run([PERFSITE, *args], cwd=cwd, capture_output=True, text=True)


def test_check_on_the_shipped_sample():
    result = run("check")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Content/2026/洛阳高新技术产业开发区管理委员会.tsv:13:9: warning[I005]:")
    assert lines[1] == "检查了 1 个文件:1 个部门、10 个任务、50 个指标;0 个错误,1 个警告"


def test_check_json():
    result = run("check", "--format", "json")
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert report["summary"] == {
        "files": 1, "departments": 1, "projectTables": 0, "projects": 10, "indicators": 50, "errors": 0, "warnings": 1}
    department = report["departments"][0]
    assert department["budget"]["basic"] == 1022.51 and department["budget"]["project"] == 922.13
    assert department["budget"]["total"] == 1944.64
    quality = [i for i in department["projects"][0]["indicators"] if i["level3"] == "质量效果"][0]
    assert quality["value"] == "98%" and quality["parsed"] == {"kind": "percent", "number": 98}
    assert report["diagnostics"][0]["rule"] == "I005" and report["diagnostics"][0]["row"] == 13


def test_exit_codes(tmp_path):
    broken = tmp_path / "2026"
    broken.mkdir()
    text = SAMPLE.read_text(encoding="utf-8").replace("财政拨款\t1944.64", "财政拨款\t1900")
    (broken / "t.tsv").write_text(text, encoding="utf-8")
    assert run("check", str(tmp_path)).returncode == 1
    assert run("check", "--strict").returncode == 1
    assert run("check", str(tmp_path / "nope")).returncode == 2
    assert run("check", "--format", "yaml").returncode == 2
    assert run("frobnicate").returncode == 2
    assert run("build", "--content", str(tmp_path), "--output", str(tmp_path / "Public")).returncode == 1
    assert not (tmp_path / "Public").exists()


def test_new_then_build(tmp_path):
    site = tmp_path / "站点"
    assert run("new", str(site)).returncode == 0
    result = run("build", "--config", str(site / "perfsite.toml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "Public" / "index.html").exists()
    assert run("new", str(site)).returncode == 2  # not empty


def test_version_and_help_examples():
    version = run("--version")
    assert version.returncode == 0 and version.stdout.strip() == "0.1.0"
    for command in ["build", "check", "serve", "new", "theme", "rules"]:
        shown = run(command, "--help")
        assert shown.returncode == 0, command
        assert "Example" in shown.stdout and f"perfsite {command}" in shown.stdout.split("Example", 1)[1], command


def test_completion_scripts_name_every_command(tmp_path):
    for shell in ["bash", "zsh", "fish"]:
        script = run("--generate-completion-script", shell)
        assert script.returncode == 0, shell
        for command in ["build", "check", "serve", "new", "rules"]:
            assert command in script.stdout, (shell, command)
        assert "strict" in script.stdout and "format" in script.stdout, shell
    # bash loads it and completes the first word.
    (tmp_path / "perfsite.bash").write_text(run("--generate-completion-script", "bash").stdout)
    completed = subprocess.run(
        ["bash", "-c", f"source {tmp_path / 'perfsite.bash'}; COMP_WORDS=(perfsite ch); COMP_CWORD=1; "
                       "COMP_LINE='perfsite ch'; COMP_POINT=11; _perfsite perfsite ch perfsite; echo \"${COMPREPLY[@]}\""],
        capture_output=True, text=True)
    assert completed.stdout.split() == ["check"], completed.stdout + completed.stderr


def build_in_a_terminal(site, *args):
    """Runs `perfsite build` with standard error on a pseudo-terminal, as a person at a shell."""
    import os
    import pty
    primary, secondary = pty.openpty()
    process = subprocess.Popen([PERFSITE, "build", *args], cwd=site, stdout=subprocess.PIPE, stderr=secondary)
    os.close(secondary)
    drawn = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    stdout = process.stdout.read()
    process.wait()
    os.close(primary)
    return process.returncode, stdout.decode(), drawn.decode()


def test_long_build_shows_progress_on_a_terminal_only(tmp_path):
    import sys
    subprocess.run([sys.executable, str(ROOT / "Benchmarks" / "synth.py"), "--departments", "400",
                    "--out", str(tmp_path / "Content" / "2026")], check=True, capture_output=True)
    code, stdout, drawn = build_in_a_terminal(tmp_path)
    assert code == 0, stdout + drawn
    assert "生成页面" in drawn and "/400 个部门" in drawn, drawn[-500:]
    assert drawn.endswith("\r\x1b[K") or "\r\x1b[K" in drawn.rsplit("个部门", 1)[1], repr(drawn[-200:])
    assert "生成页面" not in stdout and stdout.startswith("已发布到 Public/")
    # The same build with standard error redirected: no progress line anywhere.
    redirected = subprocess.run([PERFSITE, "build"], cwd=tmp_path, capture_output=True, text=True)
    assert redirected.returncode == 0
    assert "生成页面" not in redirected.stderr and "\x1b" not in redirected.stderr + redirected.stdout


def test_theme_copy_overrides_one_template(tmp_path):
    assert run("new", "site", cwd=tmp_path).returncode == 0
    site = tmp_path / "site"
    listed = run("theme", "list", cwd=site)
    assert "templates/layout.mustache" in listed.stdout.split("\n")
    copied = run("theme", "copy", "templates/layout.mustache", cwd=site)
    assert copied.returncode == 0, copied.stderr
    layout = site / "Themes" / "default" / "templates" / "layout.mustache"
    text = layout.read_text(encoding="utf-8")
    layout.write_text(text.replace("</div>\n</footer>", "<p>主办单位:测试财政局</p>\n</div>\n</footer>"), encoding="utf-8")
    assert "(已覆盖" in run("theme", "list", cwd=site).stdout
    assert run("build", cwd=site).returncode == 0
    pages = list((site / "Public").rglob("index.html"))
    assert pages and all("主办单位:测试财政局" in p.read_text(encoding="utf-8") for p in pages)
    again = run("theme", "copy", "templates/layout.mustache", cwd=site)
    assert again.returncode == 2 and "已存在" in again.stderr
    assert "主办单位" in layout.read_text(encoding="utf-8")
    assert run("theme", "copy", "templates/nope.mustache", cwd=site).returncode == 2


def test_an_installed_perfsite_uses_its_cache(tmp_path):
    """Run as a publisher runs an installed perfsite — found on PATH by name, or through a symlink
    to the binary — a second build takes its tables from the cache. (The binary's stamp had been
    read from /proc/self/exe's own link, whose time changes every second: each build of an
    installed perfsite missed the cache and rendered the whole site again.)"""
    import os
    import sys
    import time
    subprocess.run([sys.executable, str(ROOT / "Benchmarks" / "synth.py"), "--departments", "3",
                    "--out", str(tmp_path / "Content" / "2026")], check=True, capture_output=True)
    hour_ago = time.time() - 3600
    for table in (tmp_path / "Content" / "2026").iterdir():  # the cache keeps files left alone
        os.utime(table, (hour_ago, hour_ago))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "perfsite").symlink_to(PERFSITE)
    for command in (["perfsite"], [str(bin_dir / "perfsite")]):
        cached = []
        for _ in range(2):
            result = subprocess.run([*command, "build", "--timings"], cwd=tmp_path, capture_output=True, text=True,
                                    env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"})
            assert result.returncode == 0, result.stdout + result.stderr
            cached.append(int(result.stderr.rsplit("tables from the cache: ", 1)[1].split(")")[0]))
            time.sleep(1.1)  # a second later: the stamp had been the time of asking
        assert cached[1] == 3, f"{command[0]}: {cached}"
        shutil.rmtree(tmp_path / ".perfsite-cache")


def test_rebuild_takes_unchanged_tables_from_the_cache(tmp_path):
    """perfsite build leaves .perfsite-cache/ in the site folder (cacheDir); a rebuild checks only
    the tables that changed, --no-cache checks them all, and each publishes the same bytes."""
    import os
    import sys
    import time
    subprocess.run([sys.executable, str(ROOT / "Benchmarks" / "synth.py"), "--departments", "12",
                    "--out", str(tmp_path / "Content" / "2026")], check=True, capture_output=True)
    tables = sorted((tmp_path / "Content" / "2026").iterdir())
    hour_ago = time.time() - 3600
    for table in tables:  # the cache keeps only files left alone for a few seconds
        os.utime(table, (hour_ago, hour_ago))

    index = []

    def build(*flags):
        result = run("build", "--timings", *flags, cwd=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
        index.append(result.stderr.rsplit("search index: ", 1)[1].split(")")[0])
        return int(result.stderr.rsplit("tables from the cache: ", 1)[1].split(")")[0])

    def published():
        public = tmp_path / "Public"
        return {p.relative_to(public): p.read_bytes() for p in public.rglob("*") if p.is_file()}

    assert build() == 0
    assert (tmp_path / ".perfsite-cache" / "tables.bin").is_file()
    assert len(list((tmp_path / ".perfsite-cache" / "departments").iterdir())) == len(tables)
    text = tables[3].read_text(encoding="utf-8")
    tables[3].write_text(text.replace("\n1\t", "\n1\t(改)", 1), encoding="utf-8")
    assert build() == len(tables) - 1
    assert index[-2:] == ["built whole", "patched"], "the index patched from the state the first build saved"
    rebuilt = published()
    assert any("(改)" in content.decode("utf-8", "replace") for content in rebuilt.values())
    assert build("--no-cache") == 0
    assert published() == rebuilt
    # A cacheDir elsewhere, as perfsite.toml names it.
    (tmp_path / "perfsite.toml").write_text('cacheDir = "../elsewhere-cache"\n', encoding="utf-8")
    assert build() == 0
    assert (tmp_path.parent / "elsewhere-cache" / "tables.bin").is_file()
    shutil.rmtree(tmp_path.parent / "elsewhere-cache")
