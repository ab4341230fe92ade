"""Downloads of an announced plan: CSV, XLSX and JSON, with one documented list of columns.

Every format has the same columns in the same order, described on the plan page from
``COLUMNS``. CSV and XLSX head them with the Thai label, JSON with the English key.
Amounts are exact: a plain "250000.00" in CSV, a number cell in XLSX, a string in JSON
(JSON numbers are binary floats in most readers). Dates are ISO 8601. ``url`` is the plan
page's absolute address, printed in the file so that a copy says where it came from.
"""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from projects import thai
from projects.models import OperationsPlan, Project

FORM_CODES = {Project.Form.PROJECT: "ผด.02", Project.Form.EQUIPMENT: "ผด.02/1"}
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    description: str
    value: Callable[[Project], object]
    json_value: Callable[[Project], object] | None = None

    def for_json(self, project: Project):
        value = (self.json_value or self.value)(project)
        return str(value) if isinstance(value, Decimal) else value


COLUMNS: list[Column] = [
    Column("id", "รหัสโครงการ", "เลขประจำโครงการ ใช้ในที่อยู่หน้าเว็บของโครงการ", lambda p: p.pk),
    Column(
        "form", "แบบ", "ผด.02 (โครงการ/กิจกรรม) หรือ ผด.02/1 (ครุภัณฑ์)", lambda p: FORM_CODES[p.form]
    ),
    Column("strategy_number", "ยุทธศาสตร์ที่", "ลำดับยุทธศาสตร์", lambda p: p.strategy.number),
    Column("strategy", "ยุทธศาสตร์", "ชื่อยุทธศาสตร์", lambda p: p.strategy.name),
    Column(
        "guideline",
        "แนวทางการพัฒนา",
        "ลำดับและชื่อแนวทางการพัฒนา",
        # Not str(guideline): that reads the strategy again, a query per row.
        lambda p: f"{p.strategy.number}.{p.guideline.number} {p.guideline.name}",
    ),
    Column("program_code", "รหัสแผนงาน", "รหัสแผนงานตามการจำแนกงบประมาณ", lambda p: p.program.code),
    Column("program", "แผนงาน", "ชื่อแผนงาน", lambda p: p.program.name),
    Column(
        "equipment_type",
        "ประเภทครุภัณฑ์",
        "เฉพาะ ผด.02/1 ว่างสำหรับโครงการ",
        lambda p: p.equipment_type.name if p.equipment_type else "",
    ),
    Column("title", "โครงการ/กิจกรรม", "ชื่อโครงการ กิจกรรม หรือครุภัณฑ์", lambda p: p.title),
    Column("details", "รายละเอียดของกิจกรรม", "รายละเอียดตามแบบ ผด.02", lambda p: p.details),
    Column(
        "output_target", "ผลผลิต/เป้าหมาย", "ผลผลิตหรือเป้าหมายของโครงการ", lambda p: p.output_target
    ),
    Column("location", "สถานที่ดำเนินการ", "สถานที่ตามที่ระบุในแผน", lambda p: p.location),
    Column(
        "villages",
        "หมู่บ้าน",
        "หมู่บ้านที่ดำเนินการ คั่นด้วย ; (ใน JSON เป็นรายการ)",
        lambda p: "; ".join(str(v) for v in p.villages.all()),
        lambda p: [str(v) for v in p.villages.all()],
    ),
    Column(
        "ownership",
        "เจ้าของโครงการ",
        "ขององค์กรเอง หรือ ของหน่วยงานอื่น",
        lambda p: p.get_ownership_display(),
    ),
    Column("responsible", "หน่วยงานรับผิดชอบหลัก", "กอง/ส่วน หรือหน่วยงานอื่น", lambda p: p.responsible),
    Column(
        "budget",
        "งบประมาณ (บาท)",
        "รวมทุกรายการงบประมาณ ทศนิยมสองตำแหน่ง ไม่มีจุลภาค (ใน JSON เป็นข้อความ)",
        lambda p: p.total.quantize(Decimal("0.01")),
    ),
    Column(
        "months",
        "เดือนที่ดำเนินการ",
        "เลขเดือน (10 = ตุลาคม) เรียงตามปีงบประมาณ คั่นด้วยช่องว่าง (ใน JSON เป็นรายการตัวเลข)",
        lambda p: " ".join(str(m) for m in thai.FISCAL_MONTHS if m in p.months),
        lambda p: [m for m in thai.FISCAL_MONTHS if m in p.months],
    ),
    Column("month_names", "ชื่อเดือน", "ชื่อย่อเดือนที่ดำเนินการ", lambda p: p.month_labels),
    Column(
        "plan_reference",
        "อ้างอิงแผนพัฒนาท้องถิ่น",
        "หน้าและลำดับในแผนพัฒนาท้องถิ่น",
        lambda p: p.plan_reference,
    ),
]

