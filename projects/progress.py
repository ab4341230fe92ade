"""Writes to a project's record after the announcement: its status, payments and photos.

The announced plan itself never changes (projects/services.py refuses every write once the
plan has left the drafting stages); what happens to each project is recorded here, beside it.
Each write locks the plan's row, checks that the plan is announced, and, for the record
itself, that the writer started from its current version, so of two people updating the
same project the second is refused rather than overwriting the first. Every write leaves an
AuditEvent of the plan with the old and new values, in the same transaction.

Shared by the project's progress page and the Excel import of progress (all rows of a file
in one transaction, written in bulk: progress_change and progress_event are the steps of
progress_apply it shares, and a broken rule raises and rolls the whole file back).
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.errors import DomainError
from projects.models import (
    AuditEvent,
    Disbursement,
    OperationsPlan,
    ProgressPhoto,
    ProgressStatus,
    Project,
    ProjectProgress,
    Stage,
)
from projects.thai import thai_date

# The fields of ProjectProgress a person sets, in the order the page and the file show them.
FIELDS = (
    "status",
    "cancel_reason",
    "procurement_method",
    "contract_amount",
    "contract_on",
    "percent_done",
    "actual_start",
    "actual_end",
    "problems",
)


class ProgressError(DomainError):
    """A refusal; ``field``, when set, names the field of FIELDS the message is about, so
    a form shows it beside that field."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class ProgressConflict(ProgressError):
    def __init__(self, message: str, current_version: int):
        super().__init__(message)
        self.current_version = current_version


def lock_announced_plan(plan_id) -> OperationsPlan:
    plan = OperationsPlan.objects.select_for_update().get(pk=plan_id)
    if plan.stage != Stage.ANNOUNCED:
        raise ProgressError(_("บันทึกผลการดำเนินงานได้เมื่อแผนประกาศใช้แล้วเท่านั้น"))
    return plan


def progress_of(project: Project) -> ProjectProgress:
    """The project's record, or an unsaved one (not started) if nothing was recorded yet."""
    try:
        return project.progress
    except ProjectProgress.DoesNotExist:
        return ProjectProgress(project=project)


