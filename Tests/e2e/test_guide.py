"""The Chinese guide (docs/guide/) stays true: its quick start is replayed step by step with the
outputs it shows, and every command line it prints uses options the command really has."""
import pathlib
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request

from conftest import PERFSITE, ROOT

GUIDE = ROOT / "docs" / "guide"


def run(*args, cwd):
    return subprocess.run([PERFSITE, *args], cwd=cwd, capture_output=True, text=True)


def code_blocks(text):
    """(language, content) of each fenced block, in order."""
    blocks, language, lines = [], None, []
    for line in text.split("\n"):
        stripped = line.strip()
        if language is None and stripped.startswith("```"):
            language, lines = stripped[3:], []
        elif language is not None and stripped == "```":
            blocks.append((language, "\n".join(lines)))
            language = None
        elif language is not None:
            lines.append(line.strip())
    return blocks


def shown_output(step):
    """The first plain ``` block after a heading of the quick start: the output the guide promises."""
    text = (GUIDE / "README.md").read_text(encoding="utf-8")
    section = text.split(f"### {step}", 1)[1].split("\n### ", 1)[0]
    return next(content for language, content in code_blocks(section) if language == "").strip().split("\n")


def test_the_quick_start_as_written(tmp_path):
    # 第一步
    assert run("new", "预算公开站", cwd=tmp_path).returncode == 0
    site = tmp_path / "预算公开站"
    built = run("build", cwd=site)
    assert built.returncode == 0
    promised = shown_output("第一步")
    assert built.stdout.split("\n")[0] == promised[0]
    assert re.sub(r"用时 [\d.]+ 秒", "", built.stdout.split("\n")[1]) == re.sub(r"用时 [\d.]+ 秒", "", promised[1])

    # 第二步: 第 8 行"基本支出"的 1,022.51 改成 1,002.51.
    table = site / "Content" / "2026" / "洛阳高新技术产业开发区管理委员会.tsv"
    lines = table.read_text(encoding="utf-8").split("\n")
    assert "基本支出\t1,022.51" in lines[7]
    lines[7] = lines[7].replace("1,022.51", "1,002.51")
    table.write_text("\n".join(lines), encoding="utf-8")
    before = (site / "Public" / "index.html").read_bytes()
    broken = run("build", cwd=site)
    assert broken.returncode == 1
    promised = shown_output("第二步")
    assert broken.stdout.split("\n")[0] == promised[0]
    assert broken.stderr.strip() == promised[2]
    assert (site / "Public" / "index.html").read_bytes() == before

    # 第三步
    report = run("check", "--format", "html", "--output", "校验报告.html", cwd=site)
    assert report.returncode == 1
    page = (site / "校验报告.html").read_text(encoding="utf-8")
    assert "有 1 个错误,修改之前不能发布。" in page
    assert "1,924.64" in page and "1,944.64" in page and '<td class="marked"><mark>1944.64</mark>' in page

    # 第四步
    lines[7] = lines[7].replace("1,002.51", "1,022.51")
    table.write_text("\n".join(lines), encoding="utf-8")
    fixed = run("check", cwd=site)
    assert fixed.returncode == 0
    assert fixed.stdout.split("\n")[1] == shown_output("第四步")[1]

    # 第五步
    server = subprocess.Popen([PERFSITE, "serve", "--port", "0"], cwd=site, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        address = None
        deadline = time.time() + 60
        while address is None and time.time() < deadline:
            line = server.stdout.readline()
            found = re.search(r"预览地址:(http://127\.0\.0\.1:\d+/)", line)
            address = found and found.group(1)
        assert address, "no address printed"
        # Until the first build is done every address answers 503 with a page saying so.
        while True:
            try:
                with urllib.request.urlopen(address, timeout=10) as response:
                    assert response.status == 200 and "洛阳高新" in response.read().decode()
                    break
            except urllib.error.HTTPError as error:
                assert error.code == 503 and time.time() < deadline, error
                time.sleep(0.1)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)


def test_every_command_line_in_the_guide_uses_real_options():
    helps = {}
    checked = 0
    for page in [*GUIDE.glob("*.md"), ROOT / "docs" / "deploy.md"]:
        for language, block in code_blocks(page.read_text(encoding="utf-8")):
            if language not in ("", "sh"):
                continue
            for line in block.split("\n"):
                words = line.split("#", 1)[0].split()
                if len(words) < 2 or words[0] != "perfsite":
                    continue
                command = words[1] if not words[1].startswith("-") else ""
                if command == "theme" and len(words) > 2:
                    command = f"theme {words[2]}"
                if command not in helps:
                    result = run(*command.split(), "--help", cwd=ROOT)
                    assert result.returncode == 0, f"{page.name}: {line}"
                    helps[command] = result.stdout
                for option in (w.split("=")[0] for w in words if w.startswith("--")):
                    assert option in helps[command] or option in ("--help", "--version", "--generate-completion-script"), \
                        f"{page.name}: {line}"
                    checked += 1
    assert checked >= 10


def test_the_guide_names_every_rule_and_links_its_chapters():
    rules = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    listed = run("rules", cwd=ROOT).stdout
    for rule in re.findall(r"^([A-Z]\d{3}) ", listed, flags=re.M):
        assert f"| {rule} |" in rules
    index = (GUIDE / "README.md").read_text(encoding="utf-8")
    for link in re.findall(r"\]\(([^)#]+\.md)\)", index):
        assert (GUIDE / link).resolve().exists(), link
    assert "docs/guide/" in (ROOT / "README.md").read_text(encoding="utf-8")
