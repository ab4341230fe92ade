"""Changes an organization's administrator makes to the organization, its people and roles.

Each is one transaction that locks the organization's row (two administrators clicking at
once are serialised, so "the last administrator" is counted once), writes its history entry
(AuditEvent with no plan), and raises ManageError with a Thai message when refused. Mail
goes after commit.
"""

import logging

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from projects.errors import DomainError
from projects.links import absolute_url
from projects.manage.standard import standard_data_load
from projects.models import (
    AuditEvent,
    FormerSlug,
    Membership,
    Organization,
    Role,
    RuleSet,
    Stage,
    UnitKind,
    Village,
)

log = logging.getLogger(__name__)

MUNICIPALITIES = {
    Organization.Kind.SUBDISTRICT_MUNICIPALITY,
    Organization.Kind.TOWN_MUNICIPALITY,
    Organization.Kind.CITY_MUNICIPALITY,
}
LAST_ADMINISTRATOR = "ต้องมีผู้ดูแลระบบขององค์กรอย่างน้อยหนึ่งคน ให้บทบาทผู้ดูแลระบบแก่ผู้อื่นก่อน แล้วจึงถอนของคนนี้"


class ManageError(DomainError):
    pass


def record(*, organization, by, kind, subject: str, changes=None, comment: str = ""):
    """The organization's history entry: who, when, what, the old and the new value."""
    return AuditEvent.objects.create(
        organization=organization,
        kind=kind,
        actor=by,
        subject=subject[:500],
        changes=changes or {},
        comment=comment,
    )


def _lock(organization) -> Organization:
    return Organization.objects.select_for_update().get(pk=organization.pk)


def person_label(user) -> str:
    name = user.get_full_name()
    return f"{name} ({user.get_username()})" if name else user.get_username()


def roles_text(roles) -> str:
    return ", ".join(str(role.label) for role in Role if role in roles)


@transaction.atomic
def organization_create(*, by, admin_email: str, admin_first_name="", admin_last_name="", **fields):
    """A new organization with its standard programs and equipment types, and its first
    administrator invited by e-mail: the superuser's one step."""
    unit = UnitKind.COMMUNITY if fields.get("kind") in MUNICIPALITIES else UnitKind.VILLAGE
    organization = Organization.objects.create(unit_kind=unit, **fields)
    standard_data_load(organization=organization)
    record(
        organization=organization,
        by=by,
        kind=AuditEvent.Kind.ORGANIZATION_CREATED,
        subject=organization.name,
    )
    person_invite(
        organization=organization,
        email=admin_email,
        first_name=admin_first_name,
        last_name=admin_last_name,
        roles=[Role.ADMINISTRATOR],
        by=by,
    )
    return organization


@transaction.atomic
def organization_update(*, organization, values: dict, emblem_png: bytes | None, by):
    """Names, the unit word, signers and the emblem (None keeps it, b"" removes it).

    A changed slug keeps the old one as a FormerSlug: the public addresses printed as QR
    codes on posted notices go on working, by redirect.
    """
    locked = _lock(organization)
    changes = {}
    for name, new in values.items():
        old = getattr(locked, name)
        if old != new:
            label = str(Organization._meta.get_field(name).verbose_name)
            changes[label] = [str(old), str(new)]
            setattr(locked, name, new)
    if emblem_png is not None and bytes(locked.emblem_png or b"") != emblem_png:
        changes["ตราสัญลักษณ์"] = [
            "มี" if locked.emblem_png else "ไม่มี",
            "รูปใหม่" if emblem_png else "ไม่มี",
        ]
        locked.emblem_png = emblem_png
    if not changes:
        return locked
    old_slug = Organization.objects.values_list("slug", flat=True).get(pk=locked.pk)
    if locked.slug != old_slug:
        taken = FormerSlug.objects.filter(slug=locked.slug).exclude(organization=locked)
        if taken.exists():
            raise ManageError("ชื่อใน URL นี้เคยเป็นขององค์กรอื่น ใช้ไม่ได้ กรุณาเลือกชื่ออื่น")
        # Taking back one's own former slug: it is the current one again.
        FormerSlug.objects.filter(slug=locked.slug).delete()
        FormerSlug.objects.create(organization=locked, slug=old_slug)
    locked.save()
    if "unit_kind" in values:
        # Villages an announced plan shows keep their word; the others take the new one.
        Village.objects.filter(organization=locked).exclude(
            project__plan__stage=Stage.ANNOUNCED
        ).update(unit=locked.unit_kind)
    record(
        organization=locked,
        by=by,
        kind=AuditEvent.Kind.ORGANIZATION_UPDATED,
        subject=locked.name,
        changes=changes,
    )
    return locked


