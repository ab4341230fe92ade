"""Progress of many projects at once, from the filled Excel file (projects/imports/
progress_rows.py): every row's record and payment, or nothing.

The whole file is one transaction under the plan's lock, through the same writes as the
project's progress page: progress_apply for each record, disbursement_add's rules
(check_payment) and history entry (payment_event) for each payment, written in bulk. Each
change has its own history entry, and one PROGRESS_IMPORTED entry says what the file did.
A project whose record or payments moved on since the preview refuses the whole file: the
officer reads the new preview and confirms again, rather than overwrite an update unseen.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from projects.imports.progress_rows import ProgressRow
from projects.models import AuditEvent, Disbursement, OperationsPlan, Project, ProjectProgress
from projects.progress import (
    ProgressError,
    check_payment,
    lock_announced_plan,
    payment_event,
    progress_apply,
)

BATCH = 200


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
        updated = 0
        payments = []
        for row in changes:
            project = projects[row.project_id]
            if row.values and progress_apply(project, by, row.values):
                updated += 1
            if row.payment:
                paid_on, amount = row.payment
                check_payment(plan, paid_on, amount)  # the preview's check, again under the lock
                payments.append(
                    Disbursement(project=project, paid_on=paid_on, amount=amount, recorded_by=by)
                )
        # Payments in bulk: disbursement_add's row and history entry, without its lock and
        # savepoint per payment (the whole file holds the lock already).
        Disbursement.objects.bulk_create(payments, batch_size=BATCH)
        AuditEvent.objects.bulk_create([payment_event(p) for p in payments], batch_size=BATCH)
        AuditEvent.objects.create(
            plan=plan,
            kind=AuditEvent.Kind.PROGRESS_IMPORTED,
            actor=by,
            comment=file_name,
            changes={
                "rows": ["", str(rows)],
                "records": ["", str(updated)],
                "payments": ["", str(len(payments))],
                "unchanged": ["", str(rows - len(changes))],
            },
        )
    return {"updated": updated, "payments": len(payments)}
