"""The printable official table, the downloads, the open-data package and the manifest of the
sample site, read back with the tools a deputy, a journalist or an auditor would use."""
import csv
import io
import json
import pathlib
import shutil
import subprocess
import sys
from decimal import Decimal

import pytest

from conftest import ROOT, department_folder

PYTHON_BIN = pathlib.Path(sys.executable).parent


def model(public):
    """The department as perfsite's own JSON download gives it."""
    folder = public / "2026" / department_folder(public)
    return json.loads(next(folder.glob("*.json")).read_text(encoding="utf-8"))


def test_printed_table_holds_every_task_and_value(sample_site, tmp_path):
    public, url = sample_site
    pdf = tmp_path / "table.pdf"
    subprocess.run(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", url + f"2026/{department_folder(public)}/print/"],
                   check=True, capture_output=True, timeout=120)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "A4" in info and "841.92 x 594.96" in info, info  # A4 landscape
    text = "".join(subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True,
                                  text=True).stdout.split())
    department = model(public)
    for project in department["projects"]:
        assert project["name"] in text, project["name"]
    values = {}
    for project in department["projects"]:
        for indicator in project["indicators"]:
            values[indicator["value"]] = values.get(indicator["value"], 0) + 1
            assert indicator["level3"].replace(" ", "") in text, indicator["level3"]
    for value, count in values.items():
        assert text.count(value) >= count, (value, text.count(value), count)
    assert "第1页/共" in text  # page numbers in the margin
    assert "数据来源:" in text


def test_csv_reads_back_to_the_cent(sample_site):
    public, _ = sample_site
    folder = public / "2026" / department_folder(public)
    raw = next(folder.glob("*.csv")).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, for Excel"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == 50
    department = model(public)
    assert {r["基本支出(万元)"] for r in rows} == {"1022.51"}
    assert {r["项目支出(万元)"] for r in rows} == {"922.13"}
    by_task = {}
    for row in rows:
        by_task[row["年度工作任务"]] = Decimal(row["拟投入金额(万元)"])
    assert sum(by_task.values()) == Decimal("922.13")
    first = [r for r in rows if r["序号"] == "1"]
    assert [r["指标值"] for r in first] == ["100%", "100%", "98%", "1年", "12个月"]
    assert [r["三级指标"] for r in first][2] == "质量效果"
    assert len(by_task) == len(department["projects"]) == 10


def test_xlsx_reads_back_with_numbers(sample_site):
    import openpyxl
    public, _ = sample_site
    folder = public / "2026" / department_folder(public)
    workbook = openpyxl.load_workbook(next(folder.glob("*.xlsx")))
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["年度", "部门名称", "基本支出(万元)", "项目支出(万元)", "序号", "年度工作任务", "拟投入金额(万元)"]
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 50
    amounts = {}
    for row in rows:
        assert isinstance(row[2], (int, float)) and isinstance(row[6], (int, float))
        amounts[row[5]] = Decimal(str(row[6]))
    assert Decimal(str(rows[0][2])) == Decimal("1022.51")
    assert sum(amounts.values()) == Decimal("922.13")
    assert rows[2][9] == "质量效果" and rows[2][11] == "98%"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (scripts/setup installs it)")
def test_libreoffice_converts_the_xlsx(sample_site, tmp_path):
    public, _ = sample_site
    folder = public / "2026" / department_folder(public)
    source = next(folder.glob("*.xlsx"))
    result = subprocess.run(["soffice", "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(source)],
                            capture_output=True, text=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    converted = tmp_path / (source.stem + ".csv")
    assert result.returncode == 0 and converted.exists(), result.stdout + result.stderr
    lines = converted.read_text(encoding="utf-8", errors="replace").splitlines()
    assert len(lines) == 51


def test_data_package_validates(sample_site):
    public, _ = sample_site
    frictionless = PYTHON_BIN / "frictionless" if (PYTHON_BIN / "frictionless").exists() else shutil.which("frictionless")
    result = subprocess.run([str(frictionless), "validate", str(public / "data/datapackage.json")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    with open(public / "data/indicators.csv", encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 50


def test_manifest_verifies_and_catches_one_changed_byte(sample_site, tmp_path):
    public, _ = sample_site
    copy = tmp_path / "Public"
    shutil.copytree(public, copy)
    verify = [sys.executable, str(ROOT / "scripts/verify-manifest"), str(copy)]
    ok = subprocess.run(verify + ["--content", str(public.parent)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout
    assert "all match" in ok.stdout
    page = copy / "2026" / department_folder(public) / "index.html"
    data = bytearray(page.read_bytes())
    data[-2] ^= 0x01
    page.write_bytes(bytes(data))
    bad = subprocess.run(verify, capture_output=True, text=True)
    assert bad.returncode == 1 and f"changed: 2026/{department_folder(public)}/index.html" in bad.stdout


def test_every_page_names_its_source(sample_site):
    public, _ = sample_site
    for page in (public / "2026").rglob("index.html"):
        if page.parent.name == "2026":
            continue
        assert "数据来源:Content/2026/洛阳高新技术产业开发区管理委员会.tsv" in page.read_text(encoding="utf-8"), page
