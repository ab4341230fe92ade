"""Reading a filled progress file: every row's errors in Thai at their cell, and values typed
as offices type them (Thai digits, พ.ศ. dates, month names, date cells)."""

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from projects import progress
from projects.imports.progress_rows import CHANGE, ERROR, UNCHANGED, preview_of
from projects.imports.progress_template import progress_xlsx
from projects.imports.reader import ImportFileError
from projects.models import ProgressStatus, Project
from tests.support import add_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(date(2022, 4, 5), tick=False):
        yield


def headings(book) -> dict[str, int]:
    return {cell.value: n for n, cell in enumerate(book.active[2], 1)}


def letter(book, heading: str) -> str:
    return get_column_letter(headings(book)[heading])


def filled(plan, rows: list[dict[str, object]]) -> tuple[bytes, object]:
    """The plan's file with row n+3 (the n-th project) set by heading; extra rows appended."""
    book = load_workbook(BytesIO(progress_xlsx(plan)))
    sheet, columns = book.active, headings(book)
    for n, cells in enumerate(rows):
        for heading, value in cells.items():
            sheet.cell(n + 3, columns[heading]).value = value
    out = BytesIO()
    book.save(out)
    return out.getvalue(), book


def one_row(plan, cells: dict[str, object]):
    content, book = filled(plan, [cells])
    preview = preview_of(plan, content)
    assert len(preview.rows) == 1
    return preview.rows[0], book


