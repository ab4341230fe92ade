"""Writes to projects and budget lines: locked against the workflow and against each other.

Each write locks the plan's row, so it cannot interleave with a stage change (a project
cannot slip in after the plan was submitted), and checks the project's version, so of two
people editing the same project the second is refused instead of silently overwriting.
Every write leaves an audit event with the old and new values.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from projects.errors import DomainError
from projects.history import changed_fields, project_state
from projects.models import AuditEvent, OperationsPlan, Organization, PlanPeriod, Project, Stage


class ProjectWriteError(DomainError):
    pass


class PlanLocked(ProjectWriteError):
    pass


class EditConflict(ProjectWriteError):
    def __init__(self, message: str, current_version: int):
        super().__init__(message)
        self.current_version = current_version


def lock_editable_plan(plan_id) -> OperationsPlan:
    plan = OperationsPlan.objects.select_for_update().get(pk=plan_id)
    if not plan.is_editable:
        raise PlanLocked(locked_message(plan))
    return plan


def locked_message(plan: OperationsPlan) -> str:
    return _("แก้ไขโครงการไม่ได้ เพราะแผนอยู่ในขั้น “%(stage)s” แก้ไขได้เฉพาะขั้นเก็บรวบรวมข้อมูลและจัดทำร่าง") % {
        "stage": Stage(plan.stage).label
    }


def moved_on(expected: dict[int, int | None]) -> dict[int, int | None]:
    """Of the projects given with the version an editor started from, those whose version is
    now another (or None: deleted), read in one query under the plan lock. Shared by the
    form's save and the batch writes of projects/bulk.py."""
    current = dict(Project.objects.filter(pk__in=expected).values_list("pk", "version"))
    return {pk: current.get(pk) for pk, version in expected.items() if current.get(pk) != version}


def _check_version(project_id, expected_version: int | None, conflict_message: str) -> int:
    """The project's current version, read under the plan lock; refused if it moved on."""
    if project_id in (changed := moved_on({project_id: expected_version})):
        current = changed[project_id]
        if current is None:
            raise ProjectWriteError(_("โครงการนี้ถูกลบไปแล้ว"))
        raise EditConflict(conflict_message, current)
    return expected_version


def _state(project_id) -> dict:
    project = Project.objects.select_related(
        "strategy", "guideline__strategy", "program", "department", "equipment_type"
    ).get(pk=project_id)
    return project_state(project)


def project_save(*, form, lines, by, expected_version: int | None) -> Project:
    """Save a validated ProjectForm and its BudgetLineFormSet together, or neither."""
    project = form.instance
    with transaction.atomic():
        lock_editable_plan(project.plan_id)
        before = {}
        if project.pk:
            current_version = _check_version(
                project.pk,
                expected_version,
                _(
                    "มีผู้อื่นบันทึกการแก้ไขโครงการนี้ไปก่อนแล้ว ข้อมูลที่คุณกรอกยังอยู่ในแบบฟอร์ม "
                    "กรุณาเปิดดูโครงการในอีกแท็บหนึ่ง ตรวจสอบ แล้วกดบันทึกอีกครั้งหากยืนยัน"
                ),
            )
            before = _state(project.pk)
            project.version = current_version + 1
        project = form.save()
        lines.instance = project
        lines.save()
        after = _state(project.pk)
        AuditEvent.objects.create(
            plan_id=project.plan_id,
            kind=AuditEvent.Kind.PROJECT_UPDATED if before else AuditEvent.Kind.PROJECT_CREATED,
            actor=by,
            project=project,
            project_title=project.title,
            changes=changed_fields(before, after),
        )
    return project


def project_delete(*, project: Project, by, expected_version: int | None) -> None:
    with transaction.atomic():
        lock_editable_plan(project.plan_id)
        _check_version(
            project.pk,
            expected_version,
            _("มีผู้อื่นแก้ไขโครงการนี้หลังจากที่คุณเปิดหน้านี้ กรุณาตรวจสอบก่อนลบอีกครั้ง"),
        )
        AuditEvent.objects.create(
            plan_id=project.plan_id,
            kind=AuditEvent.Kind.PROJECT_DELETED,
            actor=by,
            project_title=project.title,
            changes=changed_fields(_state(project.pk), {}),
        )
        project.delete()


def plan_create(*, organization, fiscal_year: int, supplementary: bool, trigger_date, by):
    """A year's main plan, or its next supplement numbered after the last one."""
    with transaction.atomic():
        # Locking the organization numbers two supplements created at once 1 and 2.
        Organization.objects.select_for_update().get(pk=organization.pk)
        plans = OperationsPlan.objects.filter(organization=organization, fiscal_year=fiscal_year)
        has_main = plans.filter(supplement_number=0).exists()
        if supplementary and not has_main:
            raise ProjectWriteError(_("ยังไม่มีแผนการดำเนินงานหลักของปีนี้ สร้างแผนหลักก่อน"))
        if not supplementary and has_main:
            raise ProjectWriteError(
                _("มีแผนการดำเนินงานหลักของปีนี้แล้ว หากต้องการเพิ่มโครงการ ให้สร้างแผนเพิ่มเติม")
            )
        period = (
            PlanPeriod.objects.filter(
                organization=organization,
                first_year__lte=fiscal_year,
                last_year__gte=fiscal_year,
            )
            .order_by("-first_year")
            .first()
        )
        if period is None:
            raise ProjectWriteError(
                _("ยังไม่มีแผนพัฒนาท้องถิ่นที่ครอบคลุมปี %(year)s ขอให้ผู้ดูแลระบบเพิ่มในข้อมูลหลักก่อน")
                % {"year": fiscal_year}
            )
        number = 0
        if supplementary:
            number = max(p.supplement_number for p in plans) + 1
        plan = OperationsPlan.objects.create(
            organization=organization,
            period=period,
            fiscal_year=fiscal_year,
            supplement_number=number,
            trigger_date=trigger_date,
        )
        AuditEvent.objects.create(
            plan=plan,
            kind=AuditEvent.Kind.PLAN_CREATED,
            actor=by,
            changes={
                "fiscal_year": ["", str(fiscal_year)],
                "supplement_number": ["", str(number)],
                "trigger_date": ["", trigger_date.isoformat() if trigger_date else ""],
            },
        )
    return plan
