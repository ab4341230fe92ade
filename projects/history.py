"""A project as the people reviewing it read it, and what changed between two readings.

The same per-project form serves the audit trail (old and new values of one project) and the
submission snapshots of workflow/snapshots.py (all projects), so both speak of the same fields.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from projects import thai

if TYPE_CHECKING:
    # Only for the annotation: the models import this module for the field labels.
    from projects.models import Project

TRACKED = {
    "title": _("ชื่อโครงการ/กิจกรรม"),
    "details": _("รายละเอียดของกิจกรรม"),
    "output_target": _("ผลผลิต/เป้าหมาย"),
    "strategy": _("ยุทธศาสตร์"),
    "guideline": _("แนวทางการพัฒนา"),
    "program": _("แผนงาน"),
    "form": _("แบบฟอร์ม"),
    "equipment_type": _("ประเภทครุภัณฑ์"),
    "ownership": _("เจ้าของโครงการ"),
    "responsible": _("หน่วยงานรับผิดชอบหลัก"),
    "location": _("สถานที่ดำเนินการ"),
    "villages": _("หมู่บ้าน"),
    "months": _("เดือนที่ดำเนินการ"),
    "plan_reference": _("อ้างอิงแผนพัฒนาท้องถิ่น"),
    "budget_lines": _("รายการงบประมาณ"),
    "total": _("งบประมาณรวม"),
}


def project_state(project: Project) -> dict:
    """A project as the people reviewing it read it: labels, not ids; amounts as text."""
    lines = list(project.budget_lines.all())
    return {
        "title": project.title,
        "details": project.details,
        "output_target": project.output_target,
        "strategy": str(project.strategy),
        "guideline": str(project.guideline),
        "program": str(project.program),
        "form": project.get_form_display(),
        "equipment_type": str(project.equipment_type or ""),
        "ownership": project.get_ownership_display(),
        "responsible": project.responsible,
        "location": project.location,
        "villages": ", ".join(str(v.number) for v in project.villages.all()),
        # Stored in Thai whatever the editor's language, so that two readings compare equal.
        "months": thai.month_labels(project.months),
        "plan_reference": project.plan_reference,
        "budget_lines": "; ".join(
            f"{line.get_group_display()} {line.amount} ({line.get_source_display()})"
            for line in lines
        ),
        "total": str(sum((line.amount for line in lines), Decimal("0"))),
    }


def changed_fields(old: dict, new: dict) -> dict[str, list[str]]:
    return {
        name: [old.get(name, ""), new.get(name, "")]
        for name in TRACKED
        if old.get(name, "") != new.get(name, "")
    }


_AMOUNT = re.compile(r"(?<![0-9.,])-?[0-9]+\.[0-9]{2}(?![0-9])")
# What the plan's history holds besides project fields: deadlines and posting records.
LABELS = {
    **TRACKED,
    "due": _("กำหนดเวลา"),
    "posted_on": _("วันที่ปิดประกาศ"),
    "taken_down_on": _("วันที่ปลดประกาศ"),
    "place_detail": _("รายละเอียดสถานที่"),
    "note": _("หมายเหตุ"),
    # The counts an import or a copy records (projects/bulk.py).
    "rows": _("จำนวนโครงการในไฟล์"),
    "created": _("เพิ่มโครงการ"),
    "updated": _("แก้ไขโครงการ"),
    "unchanged": _("ไม่เปลี่ยนแปลง"),
    "copied_from": _("คัดลอกจาก"),
    # Plan creation, postings and document retries (notices/services.py, projects/services.py).
    "fiscal_year": _("ปีงบประมาณ (พ.ศ.)"),
    "supplement_number": _("เพิ่มเติมครั้งที่"),
    "trigger_date": _("วันที่ตั้งงบประมาณหรือได้รับแจ้งโครงการ"),
    "place": _("สถานที่ปิดประกาศ"),
    "document": _("เอกสารแผนที่ประกาศ"),
    # A project's record after the announcement (projects/progress.py) and the rounds.
    "status": _("สถานะ"),
    "cancel_reason": _("เหตุผลที่ยกเลิก"),
    "procurement_method": _("วิธีจัดซื้อจัดจ้าง"),
    "contract_amount": _("วงเงินตามสัญญา/ใบสั่ง (บาท)"),
    "contract_on": _("วันที่ลงนามสัญญา/ใบสั่ง"),
    "percent_done": _("ความก้าวหน้า (ร้อยละ)"),
    "actual_start": _("เดือนที่เริ่มดำเนินการจริง"),
    "actual_end": _("เดือนที่แล้วเสร็จจริง"),
    "problems": _("ปัญหาและอุปสรรค"),
    "paid_on": _("วันที่เบิกจ่าย"),
    "amount": _("จำนวนเงิน (บาท)"),
    "caption": _("ภาพถ่าย"),
    "stage": _("ขั้นตอน"),
    "findings": _("ปัญหาและอุปสรรค"),
    "recommendations": _("ข้อเสนอแนะ"),
    "projects": _("จำนวนโครงการ"),
    # The days of the committee's report and of the council, and a late announcement
    # (workflow/rounds.py).
    "reported_on": _("วันที่คณะกรรมการติดตามฯ รายงานผลต่อผู้บริหาร"),
    "presented_on": _("วันที่เสนอสภาท้องถิ่นและคณะกรรมการพัฒนา"),
    "announce_due": _("กำหนดประกาศ (นับจากวันที่เสนอสภาท้องถิ่น)"),
    "announce_due_from_report": _("กำหนดประกาศ (นับจากวันที่คณะกรรมการติดตามฯ รายงานผล)"),
    "days_late": _("ประกาศช้ากว่ากำหนด (วัน)"),
    # The counts of an Excel import of progress (projects/progress_import.py).
    "records": _("บันทึกผลการดำเนินงาน (โครงการ)"),
    "payments": _("เพิ่มรายการเบิกจ่าย"),
}
# Stored as codes, shown by their labels (projects/models/monitoring.py).
CHOICES = {
    "status": "ProgressStatus",
    "procurement_method": "Procurement",
    "stage": "RoundStage",
}
# Stored as the first day of the month; shown as the month ("มกราคม 2565").
MONTHS = {"actual_start", "actual_end"}
DATES = {
    "due",
    "posted_on",
    "taken_down_on",
    "trigger_date",
    "contract_on",
    "paid_on",
    "reported_on",
    "presented_on",
    "announce_due",
    "announce_due_from_report",
}


def readable(name: str, value: str) -> str:
    """A stored value as every other page shows it: baht with separators, dates in the
    Buddhist era and months in the reader's language."""
    if not value:
        return value
    lang = get_language()
    if name in ("total", "amount", "contract_amount"):
        return thai.baht(value)
    if name in CHOICES:
        from projects.models import monitoring  # the models import this module

        labels = dict(getattr(monitoring, CHOICES[name]).choices)
        return str(labels.get(value, value))
    if name in MONTHS:
        return thai.month_year(date.fromisoformat(value), lang=lang)
    if name in DATES:
        return thai.thai_date(date.fromisoformat(value), short=True, lang=lang)
    if name == "months":
        months = [thai.month_from_abbr(token) for token in value.split()]
        if None not in months:
            return thai.month_labels(months, lang=lang)
    if name == "budget_lines":
        return _AMOUNT.sub(lambda match: thai.baht(match.group()), value)
    return value


def readable_rows(changes: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    """(field label, old, new) for display."""
    return [
        (LABELS.get(name, name), readable(name, old), readable(name, new))
        for name, (old, new) in changes.items()
    ]