ERRORS = [
    ({"รหัสโครงการ": 999999}, "รหัสโครงการ", "ไม่มีโครงการรหัสนี้ ไม่ใช่โครงการในแผนนี้"),
    ({"รหัสโครงการ": None}, "รหัสโครงการ", "ไม่มีรหัสโครงการ แถวนี้จับคู่กับโครงการไม่ได้"),
    ({"รหัสโครงการ": "หนึ่ง"}, "รหัสโครงการ", "“หนึ่ง” ไม่ใช่ตัวเลขจำนวนเต็ม"),
    ({"สถานะ": "กำลังทำ"}, "สถานะ", "ไม่รู้จักสถานะ “กำลังทำ” ใช้ได้: ยังไม่ดำเนินการ"),
    ({"วิธีจัดซื้อจัดจ้าง": "ประมูล"}, "วิธีจัดซื้อจัดจ้าง", "ไม่รู้จักวิธีจัดซื้อจัดจ้าง “ประมูล”"),
    ({"สถานะ": "ยกเลิก"}, "เหตุผลที่ยกเลิก", "กรุณาระบุเหตุผลที่ยกเลิกโครงการ"),
    ({"ความก้าวหน้า (ร้อยละ)": 120}, "ความก้าวหน้า (ร้อยละ)", "ต้องอยู่ระหว่างร้อยละ 0 ถึง 100"),
    ({"ความก้าวหน้า (ร้อยละ)": "-5"}, "ความก้าวหน้า (ร้อยละ)", "ต้องอยู่ระหว่างร้อยละ 0 ถึง 100"),
    ({"ความก้าวหน้า (ร้อยละ)": "ครึ่งหนึ่ง"}, "ความก้าวหน้า (ร้อยละ)", "ไม่ใช่ตัวเลขร้อยละ"),
    ({"ความก้าวหน้า (ร้อยละ)": "12.345"}, "ความก้าวหน้า (ร้อยละ)", "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง"),
    (
        {"สถานะ": "แล้วเสร็จ", "ความก้าวหน้า (ร้อยละ)": 90},
        "ความก้าวหน้า (ร้อยละ)",
        "โครงการที่แล้วเสร็จต้องมีความก้าวหน้าร้อยละ 100",
    ),
    ({"วันที่ลงนามสัญญา/ใบสั่ง": "31/02/2565"}, "วันที่ลงนามสัญญา/ใบสั่ง", "ไม่มีวันที่ 31 เดือน 2"),
    ({"วันที่ลงนามสัญญา/ใบสั่ง": "เมื่อวาน"}, "วันที่ลงนามสัญญา/ใบสั่ง", "วันที่ไม่ถูกต้อง"),
    ({"วันที่ลงนามสัญญา/ใบสั่ง": "1/5/2565"}, "วันที่ลงนามสัญญา/ใบสั่ง", "ต้องไม่เป็นวันในอนาคต"),
    ({"วันที่ลงนามสัญญา/ใบสั่ง": "1/1/3065"}, "วันที่ลงนามสัญญา/ใบสั่ง", "บวก 543 สองครั้ง"),
    ({"วงเงินตามสัญญา/ใบสั่ง (บาท)": 0}, "วงเงินตามสัญญา/ใบสั่ง (บาท)", "จำนวนเงินต้องมากกว่าศูนย์"),
    ({"เดือนที่เริ่มดำเนินการจริง": "ฤดูฝน"}, "เดือนที่เริ่มดำเนินการจริง", "ไม่เข้าใจเดือน “ฤดูฝน”"),
    (
        {"เดือนที่เริ่มดำเนินการจริง": "มี.ค. 2565", "เดือนที่แล้วเสร็จจริง": "ม.ค. 2565"},
        "เดือนที่แล้วเสร็จจริง",
        "เดือนที่แล้วเสร็จต้องไม่ก่อนเดือนที่เริ่มดำเนินการ",
    ),
    (
        {"วันที่เบิกจ่าย (รายการใหม่)": "1/3/2565", "จำนวนเงินเบิกจ่าย (รายการใหม่)": 0},
        "จำนวนเงินเบิกจ่าย (รายการใหม่)",
        "จำนวนเงินต้องมากกว่าศูนย์",
    ),
    (
        {"วันที่เบิกจ่าย (รายการใหม่)": "1/3/2565", "จำนวนเงินเบิกจ่าย (รายการใหม่)": "-500"},
        "จำนวนเงินเบิกจ่าย (รายการใหม่)",
        "จำนวนเงินต้องมากกว่าศูนย์",
    ),
    (
        {"วันที่เบิกจ่าย (รายการใหม่)": "1/3/2565", "จำนวนเงินเบิกจ่าย (รายการใหม่)": "ห้าพัน"},
        "จำนวนเงินเบิกจ่าย (รายการใหม่)",
        "กรุณากรอกจำนวนเงินเป็นตัวเลข",
    ),
    (
        {"วันที่เบิกจ่าย (รายการใหม่)": "30/9/2564", "จำนวนเงินเบิกจ่าย (รายการใหม่)": 500},
        "วันที่เบิกจ่าย (รายการใหม่)",
        "วันที่เบิกจ่ายต้องไม่ก่อนวันเริ่มปีงบประมาณ (1 ตุลาคม พ.ศ. 2564)",
    ),
    (
        {"วันที่เบิกจ่าย (รายการใหม่)": "6/4/2565", "จำนวนเงินเบิกจ่าย (รายการใหม่)": 500},
        "วันที่เบิกจ่าย (รายการใหม่)",
        "วันที่เบิกจ่ายต้องไม่เป็นวันในอนาคต",
    ),
    (
        {"วันที่เบิกจ่าย (รายการใหม่)": "๓๑/๑๓/๒๕๖๕", "จำนวนเงินเบิกจ่าย (รายการใหม่)": 500},
        "วันที่เบิกจ่าย (รายการใหม่)",
        "ไม่มีวันที่ 31 เดือน 13",
    ),
    (
        {"จำนวนเงินเบิกจ่าย (รายการใหม่)": 500},
        "วันที่เบิกจ่าย (รายการใหม่)",
        "กรุณาระบุวันที่เบิกจ่ายคู่กับจำนวนเงิน",
    ),
    (
        {"วันที่เบิกจ่าย (รายการใหม่)": "1/3/2565"},
        "จำนวนเงินเบิกจ่าย (รายการใหม่)",
        "กรุณาระบุจำนวนเงินที่เบิกจ่ายคู่กับวันที่",
    ),
    ({"ปัญหาและอุปสรรค": "ก" * 2001}, "ปัญหาและอุปสรรค", "ข้อความยาวเกิน 2,000 ตัวอักษร"),
    (
        {"สถานะ": "ยกเลิก", "เหตุผลที่ยกเลิก": "ก" * 1001},
        "เหตุผลที่ยกเลิก",
        "ข้อความยาวเกินไป กรอกได้ไม่เกิน 1,000 ตัวอักษร (ตอนนี้ 1,001)",
    ),
]


@pytest.mark.parametrize("cells, heading, message", ERRORS, ids=[e[2][:30] for e in ERRORS])
def test_it_names_the_cell_and_says_what_is_wrong(announced, cells, heading, message):
    row, book = one_row(announced, cells)
    assert row.action == ERROR
    assert [(p.ref, p.label) for p in row.problems] == [(f"{letter(book, heading)}3", heading)]
    assert message in row.problems[0].message


def test_it_refuses_a_project_of_another_plan_without_naming_it(announced, other_world):
    elsewhere = add_project(other_world, title="โครงการลับของอีกองค์กร")
    row, _book = one_row(announced, {"รหัสโครงการ": elsewhere.pk})
    assert row.action == ERROR
    assert "เป็นโครงการของแผนอื่น ไม่ใช่โครงการในแผนนี้" in row.problems[0].message
    assert "โครงการลับ" not in row.problems[0].message + row.title


