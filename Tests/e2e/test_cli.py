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