def _stored(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def check_values(project: Project, values: dict) -> None:
    """The rules a record must keep, whatever typed it (the form, a file): ProgressError."""
    status = values.get("status")
    if status == ProgressStatus.CANCELLED and not (values.get("cancel_reason") or "").strip():
        raise ProgressError(_("กรุณาระบุเหตุผลที่ยกเลิกโครงการ"), "cancel_reason")
    percent = values.get("percent_done")
    if percent is not None and not (Decimal("0") <= percent <= Decimal("100")):
        raise ProgressError(_("ความก้าวหน้าต้องอยู่ระหว่างร้อยละ 0 ถึง 100"), "percent_done")
    if status == ProgressStatus.DONE and percent is not None and percent != Decimal("100"):
        raise ProgressError(_("โครงการที่แล้วเสร็จต้องมีความก้าวหน้าร้อยละ 100"), "percent_done")
    amount = values.get("contract_amount")
    if amount is not None and amount < 0:
        raise ProgressError(_("วงเงินตามสัญญาต้องไม่ติดลบ"), "contract_amount")
    start, end = values.get("actual_start"), values.get("actual_end")
    if start and end and end < start:
        raise ProgressError(_("เดือนที่แล้วเสร็จต้องไม่ก่อนเดือนที่เริ่มดำเนินการ"), "actual_end")
    for name in ("contract_on", "actual_start"):
        day = values.get(name)
        if day and day > timezone.localdate():
            raise ProgressError(_("วันที่ต้องไม่เป็นวันในอนาคต"), name)


def planned_changes(record: ProjectProgress, values: dict) -> tuple[dict, dict[str, list[str]]]:
    """What writing ``values`` (a subset of FIELDS) to ``record`` would make of it: every
    field's new value and {field: [old, new]} as stored; ProgressError if a rule is broken.
    Writes nothing: the import's preview shows exactly what progress_apply will write."""
    merged = {name: getattr(record, name) for name in FIELDS} | values
    if merged["status"] != ProgressStatus.CANCELLED:
        merged["cancel_reason"] = ""
    check_values(record.project, merged)
    changes = {}
    for name in FIELDS:
        old, new = _stored(getattr(record, name)), _stored(merged[name])
        if old != new:
            changes[name] = [old, new]
    return merged, changes


def progress_change(record: ProjectProgress, by, values: dict) -> dict[str, list[str]]:
    """Set ``values`` (a subset of FIELDS) on ``record`` in memory, as every write of a
    record does (the changed fields, updated_by, the version bump of a saved record); return
    {field: [old, new]} (empty: nothing changed, the record untouched). Saves nothing: the
    page saves one record, the import many at once."""
    merged, changes = planned_changes(record, values)
    if not changes:
        return {}
    for name in changes:
        setattr(record, name, merged[name])
    record.updated_by = by
    if record.pk:
        record.version += 1
    return changes


def progress_event(project: Project, by, changes: dict[str, list[str]]) -> AuditEvent:
    """The history entry of a record changed, unsaved (the import saves many at once)."""
    return AuditEvent(
        plan_id=project.plan_id,
        kind=AuditEvent.Kind.PROGRESS_UPDATED,
        actor=by,
        project=project,
        project_title=project.title,
        changes=changes,
    )


def progress_apply(project: Project, by, values: dict) -> dict[str, list[str]]:
    """Write ``values`` (a subset of FIELDS) to the project's record under a plan lock the
    caller already holds; record the change; return {field: [old, new]} (empty: nothing
    changed, nothing recorded)."""
    record = ProjectProgress.objects.filter(project=project).first() or ProjectProgress(
        project=project
    )
    changes = progress_change(record, by, values)
    if not changes:
        return {}
    record.save()
    progress_event(project, by, changes).save()
    return changes


def progress_update(
    *, project: Project, by, values: dict, expected_version: int | None
) -> ProjectProgress:
    """One person's update of one project's record; refused if someone else saved since
    the page was opened (expected_version: the version it showed; None: no record yet)."""
    with transaction.atomic():
        lock_announced_plan(project.plan_id)
        versions = ProjectProgress.objects.filter(project=project)
        current = versions.values_list("version", flat=True).first()
        if current != expected_version:
            raise ProgressConflict(
                _(
                    "มีผู้อื่นบันทึกผลการดำเนินงานของโครงการนี้ไปก่อนแล้ว ข้อมูลที่คุณกรอกยังอยู่ในแบบฟอร์ม "
                    "กรุณาตรวจสอบแล้วกดบันทึกอีกครั้งหากยืนยัน"
                ),
                current or 0,
            )
        progress_apply(project, by, values)
    # Nothing recorded yet and nothing changed: the unsaved "not started" record.
    return ProjectProgress.objects.filter(project=project).first() or ProjectProgress(
        project=project
    )


def check_payment(plan: OperationsPlan, paid_on: date, amount: Decimal | None) -> None:
    """The rules a payment must keep, whatever typed it (the form, a file): ProgressError."""
    if amount is None or amount <= 0:
        raise ProgressError(_("จำนวนเงินต้องมากกว่าศูนย์"))
    if paid_on > timezone.localdate():
        raise ProgressError(_("วันที่เบิกจ่ายต้องไม่เป็นวันในอนาคต"))
    if paid_on < plan.starts_on:
        raise ProgressError(
            _("วันที่เบิกจ่ายต้องไม่ก่อนวันเริ่มปีงบประมาณ (%(on)s)") % {"on": thai_date(plan.starts_on)}
        )


def disbursement_add(
    *, project: Project, by, paid_on: date, amount: Decimal, note: str = ""
) -> Disbursement:
    with transaction.atomic():
        plan = lock_announced_plan(project.plan_id)
        check_payment(plan, paid_on, amount)
        payment = Disbursement.objects.create(
            project=project, paid_on=paid_on, amount=amount, note=note.strip(), recorded_by=by
        )
        payment_event(payment).save()
    return payment


def payment_event(payment: Disbursement) -> AuditEvent:
    """The history entry of a payment recorded, unsaved (the import saves many at once)."""
    return AuditEvent(
        plan_id=payment.project.plan_id,
        kind=AuditEvent.Kind.DISBURSEMENT_ADDED,
        actor=payment.recorded_by,
        project=payment.project,
        project_title=payment.project.title,
        changes={
            "paid_on": ["", payment.paid_on.isoformat()],
            "amount": ["", f"{payment.amount:.2f}"],
        },
    )


def disbursement_remove(*, payment: Disbursement, by, reason: str) -> None:
    """A payment recorded by mistake: removed, with its values and the reason in the history."""
    if not reason.strip():
        raise ProgressError(_("กรุณาระบุเหตุผลของการลบรายการเบิกจ่าย"))
    with transaction.atomic():
        lock_announced_plan(payment.project.plan_id)
        deleted, _rows = Disbursement.objects.filter(pk=payment.pk).delete()
        if not deleted:
            raise ProgressError(_("รายการเบิกจ่ายนี้ถูกลบไปแล้ว"))
        AuditEvent.objects.create(
            plan_id=payment.project.plan_id,
            kind=AuditEvent.Kind.DISBURSEMENT_REMOVED,
            actor=by,
            project=payment.project,
            project_title=payment.project.title,
            comment=reason.strip(),
            changes={
                "paid_on": [payment.paid_on.isoformat(), ""],
                "amount": [f"{payment.amount:.2f}", ""],
            },
        )


def photo_add(*, project: Project, by, photo, caption: str = "") -> ProgressPhoto:
    """``photo``: an already re-encoded file (projects/photos.py), never the uploaded bytes."""
    with transaction.atomic():
        lock_announced_plan(project.plan_id)
        record = ProgressPhoto.objects.create(
            project=project, photo=photo, caption=caption.strip(), recorded_by=by
        )
        AuditEvent.objects.create(
            plan_id=project.plan_id,
            kind=AuditEvent.Kind.PROGRESS_PHOTO,
            actor=by,
            project=project,
            project_title=project.title,
            changes={"caption": ["", caption.strip() or record.photo.name.rsplit("/", 1)[-1]]},
        )
    return record


def disbursed_by(project_ids, until: date | None = None) -> dict[int, Decimal]:
    """Total paid per project (on or before ``until``), in one query."""
    payments = Disbursement.objects.filter(project_id__in=project_ids)
    if until is not None:
        payments = payments.filter(paid_on__lte=until)
    return dict(
        payments.values("project_id").annotate(s=Sum("amount")).values_list("project_id", "s")
    )
