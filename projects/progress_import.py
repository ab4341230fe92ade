"""Progress of many projects at once, from the filled Excel file (projects/imports/
progress_rows.py): every row's record and payment, or nothing.

The whole file is one transaction under the plan's lock, through the same writes as the
project's progress page (progress_apply, disbursement_add), so each change has its own
history entry, and one PROGRESS_IMPORTED entry says what the file did. A project whose
record or payments moved on since the preview refuses the whole file: the officer reads
the new preview and confirms again, rather than overwrite someone else's update unseen.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from projects.imports.progress_rows import ProgressRow
from projects.models import AuditEvent, Disbursement, OperationsPlan, Project, ProjectProgress
from projects.progress import ProgressError, disbursement_add, lock_announced_plan, progress_apply


class ProgressImportConflict(ProgressError):
    pass


def moved_on(seen: dict[int, list]) -> list[int]:
    """The projects whose record version or total paid is not what the preview read."""
    versions = dict(
        ProjectProgress.objects.filter(project_id__in=seen).values_list("project_id", "version")
    )
    totals = dict(
        Disbursement.objects.filter(project_id__in=seen)
        .values("project_id")
        .annotate(total=Sum("amount"))
        .values_list("project_id", "total")
    )
    return [
        pk
        for pk, (version, total) in seen.items()
        if versions.get(pk, 0) != version or totals.get(pk, Decimal("0")) != Decimal(total)
    ]


def progress_import(
    *,
    plan: OperationsPlan,
    changes: list[ProgressRow],
    seen: dict[int, list],
    by,
    file_name: str,
    rows: int,
) -> dict[str, int]:
    """Write ``changes`` (the preview's rows with something to do) together, or nothing."""
    with transaction.atomic():
        lock_announced_plan(plan.pk)
        moved = moved_on({r.project_id: seen.get(r.project_id, [0, "0"]) for r in changes})
        if moved:
            raise ProgressImportConflict(
                f"มีผู้อื่นบันทึกผลการดำเนินงานหรือการเบิกจ่ายของโครงการในไฟล์นี้ {len(moved)} โครงการ "
                "หลังจากที่คุณดูตัวอย่าง จึงยังไม่ได้นำเข้า ไฟล์ยังเก็บไว้ "
                "กรุณาตรวจดูตัวอย่างอีกครั้ง แล้วกดยืนยันหากยังต้องการ"
            )
        projects = Project.objects.in_bulk([r.project_id for r in changes])
        updated = payments = 0
        for row in changes:
            project = projects[row.project_id]
            if row.values and progress_apply(project, by, row.values):
                updated += 1
            if row.payment:
                paid_on, amount = row.payment
                disbursement_add(project=project, by=by, paid_on=paid_on, amount=amount)
                payments += 1
        AuditEvent.objects.create(
            plan=plan,
            kind=AuditEvent.Kind.PROGRESS_IMPORTED,
            actor=by,
            comment=file_name,
            changes={
                "rows": ["", str(rows)],
                "records": ["", str(updated)],
                "payments": ["", str(payments)],
                "unchanged": ["", str(rows - len(changes))],
            },
        )
    return {"updated": updated, "payments": payments}
