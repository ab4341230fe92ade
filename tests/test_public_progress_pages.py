"""The progress citizens read: the round's figures per strategy with the base of every
percentage in its heading, each project's line, and the downloads with their columns."""

import csv
import io
import json

import jsonschema
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from notices.portal.progress_exports import PROGRESS_COLUMNS
from projects.figures import BASES
from projects.models import RoundKind
from tests.progress_support import (
    api_progress_url,
    approve,
    close,
    followed_plan,
    open_round,
    progress_url,
    record_half_year,
)
from tests.support import plan_url, project_url

pytestmark = pytest.mark.django_db
PERSONAS = ("staff", "orgadmin", "member", "monitor", "executive", "outsider", "nobody")


@pytest.fixture
def followed(world, personas, django_capture_on_commit_callbacks):
    """Road (strategy 1, 250,000: in progress 40 %, paid 100,000), clinic (strategy 2,
    100,000: done, paid 98,765.43), bridge (strategy 1, another agency's, 50,000: cancelled),
    at the close of the half-year round."""
    plan, projects = followed_plan(world)
    staff = personas["staff"]
    half = open_round(plan, staff, kind=RoundKind.HALF_YEAR)
    record_half_year(projects, staff)
    close(half, staff, django_capture_on_commit_callbacks)
    approve(half, staff, personas["monitor"])
    return plan, projects


def cells(html: str, testid: str) -> list[list[str]]:
    """The text of each row's cells of the table marked data-testid=testid."""
    from html.parser import HTMLParser

    rows: list[list[str]] = []

    class Reader(HTMLParser):
        inside = depth = 0
        cell = None

        def handle_starttag(self, tag, attrs):
            if tag == "table" and ("data-testid", testid) in attrs:
                self.inside = 1
            elif self.inside and tag == "tr":
                rows.append([])
            elif self.inside and tag in ("td", "th"):
                self.cell = ""
            elif self.cell is not None:  # a line of its own within the cell
                self.cell += " "

        def handle_endtag(self, tag):
            if tag == "table":
                self.inside = 0
            elif self.inside and tag in ("td", "th") and self.cell is not None:
                rows[-1].append(" ".join(self.cell.split()))
                self.cell = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell += data

    Reader().feed(html)
    return rows


def test_it_counts_each_strategy_with_the_base_of_every_percentage(client, followed):
    plan, _projects = followed
    html = client.get(plan_url(plan)).content.decode()
    rows = cells(html, "chart-progress-status-table")
    assert rows[0] == ["ยุทธศาสตร์", "โครงการ", f"{BASES['projects']} (จำนวนโครงการ)"]
    assert rows[1] == ["แล้วเสร็จ", "อยู่ระหว่างดำเนินการ", "ยังไม่ดำเนินการ", "ยกเลิก"]
    rows = rows[1:]
    # Each cell: the share, then the count; a total's shares from the total's own counts,
    # half up (33.33 three times), never summed from the rows.
    assert rows[1:] == [
        [
            "1. การพัฒนาด้านโครงสร้างพื้นฐาน 2 โครงการ",
            "2",
            "0.00 0 โครงการ",
            "50.00 1 โครงการ",
            "0.00 0 โครงการ",
            "50.00 1 โครงการ",
        ],
        [
            "2. การพัฒนาคุณภาพชีวิต 1 โครงการ",
            "1",
            "100.00 1 โครงการ",
            "0.00 0 โครงการ",
            "0.00 0 โครงการ",
            "0.00 0 โครงการ",
        ],
        [
            "รวมทั้งแผน 3 โครงการ",
            "3",
            "33.33 1 โครงการ",
            "33.33 1 โครงการ",
            "0.00 0 โครงการ",
            "33.33 1 โครงการ",
        ],
    ]
    assert f"สถานะโครงการตามยุทธศาสตร์ ({BASES['projects']})" in html
    assert f"การเบิกจ่ายตามยุทธศาสตร์ ({BASES['budget']})" in html
    assert f"เบิกจ่าย {BASES['budget']}" in html
    # 100,000 of 300,000; 98,765.43 of 100,000 (98.7654 → 98.77); 198,765.43 of 400,000.
    disbursed = [row for row in cells_of_chart(html, "chart-progress-disbursed")]
    assert disbursed == [
        ["1. การพัฒนาด้านโครงสร้างพื้นฐาน", "33.33"],
        ["2. การพัฒนาคุณภาพชีวิต", "98.77"],
        ["รวมทั้งแผน", "49.69"],
    ]
    assert "198,765.43" in html and "400,000.00" in html
    # Each chart is an accessible image beside its table.
    assert 'aria-labelledby="chart-progress-status-t"' in html
    assert 'aria-labelledby="chart-progress-disbursed-t"' in html


