"""Who may see and change what: one place for the 404s and 403s of the staff pages.

A user sees the plans of the organizations they hold a membership in, and nothing else: another
organization's plan answers 404, so its existence is not even confirmed. Changing projects
needs an editor role (planning staff or the organization's administrator).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from projects.models import (
    EDITOR_ROLES,
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
