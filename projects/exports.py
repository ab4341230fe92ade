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
from typing import Any

from projects import cells, thai
from projects.models import BudgetLine, OperationsPlan, Project

FORM_CODES = {Project.Form.PROJECT: "ผด.02", Project.Form.EQUIPMENT: "ผด.02/1"}
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """One column of the downloads, the import template and the import itself.

    ``parse`` reads the column back from a spreadsheet cell (projects/cells.py); a column
    without it (a computed one, such as the month names) is exported but not imported.
    ``aliases`` are other headings offices use for it.
    """

    key: str
    label: str
    description: str
    value: Callable[[Any], object]
    json_value: Callable[[Any], object] | None = None
    parse: Callable[[str], object] | None = None
    required: bool = False
    aliases: tuple[str, ...] = ()
    help: str = ""

    def for_json(self, project: Project):
        value = (self.json_value or self.value)(project)
        return str(value) if isinstance(value, Decimal) else value


def _months_text(p) -> str:
    return " ".join(str(m) for m in thai.FISCAL_MONTHS if m in p.months)


_FORMS = {
    **{code: value for value, code in FORM_CODES.items()},
    **{str(label): value for value, label in Project.Form.choices},
}
_OWNERSHIPS = {
    **{str(label): value for value, label in Project.Ownership.choices},
    "เอง": Project.Ownership.OWN,
    "องค์กรเอง": Project.Ownership.OWN,
    "หน่วยงานอื่น": Project.Ownership.OTHER_AGENCY,
    "อื่น": Project.Ownership.OTHER_AGENCY,
}

