"""Downloads of an announced plan: CSV with BOM, XLSX and JSON, same documented columns."""

import csv
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.core.cache import cache
from openpyxl import load_workbook

from notices.models import PlanDocument
from projects.exports import COLUMNS
from tests.support import add_plan, add_project, announce, download_url


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def plan(world):
    project = add_project(
        world,
        title="โครงการก่อสร้างถนนคอนกรีต หมู่ที่ 1",
        details="กว้าง 4 เมตร\nยาว 120 เมตร, หนา 0.15 เมตร",
        location='ถนนสาย "บ้านสูงเม่น"',
        amounts=("250000", "1200.50"),
        months=[12, 1, 10],
    )
    project.villages.set(world["villages"])
    add_project(world, title='=HYPERLINK("http://example.com")', amounts=("10",))
    return announce(world["plan"])


def test_it_gives_csv_in_utf8_with_a_bom_for_excel(client, plan):
    response = client.get(download_url(plan, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="plan-sungmen-2565.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [c.label for c in COLUMNS]
    road = dict(zip(rows[0], rows[1], strict=True))
    assert road["โครงการ/กิจกรรม"] == "โครงการก่อสร้างถนนคอนกรีต หมู่ที่ 1"
    assert road["รายละเอียดของกิจกรรม"] == "กว้าง 4 เมตร\nยาว 120 เมตร, หนา 0.15 เมตร"
    assert road["สถานที่ดำเนินการ"] == 'ถนนสาย "บ้านสูงเม่น"'
    assert road["งบประมาณ (บาท)"] == "251200.50"
    assert road["เดือนที่ดำเนินการ"] == "10 12 1"
    assert road["หมู่บ้าน"] == "หมู่ที่ 1 บ้านสูงเม่น; หมู่ที่ 2 บ้านดอนมูล"
    assert road["แนวทางการพัฒนา"] == "1.1 ก่อสร้างและปรับปรุงถนน"
    # A title that looks like a formula stays text when a spreadsheet opens the file.
    assert rows[2][COLUMNS.index(next(c for c in COLUMNS if c.key == "title"))].startswith("'=")


def test_it_gives_xlsx_with_numbers_as_numbers_and_formulas_as_text(client, plan):
    response = client.get(download_url(plan, "xlsx"))
    assert response["Content-Disposition"] == 'attachment; filename="plan-sungmen-2565.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["โครงการ", "รายการงบประมาณ", "เกี่ยวกับแผน"]
    sheet = book["โครงการ"]
    header = [cell.value for cell in sheet[1]]
    assert header == [c.label for c in COLUMNS]
    road = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert road["งบประมาณ (บาท)"] == pytest.approx(251200.50)
    assert sheet.cell(row=2, column=header.index("งบประมาณ (บาท)") + 1).number_format == "#,##0.00"
    title = sheet.cell(row=3, column=header.index("โครงการ/กิจกรรม") + 1)
    assert title.data_type == "s"
    assert title.value == '=HYPERLINK("http://example.com")'
    lines = list(book["รายการงบประมาณ"].values)
    assert len(lines) == 1 + 3
    about = dict(book["เกี่ยวกับแผน"].values)
    assert about["announced_on"] == "2021-12-15"


def test_it_gives_json_with_iso_dates_and_exact_amounts(client, plan):
    response = client.get(download_url(plan, "json"))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert data["plan"]["announced_on"] == "2021-12-15"
    assert data["plan"]["starts_on"] == "2021-10-01"
    assert data["plan"]["signer_name"] == "นายสมชาย ใจดี"
    assert data["plan"]["url"].endswith("/p/sungmen/2565/")
    assert data["total"] == "251210.50"
    assert [c["key"] for c in data["columns"]] == [c.key for c in COLUMNS]
    road = data["projects"][0]
    assert road["budget"] == "251200.50"
    assert road["months"] == [10, 12, 1]
    assert road["villages"] == ["หมู่ที่ 1 บ้านสูงเม่น", "หมู่ที่ 2 บ้านดอนมูล"]
    assert [line["amount"] for line in road["budget_lines"]] == ["250000.00", "1200.50"]
    assert Decimal(road["budget"]) == sum(Decimal(x["amount"]) for x in road["budget_lines"])


def test_it_keeps_stable_addresses_for_the_qr_code(world, plan):
    supplement = announce(add_plan(world, 2565, supplement=1))
    assert download_url(plan, "csv") == "/p/sungmen/2565/plan.csv"
    assert download_url(plan, "xlsx") == "/p/sungmen/2565/plan.xlsx"
    assert download_url(supplement, "json") == "/p/sungmen/2565/s1/plan.json"


def test_it_names_a_supplements_file_after_it(client, world, plan):
    supplement = announce(add_plan(world, 2565, supplement=1))
    response = client.get(download_url(supplement, "csv"))
    # The scheme of the issued PDF, so that a plan's files sort side by side.
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="plan-sungmen-2565-supplement1.csv"'
    )
    assert (
        response.content
        == "\ufeff".encode() + ",".join(c.label for c in COLUMNS).encode() + b"\r\n"
    )


def test_it_serves_the_issued_pdf_inline_with_its_hash(client, world, plan):
    supplement = announce(add_plan(world, 2565, supplement=1))
    PlanDocument.objects.create(plan=supplement)  # still pending: not there yet
    assert client.get("/p/sungmen/2565/s1/plan.pdf").status_code == 404
    PlanDocument.objects.create(
        plan=plan, status=PlanDocument.Status.READY, content=b"%PDF-1.7 issued", sha256="ab" * 32
    )
    response = client.get("/p/sungmen/2565/plan.pdf")
    assert response.content == b"%PDF-1.7 issued"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="plan-sungmen-2565.pdf"'
    assert response["X-Content-SHA256"] == "ab" * 32
    PlanDocument.objects.filter(plan=supplement).update(
        status=PlanDocument.Status.READY, content=b"%PDF-1.7", sha256="cd" * 32
    )
    response = client.get("/p/sungmen/2565/s1/plan.pdf")
    assert response["Content-Disposition"] == 'inline; filename="plan-sungmen-2565-supplement1.pdf"'


def test_it_documents_every_column_on_the_plan_page(client, plan):
    html = client.get("/p/sungmen/2565/").content.decode()
    for column in COLUMNS:
        assert f'<code lang="en">{column.key}</code>' in html
    for fmt in ("csv", "xlsx", "json"):
        assert f'href="/p/sungmen/2565/plan.{fmt}"' in html


def test_it_never_writes_a_formula_into_any_cell_of_any_sheet(client, world):
    add_project(world, title="+SUM(1)", amounts=("10",))
    plan = announce(world["plan"])
    plan.announcement.signer_name = '=HYPERLINK("http://example.com/x","คลิก")'
    plan.announcement.signer_title = "@title"
    plan.announcement.save()
    content = client.get(download_url(plan, "xlsx")).content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert len(sheets) == 3
        for name in sheets:
            assert b"<f>" not in archive.read(name), name
    about = dict(load_workbook(io.BytesIO(content))["เกี่ยวกับแผน"].values)
    assert about["signer_name"] == '=HYPERLINK("http://example.com/x","คลิก")'
    rows = list(csv.reader(io.StringIO(client.get(download_url(plan, "csv")).content.decode())))
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)