def test_it_refuses_a_project_named_twice(announced):
    project = Project.objects.get(plan=announced)
    content, _book = filled(announced, [{}, {"รหัสโครงการ": project.pk, "สถานะ": "แล้วเสร็จ"}])
    first, second = preview_of(announced, content).rows
    assert first.action == UNCHANGED
    assert second.action == ERROR
    assert second.problems[0].message == f"รหัสโครงการ {project.pk} ซ้ำกับแถว 3 ในไฟล์"


def test_it_refuses_the_file_of_another_plan_as_a_whole(announced, other_world):
    add_project(other_world)
    content = progress_xlsx(other_world["plan"])
    with pytest.raises(ImportFileError) as refused:
        preview_of(announced, content)
    assert "ไฟล์นี้เป็นของแผนอื่น" in refused.value.message


def test_it_reads_thai_digits_buddhist_dates_and_month_names(announced, personas):
    row, _book = one_row(
        announced,
        {
            "สถานะ": " ลงนาม สัญญาแล้ว ",
            "วิธีจัดซื้อจัดจ้าง": "วิธีประกาศเชิญชวน (e-bidding)",
            "วงเงินตามสัญญา/ใบสั่ง (บาท)": "๑๒,๕๐๐.๕๐ บาท",
            "วันที่ลงนามสัญญา/ใบสั่ง": "๒๐/๑๒/๖๔",
            "ความก้าวหน้า (ร้อยละ)": "๔๕.๕%",
            "เดือนที่เริ่มดำเนินการจริง": "ม.ค. ๖๕",
            "เดือนที่แล้วเสร็จจริง": "มีนาคม 2565",
            "วันที่เบิกจ่าย (รายการใหม่)": datetime(2022, 3, 1),
            "จำนวนเงินเบิกจ่าย (รายการใหม่)": "๕,๐๐๐",
        },
    )
    assert row.action == CHANGE, row.problems
    assert row.values | {"problems": ""} == {
        "status": ProgressStatus.CONTRACTED,
        "cancel_reason": "",
        "procurement_method": "e_bidding",
        "contract_amount": Decimal("12500.50"),
        "contract_on": date(2021, 12, 20),
        "percent_done": Decimal("45.5"),
        "actual_start": date(2022, 1, 1),
        "actual_end": date(2022, 3, 1),
        "problems": "",
    }
    assert row.payment == (date(2022, 3, 1), Decimal("5000"))
    labels = [label for label, _old, _new in row.changes]
    assert "สถานะ" in labels and "วงเงินตามสัญญา/ใบสั่ง (บาท)" in labels
    other, _book = one_row(
        announced,
        {
            "วันที่ลงนามสัญญา/ใบสั่ง": "2021-12-20",
            "เดือนที่เริ่มดำเนินการจริง": "10/2564",
            "เดือนที่แล้วเสร็จจริง": datetime(2022, 2, 14),
        },
    )
    assert (
        other.values["contract_on"],
        other.values["actual_start"],
        other.values["actual_end"],
    ) == (date(2021, 12, 20), date(2021, 10, 1), date(2022, 2, 1))


def test_an_empty_cell_clears_its_field_but_keeps_the_status_and_the_per_cent(announced, personas):
    project = Project.objects.get(plan=announced)
    progress.progress_update(
        project=project,
        by=personas["staff"],
        values={
            "status": ProgressStatus.IN_PROGRESS,
            "percent_done": Decimal("60"),
            "problems": "ฝนตก",
            "contract_amount": Decimal("1000"),
        },
        expected_version=None,
    )
    row, _book = one_row(
        announced,
        {
            "สถานะ": None,
            "ความก้าวหน้า (ร้อยละ)": None,
            "ปัญหาและอุปสรรค": None,
            "วงเงินตามสัญญา/ใบสั่ง (บาท)": None,
        },
    )
    assert row.action == CHANGE
    assert sorted(row.changes) == [
        ("ปัญหาและอุปสรรค", "ฝนตก", ""),
        ("วงเงินตามสัญญา/ใบสั่ง (บาท)", "1,000.00", ""),
    ]


def test_a_cancelled_project_keeps_its_reason_and_others_drop_it(announced):
    row, _book = one_row(announced, {"สถานะ": "ยกเลิก", "เหตุผลที่ยกเลิก": "ได้รับงบจากกรมแล้ว"})
    assert row.action == CHANGE
    assert ("เหตุผลที่ยกเลิก", "", "ได้รับงบจากกรมแล้ว") in row.changes
    row, _book = one_row(announced, {"เหตุผลที่ยกเลิก": "พิมพ์ไว้ผิดแถว"})
    assert row.action == UNCHANGED
