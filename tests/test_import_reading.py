"""Reading real workbooks (made with openpyxl, as offices make them in Excel) into a preview:
what each row will do, and every error next to its row and cell."""

import io
import zipfile
from decimal import Decimal

import pytest

from projects.imports.reader import MAX_ROWS, ImportFileError, read_workbook
from projects.imports.rows import build_preview
from projects.imports.template import template_columns, template_xlsx
from tests.support import add_project, xlsx

HEADINGS = [
    "โครงการ/กิจกรรม",
    "ยุทธศาสตร์ที่",
    "แนวทางการพัฒนา",
    "แผนงาน",
    "หน่วยงานรับผิดชอบหลัก",
    "หมู่บ้าน",
    "เดือนที่ดำเนินการ",
    "งบ",
    "หมวด",
    "แหล่งงบประมาณ",
    "จำนวนเงิน (บาท)",
]


def good_row(i=1):
    return [
        f"โครงการก่อสร้างถนนคอนกรีต สายที่ {i}",
        1,
        "1.1",
        "เคหะและชุมชน",
        "กองช่าง",
        "1, 2",
        "ต.ค.–ธ.ค.",
        "งบลงทุน",
        "ค่าที่ดินและสิ่งก่อสร้าง",
        "",
        250000,
    ]


def preview_of(world, data):
    return build_preview(world["plan"], read_workbook(data))


def problems(row):
    return [(p.ref, p.label, p.message) for p in row.problems]


def test_it_reads_a_clean_file_of_300_rows(world):
    preview = preview_of(world, xlsx([HEADINGS, *(good_row(i) for i in range(300))]))
    assert not preview.has_errors
    assert preview.count("create") == 300
    first = preview.rows[0].data
    assert first.fields["months"] == [10, 11, 12]
    assert first.lines == [
        {
            "amount": Decimal("250000"),
            "group": "investment",
            "category": "land_buildings",
            "source": "annual",
            "note": "",
        }
    ]
    assert sorted(first.village_ids) == sorted(v.pk for v in world["villages"])


def test_it_reads_thai_digits_everywhere_a_number_goes(world):
    row = good_row()
    row[1], row[2], row[5], row[6], row[10] = "๑", "๑.๑", "หมู่ที่ ๒", "๑๐ ๑๑", "๑๒,๕๐๐.๕๐"
    preview = preview_of(world, xlsx([HEADINGS, row]))
    data = preview.rows[0].data
    assert preview.rows[0].action == "create", problems(preview.rows[0])
    assert data.fields["strategy_id"] == world["strategies"][0].pk
    assert data.fields["months"] == [10, 11]
    assert data.village_ids == [world["villages"][1].pk]
    assert data.lines[0]["amount"] == Decimal("12500.50")


def test_it_takes_further_budget_lines_from_the_rows_below(world):
    more = [None] * 7 + ["งบดำเนินงาน", "ค่าใช้สอย", "เงินสะสม", "๕,๐๐๐"]
    preview = preview_of(world, xlsx([HEADINGS, good_row(1), more, more, good_row(2)]))
    assert [len(r.data.lines) for r in preview.rows] == [3, 1]
    assert preview.rows[0].data.total == Decimal("260000")
    assert preview.rows[0].data.lines[1]["source"] == "accumulated"


def test_it_reads_merged_two_row_headings_as_offices_make_them(world):
    top = ["บัญชีโครงการ/กิจกรรม/งบประมาณ แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๕"]
    heading = ["ที่", "โครงการ", "ยุทธศาสตร์ที่", "แนวทางการพัฒนา", "แผนงาน"]
    heading += ["หน่วยงาน\nรับผิดชอบหลัก", "งบประมาณ", None, "พ.ศ. ๒๕๖๔", None, None]
    heading += ["พ.ศ. ๒๕๖๕", *[None] * 8]
    under = [None] * 6 + ["งบ", "จำนวนเงิน"] + ["ต.ค. ๖๔", "พ.ย. ๖๔", "ธ.ค. ๖๔"]
    under += ["ม.ค. ๖๕", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]
    merged = ("A1:T1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:F3", "G2:H2", "I2:K2")
    merged += ("L2:T2",)
    data_row = ["๑", "ซ่อมแซมถนนลูกรัง", "1", "1", "00240", "กองช่าง", "งบลงทุน", 90000]
    data_row += ["", "", "", "✓", "✓", "", "", "", "", "", "", ""]
    preview = preview_of(world, xlsx([top, heading, under, data_row], merged=merged))
    row = preview.rows[0]
    assert row.action == "create", problems(row)
    assert row.number == 4
    assert row.data.fields["title"] == "ซ่อมแซมถนนลูกรัง"
    assert row.data.fields["months"] == [1, 2]
    assert row.data.lines[0]["amount"] == Decimal("90000")


