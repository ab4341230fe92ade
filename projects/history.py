"""A project as the people reviewing it read it, and what changed between two readings.

The same per-project form serves the audit trail (old and new values of one project) and the
submission snapshots of workflow/snapshots.py (all projects), so both speak of the same fields.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Only for the annotation: the models import this module for the field labels.
    from projects.models import Project

TRACKED = {
    "title": "ชื่อโครงการ/กิจกรรม",
    "details": "รายละเอียดของกิจกรรม",
    "output_target": "ผลผลิต/เป้าหมาย",
    "strategy": "ยุทธศาสตร์",
    "guideline": "แนวทางการพัฒนา",
    "program": "แผนงาน",
    "form": "แบบฟอร์ม",
    "equipment_type": "ประเภทครุภัณฑ์",
    "ownership": "เจ้าของโครงการ",
    "responsible": "หน่วยงานรับผิดชอบหลัก",
    "location": "สถานที่ดำเนินการ",
    "villages": "หมู่บ้าน",
    "months": "เดือนที่ดำเนินการ",
    "plan_reference": "อ้างอิงแผนพัฒนาท้องถิ่น",
    "budget_lines": "รายการงบประมาณ",
    "total": "งบประมาณรวม",
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
        "months": project.month_labels,
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
