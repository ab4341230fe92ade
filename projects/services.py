"""Writes to projects and budget lines: locked against the workflow and against each other.

Each write locks the plan's row, so it cannot interleave with a stage change (a project
cannot slip in after the plan was submitted), and checks the project's version, so of two
people editing the same project the second is refused instead of silently overwriting.
Every write leaves an audit event with the old and new values.
"""

from django.db import transaction

from projects.models import OperationsPlan, Project
from workflow.models import AuditEvent
from workflow.snapshots import changed_fields, project_state
from workflow.stages import Stage


class ProjectWriteError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PlanLocked(ProjectWriteError):
    pass


class EditConflict(ProjectWriteError):
    def __init__(self, message: str, current_version: int):
        super().__init__(message)
        self.current_version = current_version


def _lock_editable_plan(plan_id) -> OperationsPlan:
    plan = OperationsPlan.objects.select_for_update().get(pk=plan_id)
    if not plan.is_editable:
        raise PlanLocked(
            f"แก้ไขโครงการไม่ได้ เพราะแผนอยู่ในขั้น “{Stage(plan.stage).label}” "
            "แก้ไขได้เฉพาะขั้นเก็บรวบรวมข้อมูลและจัดทำร่าง"
        )
    return plan


def _state(project_id) -> dict:
    project = Project.objects.select_related(
        "strategy", "guideline__strategy", "program", "department", "equipment_type"
    ).get(pk=project_id)
    return project_state(project)


def project_save(*, form, lines, by, expected_version: int | None) -> Project:
    """Save a validated ProjectForm and its BudgetLineFormSet together, or neither."""
    project = form.instance
    with transaction.atomic():
        _lock_editable_plan(project.plan_id)
        before = {}
        if project.pk:
            current_version = (
                Project.objects.filter(pk=project.pk).values_list("version", flat=True).first()
            )
            if current_version is None:
                raise ProjectWriteError("โครงการนี้ถูกลบไปแล้ว")
            if current_version != expected_version:
                raise EditConflict(
                    "มีผู้อื่นบันทึกการแก้ไขโครงการนี้ไปก่อนแล้ว ข้อมูลที่คุณกรอกยังอยู่ในแบบฟอร์ม "
                    "กรุณาเปิดดูโครงการในอีกแท็บหนึ่ง ตรวจสอบ แล้วกดบันทึกอีกครั้งหากยืนยัน",
                    current_version,
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
        _lock_editable_plan(project.plan_id)
        current_version = (
            Project.objects.filter(pk=project.pk).values_list("version", flat=True).first()
        )
        if current_version is None:
            raise ProjectWriteError("โครงการนี้ถูกลบไปแล้ว")
        if current_version != expected_version:
            raise EditConflict(
                "มีผู้อื่นแก้ไขโครงการนี้หลังจากที่คุณเปิดหน้านี้ กรุณาตรวจสอบก่อนลบอีกครั้ง",
                current_version,
            )
        AuditEvent.objects.create(
            plan_id=project.plan_id,
            kind=AuditEvent.Kind.PROJECT_DELETED,
            actor=by,
            project_title=project.title,
            changes=changed_fields(_state(project.pk), {}),
        )
        project.delete()
