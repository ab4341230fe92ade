"""Who may see and change what: one place for the 404s and 403s of the staff pages.

A user sees the plans of the organizations they hold a membership in, and nothing else: another
organization's plan answers 404, so its existence is not even confirmed. Changing projects
needs an editor role (planning staff or the organization's administrator). Recording the
progress of an announced plan's project needs an editor role too, or the department staff
role of the project's own department (progress_scope).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from projects.models import (
    EDITOR_ROLES,
    Department,
    Membership,
    MonitoringRound,
    OperationsPlan,
    Organization,
    Project,
    Role,
)


def roles_in(user, organization_id) -> set[str]:
    return set(
        Membership.objects.filter(user=user, organization_id=organization_id).values_list(
            "role", flat=True
        )
    )


def visible_plans(user):
    plans = OperationsPlan.objects.select_related("organization", "period")
    if user.is_superuser:
        return plans
    # A subquery rather than a join, so that holding several roles does not repeat a plan.
    member_of = Membership.objects.filter(user=user).values("organization_id")
    return plans.filter(organization_id__in=member_of)


def can_edit(user, organization_id) -> bool:
    return user.is_superuser or bool(roles_in(user, organization_id) & EDITOR_ROLES)


@dataclass(frozen=True)
class ProgressScope:
    """Whose progress a user may record in one organization: every project (editors), the
    projects of some departments (department staff), or none."""

    everything: bool = False
    departments: frozenset[int] = frozenset()
    names: tuple[str, ...] = ()  # the departments' names, for the pages' wording

    @property
    def any(self) -> bool:
        return self.everything or bool(self.departments)

    def covers(self, project) -> bool:
        return self.everything or (
            project.department_id is not None and project.department_id in self.departments
        )

    @property
    def limit(self) -> frozenset[int] | None:
        """The departments a department's staff member's pages and files are limited to;
        None for everyone else (editors: every project; readers: they record nothing)."""
        return self.departments if self.departments and not self.everything else None


def progress_scope(user, organization_id) -> ProgressScope:
    """One query: the user's roles in the organization and their departments."""
    if user.is_superuser:
        return ProgressScope(everything=True)
    rows = Membership.objects.filter(user=user, organization_id=organization_id).values_list(
        "role", "department_id", "department__name"
    )
    everything, departments, names = False, set(), []
    for role, department_id, name in rows:
        if role in EDITOR_ROLES:
            everything = True
        elif role == Role.DEPARTMENT_STAFF and department_id is not None:
            departments.add(department_id)
            names.append(name)
    if departments and not everything:
        departments |= predecessors(organization_id, departments)
    return ProgressScope(everything, frozenset(departments), tuple(sorted(names)))


def predecessors(organization_id, departments: set[int]) -> set[int]:
    """The retired rows a renamed department replaced, whose projects the announced plans
    keep (one query: the organization's departments are few)."""
    replaced = dict(
        Department.objects.filter(
            organization_id=organization_id, replaces__isnull=False
        ).values_list("pk", "replaces_id")
    )
    found, todo = set(), list(departments)
    while todo:
        older = replaced.get(todo.pop())
        if older is not None and older not in found and older not in departments:
            found.add(older)
            todo.append(older)
    return found


def progress_refusal() -> str:
    return _("บันทึกผลการดำเนินงานได้เฉพาะเจ้าหน้าที่วางแผน หรือเจ้าหน้าที่ของกอง/ส่วนที่รับผิดชอบโครงการ")


def editable_organizations(user):
    """Organizations in which the user may create plans and enter projects."""
    if user.is_superuser:
        return Organization.objects.all()
    editor_of = Membership.objects.filter(user=user, role__in=EDITOR_ROLES)
    return Organization.objects.filter(pk__in=editor_of.values("organization_id"))


def get_plan_for_user(user, plan_id, *, edit: bool = False) -> OperationsPlan:
    plan = get_object_or_404(visible_plans(user), pk=plan_id)
    if edit and not can_edit(user, plan.organization_id):
        raise PermissionDenied(_("เฉพาะเจ้าหน้าที่วางแผนเท่านั้นที่แก้ไขโครงการได้"))
    return plan


def get_project_for_user(user, project_id, *, edit: bool = False) -> Project:
    project = get_object_or_404(
        Project.objects.select_related("plan__organization", "plan__period"),
        pk=project_id,
        plan__in=visible_plans(user).values("pk"),
    )
    if edit and not can_edit(user, project.plan.organization_id):
        raise PermissionDenied(_("เฉพาะเจ้าหน้าที่วางแผนเท่านั้นที่แก้ไขโครงการได้"))
    return project


def get_round_for_user(user, round_id) -> MonitoringRound:
    """A monitoring round of a plan the user sees; another organization's answers 404."""
    return get_object_or_404(
        MonitoringRound.objects.select_related("plan__organization", "plan__period"),
        pk=round_id,
        plan__in=visible_plans(user).values("pk"),
    )


def administered_organizations(user):
    """Organizations whose people and master data the user manages."""
    if user.is_superuser:
        return Organization.objects.all()
    admin_of = Membership.objects.filter(user=user, role=Role.ADMINISTRATOR)
    return Organization.objects.filter(pk__in=admin_of.values("organization_id"))


def get_organization_for_admin(user, organization_id) -> Organization:
    """The organization, for its administrator: 404 to outsiders, 403 to its other members."""
    organization = get_object_or_404(Organization, pk=organization_id)
    if user.is_superuser:
        return organization
    roles = roles_in(user, organization.pk)
    if not roles:
        raise Http404
    if Role.ADMINISTRATOR not in roles:
        raise PermissionDenied("เฉพาะผู้ดูแลระบบขององค์กรเท่านั้นที่จัดการข้อมูลนี้ได้")
    return organization