def _user_for(email: str):
    users = get_user_model().objects
    return users.filter(email__iexact=email).order_by("id").first() or (
        users.filter(username__iexact=email).order_by("id").first()
    )


def _check_department(organization, roles, department):
    """A department's staff member belongs to one department of this organization; the
    other roles belong to none. Returns the department to store (None without the role)."""
    if Role.DEPARTMENT_STAFF not in roles:
        return None
    if department is None:
        raise ManageError("กรุณาเลือกกอง/ส่วนที่เจ้าหน้าที่ผู้นี้สังกัด")
    if department.organization_id != organization.pk or department.is_retired:
        raise ManageError("กอง/ส่วนนี้ไม่มีในองค์กรนี้ กรุณาเลือกใหม่")
    return department


def _department_change(organization, user, department) -> dict:
    """Move the person's department staff membership to ``department``; {} if unchanged."""
    membership = Membership.objects.filter(
        user=user, organization=organization, role=Role.DEPARTMENT_STAFF
    ).first()
    if membership is None or department is None or membership.department_id == department.pk:
        return {}
    old = membership.department.name
    membership.department = department
    membership.save(update_fields=["department"])
    return {"กอง/ส่วน": [old, department.name]}


@transaction.atomic
def person_invite(
    *,
    organization,
    email: str,
    roles,
    by,
    first_name="",
    last_name="",
    title="",
    department=None,
):
    """Give a person roles here, by e-mail address. A new address gets an account without a
    password and a one-time link to set one; a known one (transferred in) keeps its account,
    password and history, and is told by e-mail."""
    _lock(organization)
    email = email.strip().lower()
    if not roles:
        raise ManageError("เลือกบทบาทอย่างน้อยหนึ่งบทบาท")
    department = _check_department(organization, set(roles), department)
    user = _user_for(email)
    is_new = user is None
    if is_new:
        user = get_user_model().objects.create_user(
            username=email, email=email, first_name=first_name, last_name=last_name
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
    elif not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    held = set(
        Membership.objects.filter(user=user, organization=organization).values_list(
            "role", flat=True
        )
    )
    for role in set(roles) - held:
        Membership.objects.create(
            user=user,
            organization=organization,
            role=role,
            title=title,
            department=department if role == Role.DEPARTMENT_STAFF else None,
        )
    changes = {"บทบาท": [roles_text(held), roles_text(held | set(roles))]}
    if department is not None:
        moved = _department_change(organization, user, department)
        if moved:
            changes |= moved
        elif Role.DEPARTMENT_STAFF not in held:
            changes["กอง/ส่วน"] = ["", department.name]
    record(
        organization=organization,
        by=by,
        kind=AuditEvent.Kind.PERSON_INVITED,
        subject=person_label(user),
        changes=changes,
        comment="บัญชีใหม่" if is_new else "บัญชีเดิม (ย้ายมา)",
    )
    transaction.on_commit(lambda: _send_invitation(user, organization, with_link=is_new))
    return user


def invitation_url(user) -> str:
    """The one-time link: Django's password-reset token, void once a password is set."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute_url("password_reset_confirm", uidb64=uid, token=token)


def _send_invitation(user, organization, *, with_link: bool) -> None:
    if with_link or not user.has_usable_password():
        action = f"ตั้งรหัสผ่านของคุณที่ลิงก์นี้ (ใช้ได้ครั้งเดียว):\n{invitation_url(user)}"
    else:
        action = f"เข้าสู่ระบบด้วยบัญชีเดิมของคุณได้ที่:\n{absolute_url('login')}"
    body = (
        f"คุณได้รับเชิญให้ทำงานในระบบแผนการดำเนินงานของ{organization.name}\n\n"
        f"ชื่อผู้ใช้: {user.get_username()}\n{action}\n"
    )
    try:
        send_mail(
            f"[{organization.short_name}] คำเชิญเข้าใช้ระบบแผนการดำเนินงาน",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
    except OSError:
        # The invitation is committed; the administrator can send it again from the page.
        log.exception("sending the invitation to user %s failed", user.pk)


def invitation_resend(*, organization, user) -> None:
    transaction.on_commit(lambda: _send_invitation(user, organization, with_link=True))


def _administrators_left(organization, *, without_user) -> int:
    return (
        Membership.objects.filter(
            organization=organization, role=Role.ADMINISTRATOR, user__is_active=True
        )
        .exclude(user=without_user)
        .count()
    )


@transaction.atomic
def person_roles_set(*, organization, user, roles, title: str, by, department=None):
    """Give and take this person's roles here; never the last administrator's. A
    department's staff member's department is set, or moved, with the role."""
    _lock(organization)
    memberships = Membership.objects.filter(user=user, organization=organization)
    held = set(memberships.values_list("role", flat=True))
    roles = set(roles)
    if not held:
        raise ManageError("ผู้ใช้นี้ไม่ได้เป็นสมาชิกขององค์กรนี้แล้ว")
    if not roles:
        raise ManageError("เลือกอย่างน้อยหนึ่งบทบาท หรือใช้ปุ่ม “นำออกจากองค์กร”")
    losing_admin = Role.ADMINISTRATOR in held - roles
    if losing_admin and not _administrators_left(organization, without_user=user):
        raise ManageError(LAST_ADMINISTRATOR)
    department = _check_department(organization, roles, department)
    memberships.filter(role__in=held - roles).delete()
    changes = _department_change(organization, user, department)
    for role in roles - held:
        Membership.objects.create(
            user=user,
            organization=organization,
            role=role,
            title=title,
            department=department if role == Role.DEPARTMENT_STAFF else None,
        )
        if role == Role.DEPARTMENT_STAFF:
            changes["กอง/ส่วน"] = ["", department.name]
    old_titles = set(memberships.values_list("title", flat=True))
    memberships.update(title=title)
    if held != roles:
        changes["บทบาท"] = [roles_text(held), roles_text(roles)]
    if old_titles != {title}:
        changes["ตำแหน่ง"] = [", ".join(sorted(old_titles)), title]
    if changes:
        kind = AuditEvent.Kind.ROLE_REVOKED if held - roles else AuditEvent.Kind.ROLE_GRANTED
        record(
            organization=organization,
            by=by,
            kind=kind,
            subject=person_label(user),
            changes=changes,
        )


@transaction.atomic
def person_remove(*, organization, user, by):
    """Transferred out or leaving: their roles here end; the account and everything it did
    stay in the history. An account left with no organization is disabled."""
    _lock(organization)
    memberships = Membership.objects.filter(user=user, organization=organization)
    held = set(memberships.values_list("role", flat=True))
    if not held:
        raise ManageError("ผู้ใช้นี้ไม่ได้เป็นสมาชิกขององค์กรนี้แล้ว")
    if Role.ADMINISTRATOR in held and not _administrators_left(organization, without_user=user):
        raise ManageError(LAST_ADMINISTRATOR)
    memberships.delete()
    disabled = not user.is_superuser and not Membership.objects.filter(user=user).exists()
    if disabled:
        user.is_active = False
        user.save(update_fields=["is_active"])
    record(
        organization=organization,
        by=by,
        kind=AuditEvent.Kind.PERSON_REMOVED,
        subject=person_label(user),
        changes={"บทบาท": [roles_text(held), ""]},
        comment="ปิดบัญชีแล้ว" if disabled else "",
    )


@transaction.atomic
def person_unlock(*, organization, user, by) -> int:
    """Clear the wrong-password count of this person's account (django-axes)."""
    cleared = axes_reset(username=user.get_username())
    record(
        organization=organization,
        by=by,
        kind=AuditEvent.Kind.PERSON_UNLOCKED,
        subject=person_label(user),
    )
    return cleared


@transaction.atomic
def ruleset_save(*, organization, form, by):
    """The organization's deadlines: a preset with its values and legal source, or custom."""
    _lock(organization)
    old = RuleSet.objects.filter(organization=organization).first()
    rules = form.save(commit=False)
    rules.organization = organization
    changes = {}
    for name in form.Meta.fields:
        before = getattr(old, name) if old else ""
        after = getattr(rules, name)
        if before != after:
            label = str(RuleSet._meta.get_field(name).verbose_name)
            changes[label] = [_display(old, name), _display(rules, name)]
    rules.save()
    if changes:
        record(
            organization=organization,
            by=by,
            kind=AuditEvent.Kind.ORGANIZATION_UPDATED,
            subject=f"กฎกำหนดเวลา: {rules.get_preset_display()}",
            changes=changes,
        )
    return rules


def _display(rules, name) -> str:
    if rules is None:
        return ""
    display = getattr(rules, f"get_{name}_display", None)
    value = display() if display else getattr(rules, name)
    return "" if value is None else str(value)