COLUMNS: list[Column] = [
    Column(
        "id",
        "รหัสโครงการ",
        "เลขประจำโครงการ ใช้ในที่อยู่หน้าเว็บของโครงการ",
        lambda p: p.pk,
        parse=cells.integer,
        help="มีรหัส = แก้ไขโครงการนั้นในแผนนี้ ว่าง = เพิ่มเป็นโครงการใหม่",
    ),
    Column(
        "form",
        "แบบ",
        "ผด.02 (โครงการ/กิจกรรม) หรือ ผด.02/1 (ครุภัณฑ์)",
        lambda p: FORM_CODES[p.form],
        parse=cells.choice(_FORMS, "แบบ"),
        help="ว่าง = ผด.02",
    ),
    Column(
        "strategy_number",
        "ยุทธศาสตร์ที่",
        "ลำดับยุทธศาสตร์",
        lambda p: p.strategy.number,
        parse=cells.integer,
        help="ระบุลำดับหรือชื่อยุทธศาสตร์อย่างใดอย่างหนึ่ง",
    ),
    Column("strategy", "ยุทธศาสตร์", "ชื่อยุทธศาสตร์", lambda p: p.strategy.name, parse=cells.text),
    Column(
        "guideline",
        "แนวทางการพัฒนา",
        "ลำดับและชื่อแนวทางการพัฒนา",
        # Not str(guideline): that reads the strategy again, a query per row.
        lambda p: f"{p.strategy.number}.{p.guideline.number} {p.guideline.name}",
        parse=cells.text,
        required=True,
        help="เช่น “1.2” หรือชื่อแนวทาง ต้องอยู่ในยุทธศาสตร์ของแถวนั้น",
    ),
    Column(
        "program_code",
        "รหัสแผนงาน",
        "รหัสแผนงานตามการจำแนกงบประมาณ",
        lambda p: p.program.code,
        parse=cells.text,
        help="ระบุรหัสหรือชื่อแผนงานอย่างใดอย่างหนึ่ง",
    ),
    Column("program", "แผนงาน", "ชื่อแผนงาน", lambda p: p.program.name, parse=cells.text),
    Column(
        "equipment_type",
        "ประเภทครุภัณฑ์",
        "เฉพาะ ผด.02/1 ว่างสำหรับโครงการ",
        lambda p: p.equipment_type.name if p.equipment_type else "",
        parse=cells.text,
    ),
    Column(
        "title",
        "โครงการ/กิจกรรม",
        "ชื่อโครงการ กิจกรรม หรือครุภัณฑ์",
        lambda p: p.title,
        parse=cells.text,
        required=True,
        aliases=("โครงการ", "ชื่อโครงการ", "ชื่อโครงการ/กิจกรรม", "ครุภัณฑ์"),
        help="แถวที่ชื่อว่างแต่มีรายการงบประมาณ = รายการงบประมาณเพิ่มของโครงการแถวบน",
    ),
    Column(
        "details",
        "รายละเอียดของกิจกรรม",
        "รายละเอียดตามแบบ ผด.02",
        lambda p: p.details,
        parse=cells.text,
        aliases=("รายละเอียดของกิจกรรมที่เกิดขึ้นจากโครงการ", "รายละเอียดของครุภัณฑ์"),
    ),
    Column(
        "output_target",
        "ผลผลิต/เป้าหมาย",
        "ผลผลิตหรือเป้าหมายของโครงการ",
        lambda p: p.output_target,
        parse=cells.text,
    ),
    Column(
        "location",
        "สถานที่ดำเนินการ",
        "สถานที่ตามที่ระบุในแผน",
        lambda p: p.location,
        parse=cells.text,
    ),
    Column(
        "villages",
        "หมู่บ้าน",
        "หมู่บ้านที่ดำเนินการ คั่นด้วย ; (ใน JSON เป็นรายการ)",
        lambda p: "; ".join(str(v) for v in p.villages.all()),
        lambda p: [str(v) for v in p.villages.all()],
        parse=cells.villages,
        help="เลขหมู่หรือชื่อหมู่บ้าน คั่นด้วย , หรือ ; เช่น “1, 3” หรือ “หมู่ที่ 2 บ้านดอนมูล”",
    ),
    Column(
        "ownership",
        "เจ้าของโครงการ",
        "ขององค์กรเอง หรือ ของหน่วยงานอื่น",
        lambda p: p.get_ownership_display(),
        parse=cells.choice(_OWNERSHIPS, "เจ้าของโครงการ"),
        help="ว่าง = ขององค์กรเอง",
    ),
    Column(
        "responsible",
        "หน่วยงานรับผิดชอบหลัก",
        "กอง/ส่วน หรือหน่วยงานอื่น",
        lambda p: p.responsible,
        parse=cells.text,
        required=True,
        help="โครงการขององค์กรเอง: ชื่อกอง/ส่วนตามข้อมูลหลัก ของหน่วยงานอื่น: ชื่อหน่วยงานนั้น",
    ),
    Column(
        "budget",
        "งบประมาณ (บาท)",
        "รวมทุกรายการงบประมาณ ทศนิยมสองตำแหน่ง ไม่มีจุลภาค (ใน JSON เป็นข้อความ)",
        lambda p: p.total.quantize(Decimal("0.01")),
        parse=cells.amount,
        help="ใช้ตรวจสอบ: ถ้าระบุ ต้องเท่ากับผลรวมรายการงบประมาณของโครงการ",
    ),
    Column(
        "months",
        "เดือนที่ดำเนินการ",
        "เลขเดือน (10 = ตุลาคม) เรียงตามปีงบประมาณ คั่นด้วยช่องว่าง (ใน JSON เป็นรายการตัวเลข)",
        _months_text,
        lambda p: [m for m in thai.FISCAL_MONTHS if m in p.months],
        parse=cells.months,
        help="เลขเดือน ชื่อย่อ หรือช่วง เช่น “10 11 12”, “ต.ค. พ.ย.”, “ม.ค.–เม.ย.” "
        "หรือทำเครื่องหมายในช่อง ต.ค.–ก.ย.",
    ),
    Column(
        "month_names",
        "ชื่อเดือน",
        "ชื่อย่อเดือนที่ดำเนินการ",
        lambda p: p.month_labels,
        parse=cells.months,
    ),
    Column(
        "plan_reference",
        "อ้างอิงแผนพัฒนาท้องถิ่น",
        "หน้าและลำดับในแผนพัฒนาท้องถิ่น",
        lambda p: p.plan_reference,
        parse=cells.text,
        help="เช่น “หน้า 45 ลำดับที่ 12”",
    ),
]

