"""The Excel file of an announced plan's progress: one row per project, prefilled with its
record as it stands, for the departments to fill in and bring back (progress_rows.py).

The plan's own columns (title, strategy, budget, months) are there to say which project a
row is, and are never read back; the monitoring columns are, by their Thai headings. The
first row names the plan and its id, so that a file of another plan is refused as a whole.
Dates are written as text in the Buddhist era ("20/12/2564"), whatever the reader's Excel
calendar, and read back in either era.
"""

import hashlib
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Sum, Value
from django.db.models.functions import Coalesce
from django.utils import translation

from projects import thai
from projects.fields import format_thai_date
from projects.models import OperationsPlan, Procurement, ProgressStatus, Project, ProjectProgress
from projects.progress import disbursed_by, progress_of

MAIN_SHEET = "ผลการดำเนินงาน"
HELP_SHEET = "คำอธิบาย"
PLAN_MARK = "รหัสแผน"
HEADING_ROW = 2


@dataclass(frozen=True)
class ProgressColumn:
    key: str
    label: str
    description: str
    help: str = ""
    editable: bool = True
    width: int = 16


# Read-only: what the announced plan says of the project, to tell the rows apart.
CONTEXT = [
    ProgressColumn("title", "โครงการ/กิจกรรม", "ชื่อโครงการตามแผนที่ประกาศ", editable=False, width=40),
    ProgressColumn("strategy_number", "ยุทธศาสตร์ที่", "ลำดับยุทธศาสตร์", editable=False, width=10),
    ProgressColumn("program", "แผนงาน", "แผนงานตามการจำแนกงบประมาณ", editable=False, width=20),
    ProgressColumn("responsible", "หน่วยงานรับผิดชอบหลัก", "กอง/ส่วน หรือหน่วยงานอื่น", editable=False),
    ProgressColumn(
        "budget", "งบประมาณตามแผน (บาท)", "รวมทุกรายการงบประมาณของโครงการ", editable=False
    ),
    ProgressColumn("months", "เดือนที่ดำเนินการตามแผน", "เดือนที่ระบุไว้ในแผน", editable=False),
]
KEY = ProgressColumn(
    "id",
    "รหัสโครงการ",
    "เลขประจำโครงการในระบบ ใช้จับคู่แถวกับโครงการ",
    "ห้ามแก้ไข แถวที่ไม่มีรหัสหรือรหัสไม่ตรงกับโครงการในแผนนี้จะนำเข้าไม่ได้",
    editable=False,
    width=10,
)
MONTH_HELP = "เดือนและปี พ.ศ. เช่น “ต.ค. 2564”, “ตุลาคม 64” หรือ “10/2564”"
DATE_HELP = "วัน/เดือน/ปี พ.ศ. เช่น 20/12/2564 (ปี ค.ศ. ก็ได้)"
RECORD = [
    ProgressColumn(
        "status",
        "สถานะ",
        "สถานะของโครงการ",
        "เลือกจากรายการ ช่องว่าง = คงสถานะเดิม",
        width=22,
    ),
    ProgressColumn(
        "cancel_reason",
        "เหตุผลที่ยกเลิก",
        "ต้องระบุเมื่อสถานะเป็น “ยกเลิก”",
        "ใช้เฉพาะโครงการที่ยกเลิก สถานะอื่นจะไม่บันทึกเหตุผลนี้",
        width=30,
    ),
    ProgressColumn(
        "procurement_method", "วิธีจัดซื้อจัดจ้าง", "วิธีจัดซื้อจัดจ้างที่ใช้", "เลือกจากรายการ", width=24
    ),
    ProgressColumn(
        "contract_amount",
        "วงเงินตามสัญญา/ใบสั่ง (บาท)",
        "วงเงินตามสัญญาหรือใบสั่งซื้อสั่งจ้าง",
        "จำนวนเงินมากกว่าศูนย์ เช่น 245,000 หรือ ๒๔๕,๐๐๐",
    ),
    ProgressColumn("contract_on", "วันที่ลงนามสัญญา/ใบสั่ง", "วันที่ลงนามสัญญาหรือออกใบสั่ง", DATE_HELP),
    ProgressColumn(
        "percent_done",
        "ความก้าวหน้า (ร้อยละ)",
        "ความก้าวหน้าทางกายภาพ",
        "0 ถึง 100 ทศนิยมไม่เกิน 2 ตำแหน่ง โครงการที่แล้วเสร็จต้องเป็น 100 ช่องว่าง = คงค่าเดิม",
    ),
    ProgressColumn("actual_start", "เดือนที่เริ่มดำเนินการจริง", "เดือนที่เริ่มดำเนินการจริง", MONTH_HELP),
    ProgressColumn("actual_end", "เดือนที่แล้วเสร็จจริง", "เดือนที่แล้วเสร็จจริง", MONTH_HELP),
    ProgressColumn("problems", "ปัญหาและอุปสรรค", "ปัญหาและอุปสรรคในการดำเนินงาน", width=40),
]
PAYMENT = [
    ProgressColumn(
        "disbursed",
        "เบิกจ่ายแล้วรวม (บาท)",
        "ยอดเบิกจ่ายที่บันทึกไว้แล้วถึงวันที่ดาวน์โหลดไฟล์",
        "อ่านอย่างเดียว รายการเบิกจ่ายที่บันทึกแล้วแก้ไขหรือลบได้ที่หน้าผลการดำเนินงานของโครงการ",
        editable=False,
    ),
    ProgressColumn("paid_on", "วันที่เบิกจ่าย (รายการใหม่)", "วันที่ของการเบิกจ่ายครั้งใหม่หนึ่งรายการ", DATE_HELP),
    ProgressColumn(
        "paid_amount",
        "จำนวนเงินเบิกจ่าย (รายการใหม่)",
        "จำนวนเงินของการเบิกจ่ายครั้งใหม่ (บาท)",
        "มากกว่าศูนย์ กรอกคู่กับวันที่เบิกจ่าย",
    ),
]
# What the row's record was when the file was made: its version and a digest of its values.
# A row brought back as it was written (a department filled only its own rows of a file
# sent to every department) then changes nothing, even if the record moved on since; a row
# that was changed, of a record that moved on since, is refused rather than undo that.
STAMP = ProgressColumn(
    "stamp",
    "ฉบับข้อมูล",
    "ฉบับของผลการดำเนินงานเมื่อสร้างไฟล์ (คอลัมน์ซ่อน)",
    "ห้ามแก้ไข ใช้ตรวจว่าแถวนี้ถูกแก้ไขหรือไม่ และมีผู้บันทึกผลการดำเนินงานหลังจากสร้างไฟล์หรือไม่",
    editable=False,
)
COLUMNS = [KEY, *CONTEXT, *RECORD, *PAYMENT, STAMP]