def cells_of_chart(html: str, key: str) -> list[list[str]]:
    start = html.index(f'id="{key}-heading"')
    table = html[start : html.index("</figure>", start)]
    return cells(table.replace("<table ", f'<table data-testid="{key}" ', 1), key)[1:]


def test_it_gives_each_project_its_status_done_and_disbursed(client, followed):
    plan, projects = followed
    html = client.get(plan_url(plan)).content.decode()
    assert "อยู่ระหว่างดำเนินการ · ทำแล้ว 40.00% · เบิกจ่าย 40.00% ของงบประมาณตามแผน" in html
    assert "แล้วเสร็จ · ทำแล้ว 100.00% · เบิกจ่าย 98.77% ของงบประมาณตามแผน" in html
    page = client.get(project_url(projects["bridge"])).content.decode()
    assert "ยกเลิก (กรมฯ ไม่ได้รับจัดสรร)" in page
    assert "ตามรอบ ๖ เดือน (ตุลาคม–มีนาคม) ข้อมูล ณ วันที่ 31 มีนาคม พ.ศ. 2565" in page
    assert "ปิดรอบเมื่อ 5 เมษายน พ.ศ. 2565" in page


def test_it_writes_the_documented_columns_in_every_format(client, followed):
    plan, projects = followed
    labels = [c.label for c in PROGRESS_COLUMNS]
    keys = [c.key for c in PROGRESS_COLUMNS]
    page = client.get(plan_url(plan)).content.decode()
    for column in PROGRESS_COLUMNS:
        assert f'<code lang="en">{column.key}</code>' in page

    response = client.get(progress_url(plan, "csv"))
    assert response["Content-Disposition"] == (
        'attachment; filename="plan-sungmen-2565-monitoring-half_year.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == labels
    road = dict(zip(keys, next(r for r in rows if r[0] == str(projects["road"].pk)), strict=True))
    assert road["round"] == "รอบ ๖ เดือน (ตุลาคม–มีนาคม)"
    assert (road["as_of"], road["closed_on"]) == ("2022-03-31", "2022-04-05")
    assert (road["status_code"], road["planned"], road["disbursed"]) == (
        "in_progress",
        "250000.00",
        "100000.00",
    )
    assert (road["disbursed_share"], road["remaining"], road["committed"]) == (
        "40.00",
        "150000.00",
        "",
    )

    book = load_workbook(io.BytesIO(client.get(progress_url(plan, "xlsx")).content))
    sheet = book["ผลการดำเนินงาน"]
    assert [c.value for c in sheet[1]] == labels
    assert sheet.max_row == 4
    about = {row[0].value: row[1].value for row in book["เกี่ยวกับข้อมูล"].iter_rows()}
    assert about["round_kind"] == "half_year" and about["round_period_end"] == "2022-03-31"

    data = json.loads(client.get(progress_url(plan, "json")).content)
    assert [c["key"] for c in data["columns"]] == keys
    assert data["totals"] == {
        "projects": 3,
        "planned": "400000.00",
        "disbursed": "198765.43",
        "disbursed_share": "49.69",
    }
    schema = json.loads(client.get(reverse("public:api_progress_schema")).content)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    assert json.loads(client.get(api_progress_url(plan)).content) == data
    broken = {**data, "projects": [{**data["projects"][0], "status_code": "finished"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_it_shows_every_persona_the_same_public_progress(client, followed, personas, login):
    """Public pages are the citizens': a session changes nothing, nobody is refused."""
    plan, projects = followed
    addresses = [plan_url(plan), project_url(projects["road"]), progress_url(plan, "csv")]
    anonymous = [client.get(a).content for a in addresses]
    for name in PERSONAS:
        login(personas[name])
        assert [client.get(a).content for a in addresses] == anonymous, name
        client.logout()


def test_it_answers_a_post_with_405(client, followed):
    plan, _projects = followed
    assert client.post(progress_url(plan, "csv")).status_code == 405