# The import template marks months as in the printed ผด.02: a cell per month, any mark.
MONTH_COLUMNS: list[Column] = [
    Column(
        f"month_{m}",
        thai.MONTH_ABBRS[m],
        f"ทำเครื่องหมายใด ๆ (เช่น x) ถ้าดำเนินการเดือน{thai.MONTH_NAMES[m]}",
        lambda p, m=m: "x" if m in p.months else "",
        parse=cells.text,
        aliases=(thai.MONTH_NAMES[m],),
    )
    for m in thai.FISCAL_MONTHS
]


def _choices(choices) -> dict[str, str]:
    return {**{str(label): value for value, label in choices}, **{v: v for v, _ in choices}}


# A budget line: the downloads' second sheet, and the template's last columns (a project
# with several lines takes a row per line, the title only on the first).
LINE_COLUMNS: list[Column] = [
    Column(
        "line_group",
        "งบ",
        "งบตามการจำแนกงบประมาณ",
        lambda line: line.get_group_display(),
        parse=cells.choice(_choices(BudgetLine.Group.choices), "งบ"),
        required=True,
    ),
    Column(
        "line_category",
        "หมวด",
        "หมวดรายจ่าย (ค่าครุภัณฑ์ ค่าที่ดินและสิ่งก่อสร้าง …)",
        lambda line: line.get_category_display(),
        parse=cells.choice(_choices(BudgetLine.Category.choices), "หมวด"),
    ),
    Column(
        "line_source",
        "แหล่งงบประมาณ",
        "ข้อบัญญัติงบประมาณ เงินสะสม เงินอุดหนุน หรือของหน่วยงานอื่น",
        lambda line: line.get_source_display(),
        parse=cells.choice(_choices(BudgetLine.Source.choices), "แหล่งงบประมาณ"),
        help="ว่าง = ข้อบัญญัติงบประมาณรายจ่ายประจำปี",
    ),
    Column("line_note", "หมายเหตุ", "หมายเหตุของรายการ", lambda line: line.note, parse=cells.text),
    Column(
        "line_amount",
        "จำนวนเงิน (บาท)",
        "จำนวนเงินของรายการ",
        lambda line: line.amount,
        parse=cells.amount,
        required=True,
        aliases=("จำนวนเงิน",),
    ),
]
BUDGET_LINE_HEADINGS = ["รหัสโครงการ", "โครงการ/กิจกรรม", *(c.label for c in LINE_COLUMNS)]


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


def plan_metadata(plan: OperationsPlan, url: str, criteria: dict | None = None) -> dict:
    """The plan the file comes from; ``criteria`` names the filter when only the projects
    matching it are in the file."""
    # Staff download drafts too (the import's round trip): those have no announcement yet.
    announcement = getattr(plan, "announcement", None)
    metadata = {
        "organization": plan.organization.name,
        "organization_slug": plan.organization.slug,
        "title": plan.title,
        "fiscal_year": plan.fiscal_year,
        "supplement_number": plan.supplement_number,
        "starts_on": plan.starts_on.isoformat(),
        "ends_on": plan.ends_on.isoformat(),
        "announced_on": announcement.announced_on.isoformat() if announcement else "",
        "signer_name": announcement.signer_name if announcement else "",
        "signer_title": announcement.signer_title if announcement else "",
        "url": url,
    }
    if criteria:
        metadata["filter"] = criteria
    return metadata


def to_json(
    plan: OperationsPlan, projects: list[Project], url: str, criteria: dict | None = None
) -> bytes:
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
        "plan": plan_metadata(plan, url, criteria),
        "total": str(sum((p.total for p in projects), Decimal("0.00"))),
        "columns": [
            {"key": c.key, "label": c.label, "description": c.description} for c in COLUMNS
        ],
        "projects": rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def to_xlsx(
    plan: OperationsPlan, projects: list[Project], url: str, criteria: dict | None = None
) -> bytes:
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
            lines.append([p.pk, p.title, *(c.value(line) for c in LINE_COLUMNS)])
    about = book.create_sheet("เกี่ยวกับแผน")
    for key, value in plan_metadata(plan, url).items():
        about.append([key, value])
    for label, value in (criteria or {}).items():
        about.append([f"filter: {label}", value])
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