def choice_labels(choices) -> list[str]:
    """A vocabulary's Thai labels, whatever the language of the page that asked for them."""
    with translation.override("th"):
        return [str(label) for _value, label in choices]


def _canonical(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def digest(values: dict) -> str:
    """The record's values as the file says them, in a few characters (see STAMP)."""
    text = "\x1f".join(f"{c.key}={_canonical(values.get(c.key))}" for c in RECORD)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def stamp(record: ProjectProgress) -> str:
    written = {c.key: getattr(record, c.key) for c in RECORD}
    for key in ("actual_start", "actual_end"):  # written as a month, read as its first day
        written[key] = written[key] and written[key].replace(day=1)
    return f"{record.version if record.pk else 0}:{digest(written)}"


def month_text(day: date | None) -> str:
    if day is None:
        return ""
    return f"{thai.MONTH_ABBRS[day.month]} {thai.buddhist_year(day)}"


def plan_projects(plan: OperationsPlan, departments: frozenset[int] | None = None):
    """The plan's projects as the file lists them, with their records, in few queries; only
    those of ``departments`` when given (a department's own file)."""
    projects = Project.objects.filter(plan=plan)
    if departments is not None:
        projects = projects.filter(department_id__in=departments)
    return (
        projects.select_related("strategy", "program", "department", "progress")
        .annotate(planned=Coalesce(Sum("budget_lines__amount"), Value(Decimal("0"))))
        .order_by("strategy__number", "program__code", "id")
    )


def _values(project: Project, record: ProjectProgress, disbursed: Decimal) -> dict:
    with translation.override("th"):
        return {
            "id": project.pk,
            "title": project.title,
            "strategy_number": project.strategy.number,
            "program": project.program.name,
            "responsible": project.responsible,
            "budget": project.planned,
            "months": thai.month_labels(project.months),
            "status": str(record.get_status_display()),
            "cancel_reason": record.cancel_reason,
            "procurement_method": str(record.get_procurement_method_display()),
            "contract_amount": record.contract_amount,
            "contract_on": format_thai_date(record.contract_on) if record.contract_on else "",
            "percent_done": record.percent_done,
            "actual_start": month_text(record.actual_start),
            "actual_end": month_text(record.actual_end),
            "problems": record.problems,
            "disbursed": disbursed,
            "stamp": stamp(record),
        }


def progress_xlsx(plan: OperationsPlan, departments: frozenset[int] | None = None) -> bytes:
    """The plan's progress file: every project, or only those of ``departments``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    projects = list(plan_projects(plan, departments))
    paid = disbursed_by([p.pk for p in projects])
    book = Workbook()
    sheet = book.active
    sheet.title = MAIN_SHEET
    sheet.append([f"{plan.title} · {plan.organization.name} · {PLAN_MARK} {plan.pk}"])
    sheet[1][0].font = Font(bold=True)
    sheet.append([c.label for c in COLUMNS])
    grey = PatternFill("solid", fgColor="E7E6E6")
    for index, (cell, column) in enumerate(zip(sheet[HEADING_ROW], COLUMNS, strict=True), 1):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if not column.editable:
            cell.fill = grey
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for project in projects:
        values = _values(project, progress_of(project), paid.get(project.pk, Decimal("0")))
        sheet.append([values.get(c.key) for c in COLUMNS])
    for row in sheet.iter_rows(min_row=HEADING_ROW + 1):
        for cell, column in zip(row, COLUMNS, strict=False):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, even "=…" or "20/12/2564"
            elif isinstance(cell.value, Decimal):
                cell.number_format = "0.00" if column.key == "percent_done" else "#,##0.00"
            if not column.editable:
                cell.fill = grey
    _lists(sheet, len(projects))
    sheet.column_dimensions[get_column_letter(len(COLUMNS))].hidden = True
    sheet.freeze_panes = f"C{HEADING_ROW + 1}"
    _help_sheet(book.create_sheet(HELP_SHEET), plan)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _lists(sheet, rows: int) -> None:
    """A drop-down list in the status and procurement cells (typing stays possible in other
    spreadsheets; the import checks every value anyway)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    last = HEADING_ROW + max(rows, 1)
    vocabularies = (("status", ProgressStatus.choices), ("procurement_method", Procurement.choices))
    for key, choices in vocabularies:
        labels = choice_labels(choices)
        letter = get_column_letter(next(i for i, c in enumerate(COLUMNS, 1) if c.key == key))
        rule = DataValidation(
            type="list",
            formula1='"' + ",".join(labels) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="ค่าไม่อยู่ในรายการ",
            error="กรุณาเลือกจากรายการ",
        )
        rule.add(f"{letter}{HEADING_ROW + 1}:{letter}{last}")
        sheet.add_data_validation(rule)


def _help_sheet(sheet, plan: OperationsPlan) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append([f"ผลการดำเนินงาน: {plan.title} ({plan.organization.name}) {PLAN_MARK} {plan.pk}"])
    sheet[1][0].font = Font(bold=True)
    for line in (
        "หนึ่งแถวต่อหนึ่งโครงการ จับคู่ด้วยรหัสโครงการ แถวที่ลบออกจากไฟล์จะไม่เปลี่ยนแปลง",
        "ช่องสีเทาอ่านอย่างเดียว (ข้อมูลตามแผนที่ประกาศ) แก้ไขแล้วไม่มีผล",
        "ช่องว่าง = ไม่มีข้อมูล (ล้างค่าเดิม) ยกเว้นสถานะและความก้าวหน้า ซึ่งช่องว่าง = คงค่าเดิม",
        "การเบิกจ่ายครั้งใหม่: กรอกวันที่และจำนวนเงิน ได้หนึ่งรายการต่อแถวต่อการนำเข้า "
        "ไฟล์ที่นำเข้าแล้ว อย่านำเข้าซ้ำ รายการที่ตรงกับที่บันทึกไว้แล้ว (วันที่และจำนวนเงินเดียวกัน) จะถูกปฏิเสธ",
        "ตัวเลขไทยหรืออารบิกก็ได้ วันที่เป็น วว/ดด/ปปปป พ.ศ. เดือนเป็น “ต.ค. 2564”",
        "ก่อนบันทึก ระบบแสดงตัวอย่างสิ่งที่จะเปลี่ยนของทุกโครงการ แล้วบันทึกทั้งไฟล์พร้อมกัน หรือไม่บันทึกเลยหากมีข้อผิดพลาด",
    ):
        sheet.append([line])
    sheet.append([])
    sheet.append(["หัวคอลัมน์", "แก้ไขได้", "ความหมาย", "วิธีกรอก"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    first = sheet.max_row
    for column in COLUMNS:
        sheet.append(
            [
                column.label,
                "แก้ไขได้" if column.editable else "อ่านอย่างเดียว",
                column.description,
                column.help,
            ]
        )
    sheet.append([])
    sheet.append(["ค่าที่ใช้ได้"])
    sheet[sheet.max_row][0].font = Font(bold=True)
    for title, labels in (
        ("สถานะ", choice_labels(ProgressStatus.choices)),
        ("วิธีจัดซื้อจัดจ้าง", choice_labels(Procurement.choices)),
    ):
        for n, label in enumerate(labels):
            sheet.append([title if n == 0 else "", "", label])
    for letter, width in zip("ABCD", (30, 14, 50, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=first):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
