"""Downloads of the rows a citizen filtered or searched for, with the filter named in the
file (issue 16 item 12)."""

import csv
import io
import json

from django.core.cache import cache
from openpyxl import load_workbook

from tests.support import add_project, announce, download_url, plan_url


def _plan(world):
    _v1, v2 = world["villages"]
    add_project(world, title="โครงการก่อสร้างถนนคอนกรีต หมู่ที่ 2").villages.set([v2])
    add_project(world, title="โครงการขุดลอกลำเหมือง").villages.set([v2])
    add_project(world, title="โครงการก่อสร้างถนนลูกรัง หมู่ที่ 1")
    return announce(world["plan"])


def test_it_offers_the_filtered_rows_beside_the_whole_plan(client, world):
    plan = _plan(world)
    v2 = world["villages"][1]
    html = client.get(plan_url(plan), {"village": v2.pk, "q": "ถนน"}).content.decode()
    assert 'data-testid="filtered-downloads"' in html
    assert "เฉพาะ 1 โครงการที่ตรงกับตัวกรอง" in html
    assert f"plan.csv?q=%E0%B8%96%E0%B8%99%E0%B8%99&amp;village={v2.pk}" in html
    plain = client.get(plan_url(plan)).content.decode()
    assert 'data-testid="filtered-downloads"' not in plain


def test_it_downloads_only_the_matching_rows_named_by_their_filter(client, world):
    plan = _plan(world)
    v2 = world["villages"][1]
    query = {"village": v2.pk}
    response = client.get(download_url(plan, "csv"), query)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 2
    assert response["Content-Disposition"] == (
        f'attachment; filename="plan-sungmen-2565-filtered-village{v2.pk}.csv"'
    )
    document = json.loads(client.get(download_url(plan, "json"), {**query, "q": "ถนน"}).content)
    assert [p["title"] for p in document["projects"]] == ["โครงการก่อสร้างถนนคอนกรีต หมู่ที่ 2"]
    assert document["plan"]["filter"] == {
        "ค้นหาคำในชื่อหรือรายละเอียดโครงการ": "ถนน",
        "หมู่บ้าน": str(v2),
    }
    book = load_workbook(io.BytesIO(client.get(download_url(plan, "xlsx"), query).content))
    assert book["โครงการ"].max_row == 1 + 2
    about = {row[0]: row[1] for row in book["เกี่ยวกับแผน"].iter_rows(values_only=True)}
    assert about["filter: หมู่บ้าน"] == str(v2)


def test_it_never_serves_a_filtered_file_from_the_whole_plans_cache(client, world):
    plan = _plan(world)
    cache.clear()
    whole = client.get(download_url(plan, "csv"))
    filtered = client.get(download_url(plan, "csv"), {"q": "เหมือง"})
    assert whole.content.count(b"\n") == 1 + 3
    assert filtered.content.count(b"\n") == 1 + 1
    again = client.get(download_url(plan, "csv"))
    assert again.content == whole.content


def test_it_offers_no_filtered_file_when_nothing_matches(client, world):
    plan = _plan(world)
    html = client.get(plan_url(plan), {"q": "สะพานแขวน"}).content.decode()
    assert 'data-testid="filtered-downloads"' not in html
