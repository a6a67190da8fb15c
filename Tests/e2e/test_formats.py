"""Every file format perfsite reads gives the model of the tab-separated sample: each fixture is
written here from the sample's own cells — as RFC 4180 CSV, as an Excel workbook (openpyxl, with
merged cells, numbers stored as numbers and a percent-formatted cell), and as a GB18030 CMS page
whose data table sits inside a layout table with rowspan and colspan — and `perfsite check
--format json` of each is compared with the TSV's, field by field."""
import csv
import html
import json
import re
import subprocess
import zipfile

import openpyxl
import pytest

from conftest import PERFSITE, SAMPLE


def sample_rows():
    return [line.split("\t") for line in SAMPLE.read_text(encoding="utf-8").split("\n")]


def check(path):
    result = subprocess.run([PERFSITE, "check", "--format", "json", str(path)], capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def model(report):
    assert len(report["departments"]) == 1, report["diagnostics"]
    department = dict(report["departments"][0])
    department.pop("source")
    return department


@pytest.fixture(scope="module")
def expected():
    return check(SAMPLE)


def assert_same_model(report, expected):
    got, want = model(report), model(expected)
    for key in want:
        assert got.get(key) == want[key], key
    assert got == want
    assert [(d["rule"], d["message"]) for d in report["diagnostics"]] == [
        (d["rule"], d["message"]) for d in expected["diagnostics"]]


def test_csv_with_quotes_and_bom(tmp_path, expected):
    path = tmp_path / "sample.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream, quoting=csv.QUOTE_MINIMAL).writerows(sample_rows())
    text = path.read_text(encoding="utf-8-sig")
    assert '"' in text  # cells with commas (1,022.51, the fragments) are quoted
    report = check(path)
    assert_same_model(report, expected)
    assert report["diagnostics"][0]["file"].endswith("sample.csv") and report["diagnostics"][0]["row"] == 13


def test_csv_with_a_newline_inside_a_quoted_cell(tmp_path):
    rows = sample_rows()
    for row in rows:
        if row and row[0] == "年度整体绩效目标":
            row[1] = row[1].replace("</p> <p>", "</p>\n<p>", 1)
            assert "\n" in row[1]
    path = tmp_path / "sample.csv"
    with open(path, "w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    report = check(path)
    department = model(report)
    assert len(department["projects"]) == 10
    # The cell spans two lines of the file; the rows after it keep their own line numbers.
    warning = report["diagnostics"][0]
    assert warning["rule"] == "I005" and warning["row"] == 14


def number_or_text(cell):
    """What a budget system's Excel export stores: amounts and counts as numbers."""
    plain = cell.replace(",", "")
    try:
        value = float(plain)
    except ValueError:
        return cell, None
    if plain.isdigit():
        return int(plain), None
    return value, "#,##0.00" if "," in cell else None


def test_xlsx_workbook(tmp_path, expected):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "绩效目标表"
    rows = sample_rows()
    for row_index, row in enumerate(rows, start=1):
        for column_index, cell in enumerate(row, start=1):
            if cell == "":
                continue
            value, number_format = number_or_text(cell)
            target = sheet.cell(row=row_index, column=column_index, value=value)
            if number_format:
                target.number_format = number_format
    # Merged cells as the budget system draws them: the title across the table, 预算整体情况 down
    # its three rows. Their other cells are blank in the text export too.
    title_row = next(i for i, row in enumerate(rows, start=1) if "绩效目标表" in row[0])
    sheet.merge_cells(start_row=title_row, start_column=1, end_row=title_row, end_column=9)
    budget_row = next(i for i, row in enumerate(rows, start=1) if row[0] == "预算整体情况")
    sheet.merge_cells(start_row=budget_row, start_column=1, end_row=budget_row + 2, end_column=1)
    # A second sheet is ignored: the first is the table.
    workbook.create_sheet("说明")["A1"] = "本表由预算系统导出"
    path = tmp_path / "sample.xlsx"
    workbook.save(path)
    # openpyxl writes inline strings; Excel writes a shared-string table. Read both.
    shared = tmp_path / "shared.xlsx"
    to_shared_strings(path, shared)
    with zipfile.ZipFile(shared) as archive:
        assert "xl/sharedStrings.xml" in archive.namelist()
        assert b'inlineStr' not in archive.read("xl/worksheets/sheet1.xml")
    for workbook_path in (path, shared):
        report = check(workbook_path)
        assert_same_model(report, expected)
        warning = report["diagnostics"][0]
        assert warning["sheet"] == "绩效目标表" and warning["row"] == 13 and warning["column"] == 9
        listed = subprocess.run([PERFSITE, "check", str(workbook_path)], capture_output=True, text=True).stdout
        assert f"{workbook_path.name}:绩效目标表!I13: warning[I005]" in listed


def to_shared_strings(source, target):
    """Rewrites openpyxl's inline strings as Excel stores text: indices into xl/sharedStrings.xml."""
    strings = []

    def shared(match):
        strings.append(match.group(1))
        return b't="s"><v>%d</v>' % (len(strings) - 1)

    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as output:
        for name in archive.namelist():
            data = archive.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = re.sub(rb't="inlineStr"><is><t[^>]*>(.*?)</t></is>', shared, data, flags=re.S)
            elif name == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType='
                                    b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            elif name == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdShared" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
                                    b'Target="sharedStrings.xml"/></Relationships>')
            output.writestr(name, data)
        items = b"".join(b'<si><t xml:space="preserve">' + text + b"</t></si>" for text in strings)
        output.writestr("xl/sharedStrings.xml", b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
                        b'openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(strings), len(strings))
                        + items + b"</sst>")


def test_xlsx_numbers_show_as_excel_shows_them(tmp_path):
    rows = sample_rows()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row_index, row in enumerate(rows, start=1):
        for column_index, cell in enumerate(row, start=1):
            if cell:
                sheet.cell(row=row_index, column=column_index, value=number_or_text(cell)[0])
    # A float that is not exactly 152.9 in binary, as budget systems compute it.
    first_task = next(i for i, row in enumerate(rows, start=1) if row[0] == "1")
    amount_column = 5
    original = rows[first_task - 1][amount_column - 1]
    sheet.cell(row=first_task, column=amount_column, value=float(original) + 1e-13)
    path = tmp_path / "floats.xlsx"
    workbook.save(path)
    department = model(check(path))
    assert department["projects"][0]["amount"] == float(original)


def cms_page(rows):
    """A GB18030 government page: navigation, a layout table, and inside it the data table with
    the title spanning all columns and the budget label spanning three rows."""
    width = max(len(row) for row in rows)
    body = []
    skip_first_cell = set()
    for index, row in enumerate(rows):
        cells = list(row)
        while cells and cells[-1] == "":
            cells.pop()
        if not cells:
            body.append("<tr><td colspan=\"%d\">&nbsp;</td></tr>" % width)
            continue
        parts = []
        for column, cell in enumerate(cells):
            if column == 0 and index in skip_first_cell:
                continue
            attributes = ""
            if len(cells) == 1 and "绩效目标表" in cell:
                attributes = ' colspan="%d" class="title"' % width
            if cell == "预算整体情况":
                attributes = ' rowspan="3"'
                skip_first_cell.update({index + 1, index + 2})
            content = cell if cell.startswith("<") else '<span style="font-size:14px">%s</span>' % html.escape(cell)
            parts.append("<td%s>\n  %s\n</td>" % (attributes, content))
        body.append("<tr>" + "".join(parts) + "</tr>")
    return (
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "<title>预算公开</title></head><body>"
        '<table class="layout" width="100%"><tr><td><div class="nav"><a href="/">首页</a> &gt; 预算公开</div>'
        '<table border="1" cellspacing="0">' + "\n".join(body) + "</table>"
        "</td></tr></table><p>来源:财政局</p></body></html>")


def test_html_page_with_merged_cells(tmp_path, expected):
    page = cms_page(sample_rows())
    assert 'rowspan="3"' in page and "colspan" in page
    path = tmp_path / "sample.html"
    path.write_bytes(page.encode("gb18030"))
    report = check(path)
    assert_same_model(report, expected)
    warning = report["diagnostics"][0]
    assert warning["sheet"] == "表格1" and warning["column"] == 9
