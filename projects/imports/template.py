"""The import template: the downloads' columns as an office fills them, with a sheet that
explains every column and lists the plan's own strategies, programs, departments and villages.

Filled with a plan's projects it is also the staff's export for editing in Excel and bringing
back (each row carries its project id).
"""

import io
from decimal import Decimal

from projects import thai
from projects.exports import COLUMNS, LINE_COLUMNS, MONTH_COLUMNS, Column
from projects.models import Department, Guideline, Program, Project, Village

# Computed in the downloads, so not typed: the import still reads them when present.
COMPUTED = ("budget", "month_names")
MAIN_SHEET = "โครงการ"
HELP_SHEET = "คำอธิบาย"


def template_columns() -> list[Column]:
    columns = []
    for column in COLUMNS:
        if column.parse and column.key not in COMPUTED:
            columns.append(column)
            if column.key == "months":
                columns.extend(MONTH_COLUMNS)
    return columns + LINE_COLUMNS


def template_xlsx(plan, projects: list[Project] | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    columns = template_columns()
    book = Workbook()
    sheet = book.active
    sheet.title = MAIN_SHEET
    sheet.append([c.label for c in columns])
    required = PatternFill("solid", fgColor="FFE699")
    for index, (cell, column) in enumerate(zip(sheet[1], columns, strict=True), 1):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.required:
            cell.fill = required
        width = 6 if column in MONTH_COLUMNS else 40 if column.key in ("title", "details") else 16
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    for project in projects or []:
        lines = list(project.budget_lines.all())
        first = lines[0] if lines else None
        sheet.append([_cell(c, project, first) for c in columns])
        for line in lines[1:]:
            sheet.append([c.value(line) if c in LINE_COLUMNS else None for c in columns])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            elif isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
    _help_sheet(book.create_sheet(HELP_SHEET), plan, columns)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(column: Column, project: Project, line):
    if column in LINE_COLUMNS:
        return column.value(line) if line else None
    if column.key == "months":
        return None  # the month cells say it; two places would have to agree
    return column.value(project)


def _help_sheet(sheet, plan, columns: list[Column]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append([f"แม่แบบนำเข้าโครงการ: {plan.title} ({plan.organization.name})"])
    sheet.append(
        [
            "หนึ่งแถวต่อหนึ่งโครงการ โครงการที่มีหลายรายการงบประมาณ ให้ใส่รายการถัดไปในแถวล่าง "
            "โดยกรอกเฉพาะช่องงบ หมวด แหล่งงบประมาณ หมายเหตุ และจำนวนเงิน "
            "ตัวเลขไทยหรืออารบิกก็ได้ ช่องสีเหลืองต้องกรอก"
        ]
    )
    sheet.append([])
    sheet.append(["หัวคอลัมน์", "ต้องกรอก", "ความหมาย", "วิธีกรอก"])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for column in columns:
        sheet.append(
            [column.label, "ต้องกรอก" if column.required else "", column.description, column.help]
        )
    sheet.append([])
    sheet.append(["ค่าที่ใช้ได้ในแผนนี้"])
    sheet[sheet.max_row][0].font = Font(bold=True)
    guidelines = Guideline.objects.filter(strategy__period=plan.period_id).select_related(
        "strategy"
    )
    listed = [
        (
            "ยุทธศาสตร์ / แนวทางการพัฒนา",
            [f"{g.strategy.number}.{g.number} {g.strategy.name} / {g.name}" for g in guidelines],
        ),
        (
            "แผนงาน",
            [
                f"{p.code} {p.name}"
                for p in Program.objects.filter(organization=plan.organization_id)
            ],
        ),
        (
            "หน่วยงานรับผิดชอบหลัก",
            [d.name for d in Department.objects.filter(organization=plan.organization_id)],
        ),
        ("หมู่บ้าน", [str(v) for v in Village.objects.filter(organization=plan.organization_id)]),
        ("เดือน", [" ".join(thai.MONTH_ABBRS[m] for m in thai.FISCAL_MONTHS)]),
    ]
    for title, values in listed:
        for n, value in enumerate(values):
            sheet.append([title if n == 0 else "", "", value])
    for letter, width in zip("ABCD", (28, 10, 60, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
