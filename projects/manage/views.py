"""The organization administrator's pages: the organization, its people and roles, rules,
history, and the superuser's page that starts a new organization. Master data pages are in
masterdata_views.py. Every view loads its organization through get_organization_for_admin:
another organization's administrator gets 404, a member without the role 403."""

import copy

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from projects.access import administered_organizations, get_organization_for_admin
from projects.emblem import emblem_data_uri
from projects.lockout import locked_usernames
from projects.manage import services
from projects.manage.forms import (
    InviteForm,
    NewOrganizationForm,
    OrganizationForm,
    RolesForm,
    RuleSetForm,
)
from projects.manage.masterdata import KINDS
from projects.models import AuditEvent, Membership, Role, RuleSet


def manage_render(request, template, organization, **context):
    context.update(organization=organization, kinds=KINDS.values())
    return render(request, template, context)


def manage_home(request):
    organizations = administered_organizations(request.user)
    if request.user.is_superuser:
        # The superuser starts organizations here, so the list is theirs even when empty.
        return render(request, "manage/home.html", {"organizations": organizations})
    if not organizations.exists():
        raise PermissionDenied("เฉพาะผู้ดูแลระบบขององค์กรเท่านั้น")
    if organizations.count() == 1:
        return redirect("manage:dashboard", org_id=organizations.get().pk)
    return render(request, "manage/home.html", {"organizations": organizations})


def dashboard(request, org_id):
    organization = get_organization_for_admin(request.user, org_id)
    counts = {kind.slug: kind.rows(organization).count() for kind in KINDS.values()}
    return manage_render(
        request,
        "manage/dashboard.html",
        organization,
        counts=counts,
        people=Membership.objects.filter(organization=organization)
        .values("user")
        .distinct()
        .count(),
        rules=RuleSet.for_organization(organization),
    )


def _people(organization):
    users = (
        get_user_model()
        .objects.filter(memberships__organization=organization)
        .distinct()
        .order_by("first_name", "username")
    )
    roles = {}
    for user_id, role, department in Membership.objects.filter(
        organization=organization
    ).values_list("user_id", "role", "department__name"):
        label = Membership(role=role).get_role_display()
        roles.setdefault(user_id, []).append(f"{label} ({department})" if department else label)
    locked = locked_usernames(u.username for u in users)
    return [(u, roles.get(u.pk, []), u.username in locked) for u in users]


@require_http_methods(["GET", "POST"])
def people(request, org_id):
    organization = get_organization_for_admin(request.user, org_id)
    form = InviteForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.person_invite(
                organization=organization, by=request.user, **form.cleaned_data
            )
        except services.ManageError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"ส่งคำเชิญถึง {user.email} แล้ว")
            return redirect("manage:people", org_id=organization.pk)
    return manage_render(
        request, "manage/people.html", organization, form=form, people=_people(organization)
    )


def _member(organization, user_id):
    return get_object_or_404(
        get_user_model().objects.filter(memberships__organization=organization).distinct(),
        pk=user_id,
    )


@require_http_methods(["GET", "POST"])
def person(request, org_id, user_id):
    organization = get_organization_for_admin(request.user, org_id)
    user = _member(organization, user_id)
    memberships = Membership.objects.filter(user=user, organization=organization)
    initial = {
        "roles": list(memberships.values_list("role", flat=True)),
        "title": memberships.values_list("title", flat=True).first() or "",
        "department": memberships.filter(role=Role.DEPARTMENT_STAFF)
        .values_list("department_id", flat=True)
        .first(),
    }
    form = RolesForm(request.POST or None, initial=initial, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_roles_set(
                organization=organization, user=user, by=request.user, **form.cleaned_data
            )
        except services.ManageError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"บันทึกบทบาทของ {services.person_label(user)} แล้ว")
            return redirect("manage:people", org_id=organization.pk)
    history = AuditEvent.objects.filter(
        organization=organization, plan=None, subject=services.person_label(user)
    )[:20]
    return manage_render(
        request,
        "manage/person.html",
        organization,
        person=user,
        form=form,
        locked=bool(locked_usernames([user.username])),
        history=history,
    )


@require_POST
def person_action(request, org_id, user_id, action):
    if action not in ("remove", "unlock", "resend"):
        raise Http404
    organization = get_organization_for_admin(request.user, org_id)
    user = _member(organization, user_id)
    label = services.person_label(user)
    try:
        if action == "remove":
            services.person_remove(organization=organization, user=user, by=request.user)
            messages.success(request, f"นำ {label} ออกจากองค์กรแล้ว ประวัติการทำงานยังอยู่ครบ")
        elif action == "unlock":
            services.person_unlock(organization=organization, user=user, by=request.user)
            messages.success(request, f"ปลดล็อกการเข้าสู่ระบบของ {label} แล้ว")
        else:
            services.invitation_resend(organization=organization, user=user)
            messages.success(request, f"ส่งลิงก์ตั้งรหัสผ่านถึง {user.email} อีกครั้งแล้ว")
    except services.ManageError as error:
        messages.error(request, error.message)
        return redirect("manage:person", org_id=organization.pk, user_id=user.pk)
    return redirect("manage:people", org_id=organization.pk)


@require_http_methods(["GET", "POST"])
def settings_page(request, org_id):
    organization = get_organization_for_admin(request.user, org_id)
    form = OrganizationForm(request.POST or None, request.FILES or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_update(
                organization=organization,
                values=form.values(),
                emblem_png=form.emblem_png(),
                by=request.user,
            )
        except services.ManageError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "บันทึกข้อมูลองค์กรแล้ว")
            return redirect("manage:settings", org_id=organization.pk)
    organization.refresh_from_db()
    return manage_render(
        request,
        "manage/settings.html",
        organization,
        form=form,
        emblem=emblem_data_uri(organization),
    )


@require_http_methods(["GET", "POST"])
def rules(request, org_id):
    organization = get_organization_for_admin(request.user, org_id)
    current = RuleSet.for_organization(organization)
    # A copy for the form, which writes what was typed into its instance even when invalid:
    # the card beside it shows the rule in force.
    form = RuleSetForm(request.POST or None, instance=copy.copy(current))
    if request.method == "POST" and form.is_valid():
        services.ruleset_save(organization=organization, form=form, by=request.user)
        messages.success(request, "บันทึกกฎกำหนดเวลาแล้ว")
        return redirect("manage:rules", org_id=organization.pk)
    return manage_render(
        request,
        "manage/rules.html",
        organization,
        form=form,
        in_force=current,
        presets=RuleSet.PRESETS,
    )


def history(request, org_id):
    organization = get_organization_for_admin(request.user, org_id)
    events = AuditEvent.objects.filter(organization=organization, plan=None).select_related(
        "actor"
    )[:300]
    return manage_render(request, "manage/history.html", organization, events=events)


@require_http_methods(["GET", "POST"])
def organization_new(request):
    if not request.user.is_superuser:
        raise PermissionDenied("เฉพาะผู้ดูแลระบบกลางเท่านั้นที่สร้างองค์กรใหม่ได้")
    form = NewOrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organization = services.organization_create(by=request.user, **data)
        messages.success(request, f"สร้าง{organization.name}แล้ว และส่งคำเชิญถึง {data['admin_email']}")
        return redirect("manage:dashboard", org_id=organization.pk)
    return render(request, "manage/organization_new.html", {"form": form})
