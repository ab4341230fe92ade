"""What the committee was shown: a plan's content as plain data, and the changes between two.

The same per-project form serves the audit trail (old and new values of one project) and the
submission snapshots (all projects), so both speak of the same fields.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from projects.models import OperationsPlan, Project

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


def plan_snapshot(plan: OperationsPlan) -> dict:
    projects = (
        Project.objects.filter(plan=plan)
        .with_details()
        .select_related("guideline__strategy")
        .prefetch_related("budget_lines")
    )
    states = {str(p.pk): project_state(p) for p in projects}
    total = sum((Decimal(s["total"]) for s in states.values()), Decimal("0"))
    return {"projects": states, "total": str(total)}


def changed_fields(old: dict, new: dict) -> dict[str, list[str]]:
    return {
        name: [old.get(name, ""), new.get(name, "")]
        for name in TRACKED
        if old.get(name, "") != new.get(name, "")
    }


@dataclass
class PlanDiff:
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[tuple[dict, dict[str, list[str]]]] = field(default_factory=list)
    total_before: Decimal = Decimal("0")
    total_after: Decimal = Decimal("0")

    @property
    def changed_rows(self) -> list[tuple[dict, list[tuple[str, str, str]]]]:
        return [
            (state, [(TRACKED[name], old, new) for name, (old, new) in changes.items()])
            for state, changes in self.changed
        ]

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def diff_snapshots(old: dict | None, new: dict) -> PlanDiff:
    before = (old or {}).get("projects", {})
    after = new["projects"]
    diff = PlanDiff(
        total_before=Decimal((old or {}).get("total", "0")), total_after=Decimal(new["total"])
    )
    for key, state in after.items():
        if key not in before:
            diff.added.append(state)
        elif changes := changed_fields(before[key], state):
            diff.changed.append((state, changes))
    diff.removed = [state for key, state in before.items() if key not in after]
    return diff
