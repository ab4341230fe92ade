"""Master data an organization classifies its plans by, and the rule that keeps announced
plans as they were announced.

A row that an announced plan uses is never changed in what it shows: renaming or
renumbering it retires it and puts a new row in its place, to which the projects of plans
still being prepared move. The announced plan keeps pointing at the old row, so its public
page, exports, PDF and history read exactly what they read on the day of the announcement,
with no copy of labels to keep in step. Rows that any project uses are never deleted:
they are retired instead, and no longer offered for new projects.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import ProtectedError

from projects.manage.services import ManageError, record
from projects.models import (
    AuditEvent,
    Department,
    EquipmentType,
    Guideline,
    Membership,
    OperationsPlan,
    PlanPeriod,
    Program,
    Project,
    Stage,
    Strategy,
    Village,
)


@dataclass(frozen=True)
class Kind:
    slug: str
    model: type
    fields: tuple[str, ...]
    # The fields an announced plan prints; changing one of them replaces the row.
    label_fields: tuple[str, ...]
    # From the row to its organization, and from a project to the row.
    organization_path: str
    project_path: str
    parent: str = ""

    @property
    def title(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    def rows(self, organization):
        return self.model.objects.filter(**{self.organization_path: organization})


KINDS = {
    kind.slug: kind
    for kind in (
        Kind("departments", Department, ("name", "order"), ("name",), "organization", "department"),
        Kind(
            "villages", Village, ("number", "name"), ("number", "name"), "organization", "villages"
        ),
        Kind("programs", Program, ("code", "name"), ("code", "name"), "organization", "program"),
        Kind(
            "equipment",
            EquipmentType,
            ("name", "order"),
            ("name",),
            "organization",
            "equipment_type",
        ),
        Kind(
            "periods",
            PlanPeriod,
            ("title", "first_year", "last_year"),
            ("title", "first_year", "last_year"),
            "organization",
            "plan__period",
        ),
        Kind(
            "strategies",
            Strategy,
            ("period", "number", "name"),
            ("period", "number", "name"),
            "period__organization",
            "strategy",
            parent="period",
        ),
        Kind(
            "guidelines",
            Guideline,
            ("strategy", "number", "name"),
            ("strategy", "number", "name"),
            "strategy__period__organization",
            "guideline",
            parent="strategy",
        ),
    )
}


def subject(kind: Kind, row) -> str:
    return f"{kind.model._meta.verbose_name}: {row}"


def projects_using(kind: Kind, row, *, announced: bool | None = None):
    projects = Project.objects.filter(**{kind.project_path: row})
    if announced is True:
        projects = projects.filter(plan__stage=Stage.ANNOUNCED)
    elif announced is False:
        projects = projects.exclude(plan__stage=Stage.ANNOUNCED)
    return projects


def _shown_by_announced_plan(kind: Kind, row) -> bool:
    if kind.model is PlanPeriod:
        return OperationsPlan.objects.filter(period=row, stage=Stage.ANNOUNCED).exists()
    if (
        kind.model is Strategy
        and Guideline.objects.filter(strategy=row, project__plan__stage=Stage.ANNOUNCED).exists()
    ):
        return True
    return projects_using(kind, row, announced=True).exists()


def _text(value) -> str:
    return "" if value is None else str(value)


@transaction.atomic
def master_save(*, kind: Kind, organization, row, by):
    """Save a new or edited row (already validated by its form), keeping announced plans as
    they were announced."""
    if row.pk is None:
        if kind.model is Village:
            row.unit = organization.unit_kind
        row.save()
        record(
            organization=organization,
            by=by,
            kind=AuditEvent.Kind.MASTER_CREATED,
            subject=subject(kind, row),
            changes={_label(kind, f): ["", _text(getattr(row, f))] for f in kind.fields},
        )
        return row
    old = kind.model.objects.select_for_update().get(pk=row.pk)
    changed = [f for f in kind.fields if getattr(old, f) != getattr(row, f)]
    if not changed:
        return row
    changes = {_label(kind, f): [_text(getattr(old, f)), _text(getattr(row, f))] for f in changed}
    if set(changed) & set(kind.label_fields) and _shown_by_announced_plan(kind, old):
        if kind.model is PlanPeriod:
            raise ManageError(
                "แผนพัฒนานี้มีแผนการดำเนินงานที่ประกาศแล้ว จึงเปลี่ยนชื่อหรือปีไม่ได้ "
                "หากเป็นแผนพัฒนาฉบับใหม่ ให้เพิ่มแผนพัฒนาใหม่แล้วคัดลอกยุทธศาสตร์มา"
            )
        replacement = _replace(kind, old, row)
        record(
            organization=organization,
            by=by,
            kind=AuditEvent.Kind.MASTER_REPLACED,
            subject=subject(kind, replacement),
            changes=changes,
            comment="แผนที่ประกาศแล้วยังแสดงชื่อเดิม แผนที่กำลังจัดทำใช้ชื่อใหม่",
        )
        return replacement
    row.save()
    record(
        organization=organization,
        by=by,
        kind=AuditEvent.Kind.MASTER_UPDATED,
        subject=subject(kind, row),
        changes=changes,
    )
    return row


def _label(kind: Kind, field: str) -> str:
    return str(kind.model._meta.get_field(field).verbose_name)


def _replace(kind: Kind, old, edited):
    """Retire `old` as the announced plans show it; `edited` becomes a new row that the
    projects of plans still in preparation move to."""
    kind.model.objects.filter(pk=old.pk).update(is_retired=True)
    edited.pk = None
    edited.is_retired = False
    if kind.model is Department:
        edited.replaces = old
    edited.save()
    _move_projects(kind, old, edited)
    if kind.model is Department:
        # Its staff move to the new row and still follow the old one's announced projects
        # (projects.access.progress_scope walks `replaces`).
        Membership.objects.filter(department=old).update(department=edited)
    if kind.model is Strategy:
        # Guidelines print their strategy's number: they move along, as new rows too.
        for guideline in Guideline.objects.filter(strategy=old, is_retired=False):
            new = Guideline.objects.create(
                strategy=edited, number=guideline.number, name=guideline.name
            )
            Guideline.objects.filter(pk=guideline.pk).update(is_retired=True)
            _move_projects(KINDS["guidelines"], guideline, new)
    return edited


def _move_projects(kind: Kind, old, new) -> None:
    preparing = projects_using(kind, old, announced=False)
    if kind.model is Village:
        through = Project.villages.through
        through.objects.filter(village=old, project__in=preparing.values("pk")).update(village=new)
    else:
        preparing.update(**{kind.project_path: new})


@transaction.atomic
def master_retire(*, kind: Kind, organization, row, retired: bool, by):
    """Retired rows are no longer offered for new projects; the plans that use them keep
    them."""
    kind.model.objects.select_for_update().filter(pk=row.pk).update(is_retired=retired)
    row.is_retired = retired
    record(
        organization=organization,
        by=by,
        kind=AuditEvent.Kind.MASTER_RETIRED if retired else AuditEvent.Kind.MASTER_RESTORED,
        subject=subject(kind, row),
        changes={"เลิกใช้แล้ว": [_yes_no(not retired), _yes_no(retired)]},
    )


def _yes_no(value: bool) -> str:
    return "ใช่" if value else "ไม่ใช่"


@transaction.atomic
def master_delete(*, kind: Kind, organization, row, by):
    """Only what no project, of any plan, uses; anything else is retired instead."""
    kind.model.objects.select_for_update().filter(pk=row.pk).first()
    used = projects_using(kind, row).count()
    if kind.model is Strategy:
        used += Project.objects.filter(guideline__strategy=row).count()
    if used:
        raise ManageError(
            f"ลบไม่ได้ เพราะมีโครงการใช้อยู่ {used} โครงการ ให้กด “เลิกใช้” แทน แผนที่ใช้อยู่จะยังแสดงเหมือนเดิม"
        )
    label = subject(kind, row)
    try:
        row.delete()
    except ProtectedError:
        raise ManageError(
            "ลบไม่ได้ เพราะยังมีข้อมูลอื่นอ้างถึง (เช่น แผนการดำเนินงานหรือการปิดประกาศ) ให้กด “เลิกใช้” แทน"
        ) from None
    record(organization=organization, by=by, kind=AuditEvent.Kind.MASTER_DELETED, subject=label)


@transaction.atomic
def period_copy_strategies(*, organization, source: PlanPeriod, target: PlanPeriod, by) -> int:
    """The strategies and guidelines still in use in `source`, copied into an empty
    `target`: a new development plan usually keeps most of the last one's."""
    PlanPeriod.objects.select_for_update().get(pk=target.pk)
    if target.strategies.exists():
        raise ManageError("แผนพัฒนานี้มียุทธศาสตร์อยู่แล้ว คัดลอกได้เฉพาะแผนพัฒนาที่ยังไม่มียุทธศาสตร์")
    count = 0
    for strategy in source.strategies.filter(is_retired=False).prefetch_related("guidelines"):
        copy = Strategy.objects.create(period=target, number=strategy.number, name=strategy.name)
        Guideline.objects.bulk_create(
            Guideline(strategy=copy, number=g.number, name=g.name)
            for g in strategy.guidelines.all()
            if not g.is_retired
        )
        count += 1
    record(
        organization=organization,
        by=by,
        kind=AuditEvent.Kind.MASTER_CREATED,
        subject=f"{target._meta.verbose_name}: {target}",
        comment=f"คัดลอกยุทธศาสตร์ {count} ยุทธศาสตร์จาก {source}",
    )
    return count