def test_it_names_the_row_and_cell_of_an_error_in_each_column(world):
    headings = [c.label for c in template_columns()]
    col = {label: n for n, label in enumerate(headings)}
    base = [None] * len(headings)
    for label, value in {
        "โครงการ/กิจกรรม": "โครงการทดสอบ",
        "ยุทธศาสตร์ที่": 1,
        "แนวทางการพัฒนา": "1.1",
        "รหัสแผนงาน": "00240",
        "หน่วยงานรับผิดชอบหลัก": "กองช่าง",
        "เดือนที่ดำเนินการ": "ต.ค.",
        "งบ": "งบลงทุน",
        "จำนวนเงิน (บาท)": 1000,
    }.items():
        base[col[label]] = value
    broken = {
        "รหัสโครงการ": ("abc", "ไม่ใช่ตัวเลขจำนวนเต็ม"),
        "แบบ": ("ผด.99", "ไม่รู้จักแบบ"),
        "ยุทธศาสตร์ที่": (9, "ไม่พบยุทธศาสตร์ “9”"),
        "ยุทธศาสตร์": ("การท่องเที่ยว", "ไม่พบยุทธศาสตร์ “การท่องเที่ยว”"),
        "แนวทางการพัฒนา": ("2.1", "อยู่ในยุทธศาสตร์ที่ 2 ไม่ใช่ยุทธศาสตร์ที่ 1"),
        "รหัสแผนงาน": ("99999", "ไม่พบแผนงาน “99999”"),
        "แผนงาน": ("การพาณิชย์", "ไม่พบแผนงาน “การพาณิชย์”"),
        "ประเภทครุภัณฑ์": ("ครุภัณฑ์ดนตรี", "ไม่พบประเภทครุภัณฑ์"),
        "โครงการ/กิจกรรม": ("ก" * 501, "500"),
        "หมู่บ้าน": ("หมู่ที่ 9", "ไม่พบหมู่บ้าน “9”"),
        "เจ้าของโครงการ": ("เอกชน", "ไม่รู้จักเจ้าของโครงการ"),
        "หน่วยงานรับผิดชอบหลัก": ("กองคลัง", "ไม่พบกอง/ส่วน “กองคลัง”"),
        "เดือนที่ดำเนินการ": ("เดือนหน้า", "ไม่เข้าใจเดือน"),
        "อ้างอิงแผนพัฒนาท้องถิ่น": ("ห" * 101, "100"),
        "งบ": ("งบพิเศษ", "ไม่รู้จักงบ"),
        "หมวด": ("ค่าขนม", "ไม่รู้จักหมวด"),
        "แหล่งงบประมาณ": ("เงินกู้", "ไม่รู้จักแหล่งงบประมาณ"),
        "จำนวนเงิน (บาท)": ("หนึ่งแสน", "กรุณากรอกจำนวนเงินเป็นตัวเลข"),
    }
    rows = [headings]
    for label, (value, _message) in broken.items():
        row = list(base)
        row[col[label]] = value
        rows.append(row)
    preview = preview_of(world, xlsx(rows))
    from openpyxl.utils import get_column_letter

    for number, (label, (_value, message)) in enumerate(broken.items(), 2):
        row = preview.rows[number - 2]
        assert row.action == "error", label
        ref = f"{get_column_letter(col[label] + 1)}{number}"
        assert any(p.ref == ref and message in p.message for p in row.problems), (
            label,
            problems(row),
        )


def test_it_asks_for_what_is_missing(world):
    row = good_row()
    row[0] = None  # no title but other cells: not a budget-line row
    no_lines = good_row()[:7] + [None] * 4
    preview = preview_of(world, xlsx([HEADINGS, row, no_lines]))
    assert "กรุณากรอกชื่อโครงการ/กิจกรรม" in str(problems(preview.rows[0]))
    assert "ต้องมีรายการงบประมาณอย่างน้อยหนึ่งรายการ" in str(problems(preview.rows[1]))


