"""Progress of many projects at once, from the filled Excel file (projects/imports/
progress_rows.py): every row's record and payment, or nothing.

The whole file is one transaction under the plan's lock, through the same steps as the
project's progress page: progress_apply's rules, version bump and history entry for each
record (progress_change, progress_event), disbursement_add's rules (check_payment) and
history entry (payment_event) for each payment, all written in bulk: the number of queries
does not grow with the rows. Each change has its own history entry, and one
PROGRESS_IMPORTED entry says what the file did.
A project whose record or payments moved on since the preview refuses the whole file: the
officer reads the new preview and confirms again, rather than overwrite an update unseen.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from projects.imports.progress_rows import ProgressRow
from projects.models import AuditEvent, Disbursement, OperationsPlan, Project, ProjectProgress
from projects.progress import (
    FIELDS,
    ProgressError,
    check_payment,
    lock_announced_plan,
    payment_event,
    progress_change,
    progress_event,
    progress_of,
)


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
        # The projects with their records, read once under the lock for the whole file.
        projects = Project.objects.select_related("progress").in_bulk(
            [r.project_id for r in changes]
        )
        records, fields, events, payments = [], set(), [], []
        for row in changes:
            project = projects[row.project_id]
            record = progress_of(project)
            # progress_apply's steps, its saves gathered: a broken rule (ProgressError)
            # refuses the whole file with the row's message.
            changed = progress_change(record, by, row.values) if row.values else {}
            if changed:
                records.append(record)
                fields.update(changed)
                events.append(progress_event(project, by, changed))
            if row.payment:
                paid_on, amount = row.payment
                check_payment(plan, paid_on, amount)  # the preview's check, again under the lock
                payments.append(
                    Disbursement(project=project, paid_on=paid_on, amount=amount, recorded_by=by)
                )
        # One statement each, whatever the rows (a file has at most MAX_ROWS): the records,
        # the payments (as disbursement_add writes them, without its lock and savepoint per
        # payment), then every history entry: the records' in the order of the rows, then
        # the payments'.
        _write_records(records, [name for name in FIELDS if name in fields])
        Disbursement.objects.bulk_create(payments)
        AuditEvent.objects.bulk_create([*events, *(payment_event(p) for p in payments)])
        AuditEvent.objects.create(
            plan=plan,
            kind=AuditEvent.Kind.PROGRESS_IMPORTED,
            actor=by,
            comment=file_name,
            changes={
                "rows": ["", str(rows)],
                "records": ["", str(len(events))],
                "payments": ["", str(len(payments))],
                "unchanged": ["", str(rows - len(changes))],
            },
        )
    return {"updated": len(events), "payments": len(payments)}


def _write_records(records: list[ProjectProgress], changed: list[str]) -> None:
    """The changed records, new and existing, in one INSERT … ON CONFLICT (project) DO
    UPDATE of the ``changed`` fields, the version, updated_by and updated_at.

    bulk_update would write the same, but builds a CASE WHEN per row and field in Python:
    2.7 s for 1,000 records here, against 0.16 s for this statement. Each row is the whole
    record as progress_change left it, read under the plan's lock (which every writer of a
    record holds), so the row inserted or the fields updated are exactly what save() writes,
    updated_at included (auto_now stamps each row as bulk_create prepares it)."""
    if not records:
        return
    rows = [
        ProjectProgress(
            project_id=record.project_id,
            **{name: getattr(record, name) for name in FIELDS},
            version=record.version,
            updated_by=record.updated_by,
        )
        for record in records
    ]
    ProjectProgress.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["project"],
        update_fields=[*changed, "version", "updated_by", "updated_at"],
    )