BUDGET_LINE_HEADINGS = [
    "รหัสโครงการ",
    "โครงการ/กิจกรรม",
    "งบ",
    "หมวด",
    "แหล่งงบประมาณ",
    "หมายเหตุ",
    "จำนวนเงิน (บาท)",
]


def _safe_text(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(projects: list[Project]) -> bytes:
    """UTF-8 with a byte-order mark, which is what makes Excel read the Thai correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.label for c in COLUMNS])
    for p in projects:
        writer.writerow([_safe_text(c.value(p)) for c in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def plan_metadata(plan: OperationsPlan, url: str) -> dict:
    announcement = plan.announcement
    return {
        "organization": plan.organization.name,
        "organization_slug": plan.organization.slug,
        "title": plan.title,
        "fiscal_year": plan.fiscal_year,
        "supplement_number": plan.supplement_number,
        "starts_on": plan.starts_on.isoformat(),
        "ends_on": plan.ends_on.isoformat(),
        "announced_on": announcement.announced_on.isoformat(),
        "signer_name": announcement.signer_name,
        "signer_title": announcement.signer_title,
        "url": url,
    }


def to_json(plan: OperationsPlan, projects: list[Project], url: str) -> bytes:
    rows = []
    for p in projects:
        row = {c.key: c.for_json(p) for c in COLUMNS}
        row["budget_lines"] = [
            {
                "group": line.get_group_display(),
                "category": line.get_category_display(),
                "source": line.get_source_display(),
                "note": line.note,
                "amount": str(line.amount),
            }
            for line in p.budget_lines.all()
        ]
        rows.append(row)
    document = {
        "plan": plan_metadata(plan, url),
        "total": str(sum((p.total for p in projects), Decimal("0.00"))),
        "columns": [
            {"key": c.key, "label": c.label, "description": c.description} for c in COLUMNS
        ],
        "projects": rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def to_xlsx(plan: OperationsPlan, projects: list[Project], url: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "โครงการ"
    sheet.append([c.label for c in COLUMNS])
    for p in projects:
        sheet.append([c.value(p) for c in COLUMNS])
    lines = book.create_sheet("รายการงบประมาณ")
    lines.append(BUDGET_LINE_HEADINGS)
    for p in projects:
        for line in p.budget_lines.all():
            lines.append(
                [
                    p.pk,
                    p.title,
                    line.get_group_display(),
                    line.get_category_display(),
                    line.get_source_display(),
                    line.note,
                    line.amount,
                ]
            )
    about = book.create_sheet("เกี่ยวกับแผน")
    for key, value in plan_metadata(plan, url).items():
        about.append([key, value])
    for ws in (sheet, lines):
        ws.freeze_panes = "A2"
        for cell in ws[1]:
            cell.font = Font(bold=True)
    # Every cell of every sheet, the plan's own too: a signer's name can start with "=".
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, Decimal):
                    cell.number_format = "#,##0.00"
                elif isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    # openpyxl stores a string starting with "=" as a formula; a string cell
                    # keeps the text exactly as typed and is never run.
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