def test_it_refuses_months_that_disagree_and_totals_that_do_not_add_up(world):
    headings = [*HEADINGS, "ต.ค.", "งบประมาณ (บาท)"]
    preview = preview_of(
        world, xlsx([headings, [*good_row()[:6], "ม.ค.", *good_row()[7:], "x", 1]])
    )
    messages = str(problems(preview.rows[0]))
    assert "ไม่ตรงกัน" in messages
    assert "ไม่เท่ากับผลรวมรายการงบประมาณ 250,000.00 บาท" in messages


def test_it_updates_the_project_a_row_names_and_refuses_an_unknown_id(world):
    project = add_project(world, title="ชื่อเดิม")
    headings = ["รหัสโครงการ", *HEADINGS]
    preview = preview_of(
        world,
        xlsx(
            [
                headings,
                [project.pk, *good_row()],
                [999999, *good_row(2)],
                [project.pk, *good_row(3)],
            ]
        ),
    )
    update, unknown, twice = preview.rows
    assert update.action == "update"
    assert "ชื่อโครงการ/กิจกรรม" in update.changed
    assert preview.versions == {project.pk: 1}
    assert "ไม่มีโครงการรหัส 999999 ในแผนนี้" in str(problems(unknown))
    assert "ซ้ำกับแถว 2" in str(problems(twice))


def test_it_finds_its_own_template_unchanged(world):
    project = add_project(world, amounts=("1000", "2500.50"))
    project.villages.set(world["villages"])
    plan = world["plan"]
    projects = list(plan.projects.with_details().prefetch_related("budget_lines"))
    preview = preview_of(world, template_xlsx(plan, projects))
    assert [r.action for r in preview.rows] == ["unchanged"], problems(preview.rows[0])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"title,amount\nroad,100\n", "ไม่ใช่ไฟล์ Excel (.xlsx)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Excel รุ่นเก่า (.xls)"),
        (b"PK\x03\x04broken", "ไม่ใช่ไฟล์ Excel (.xlsx)"),
        (b"x" * (5 * 1024 * 1024 + 1), "ไฟล์ใหญ่เกิน 5 MB"),
    ],
)
def test_it_refuses_what_is_not_an_xlsx_file_in_thai(db, content, message):
    with pytest.raises(ImportFileError) as refused:
        read_workbook(content)
    assert message in refused.value.message


def test_it_refuses_a_zip_that_is_not_a_workbook_or_unpacks_too_big(db):
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ImportFileError, match="ไม่ใช่ไฟล์ Excel"):
        read_workbook(plain.getvalue())
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", "0" * (61 * 1024 * 1024))
    assert len(bomb.getvalue()) < 1024 * 1024
    with pytest.raises(ImportFileError, match="มีข้อมูลมากเกิน"):
        read_workbook(bomb.getvalue())


def test_it_refuses_a_workbook_without_the_headings(db):
    with pytest.raises(ImportFileError, match="ไม่พบหัวตาราง"):
        read_workbook(xlsx([["ชื่อ", "เงิน"], ["ถนน", 100]]))


def test_it_refuses_more_rows_than_the_limit(world):
    rows = [HEADINGS, *([f"โครงการ {i}", 1] for i in range(MAX_ROWS + 1))]
    with pytest.raises(ImportFileError, match="เกิน 2,000 แถว"):
        read_workbook(xlsx(rows))


def test_it_refuses_an_overlong_cell_next_to_its_cell(world):
    row = good_row()
    row[4] = "ก" * 2001
    preview = preview_of(world, xlsx([HEADINGS, row]))
    assert ("E2", "หน่วยงานรับผิดชอบหลัก", "ข้อความยาวเกิน 2,000 ตัวอักษร") in problems(preview.rows[0])


def test_it_refuses_the_same_heading_twice(db):
    with pytest.raises(ImportFileError, match="ซ้ำกัน"):
        read_workbook(xlsx([["โครงการ/กิจกรรม", "งบ", "โครงการ"], ["ถนน", "งบลงทุน", "x"]]))


def test_it_reports_odd_cells_instead_of_failing(world):
    from datetime import date

    row = good_row()
    row[1] = 10**30
    row[2] = date(2022, 1, 1)
    row[5] = True
    row[6] = "=SUM(A1:A2)"
    row[10] = "1e5"
    preview = preview_of(world, xlsx([HEADINGS, row]))
    result = preview.rows[0]
    assert result.action == "error"
    refs = {p.ref for p in result.problems}
    assert {"B2", "G2", "K2"} <= refs, problems(result)
