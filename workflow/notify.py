"""E-mail for workflow events: one message per event and recipient, sent after commit.

Called only from transaction.on_commit in workflow/services.py, so a rolled-back step never
mails anyone. Recipients without an e-mail address, or whose account is disabled, are
skipped; no recipients, no mail. A failure to send is logged and swallowed: the step it
reports on has already been committed, and the person who took it must see it succeed.
"""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from projects.links import absolute_url
from projects.models import Membership, Role
from projects.thai import thai_date

log = logging.getLogger(__name__)


def organization_emails(organization_id, *roles) -> list[str]:
    """The addresses of the organization's active members holding any of `roles`, each once."""
    emails = (
        Membership.objects.filter(organization=organization_id, role__in=roles)
        .exclude(user__email="")
        .filter(user__is_active=True)
        .values_list("user__email", flat=True)
        .distinct()
    )
    return sorted(set(emails))


def _send(plan, subject: str, body: str, *roles) -> int:
    url = absolute_url("workflow:plan_detail", plan.pk)
    subject = f"[{plan.organization.short_name}] {subject}"
    text = f"{body}\n\n{plan.title}\n{plan.organization.name}\n{url}\n"
    # One message per recipient, so no one sees who else was told.
    messages = [
        (subject, text, settings.DEFAULT_FROM_EMAIL, [address])
        for address in organization_emails(plan.organization_id, *roles)
    ]
    if not messages:
        return 0
    try:
        return send_mass_mail(messages, fail_silently=False)
    except Exception:
        # Raised from an on_commit callback this would turn the committed step into a 500
        # (and skip the callbacks after it); the log is where a broken mail server shows.
        log.exception("sending “%s” about plan %s failed", subject, plan.pk)
        return 0


def plan_submitted(plan, submission) -> int:
    return _send(
        plan,
        _("ขอเชิญพิจารณาร่างแผนการดำเนินงาน (เสนอครั้งที่ %(n)s)") % {"n": submission.number},
        _(
            "เจ้าหน้าที่เสนอร่างแผนการดำเนินงานให้คณะกรรมการพัฒนาพิจารณา "
            "กรุณาเข้าระบบเพื่อลงมติเห็นชอบหรือส่งกลับให้แก้ไข"
        ),
        Role.COMMITTEE_MEMBER,
    )


def plan_returned(plan, by, comment: str) -> int:
    who = by.get_full_name() or by.username
    return _send(
        plan,
        _("ร่างแผนการดำเนินงานถูกส่งกลับให้แก้ไข"),
        _("%(who)s ส่งร่างแผนกลับให้แก้ไข ด้วยความเห็นว่า:") % {"who": who} + f"\n\n{comment}",
        Role.PLANNING_STAFF,
    )


def plan_approved(plan) -> int:
    return _send(
        plan,
        _("คณะกรรมการพัฒนาเห็นชอบร่างแผนการดำเนินงานแล้ว"),
        _(
            "คณะกรรมการพัฒนาเห็นชอบร่างแผนการดำเนินงานครบตามองค์ประชุมแล้ว "
            "และเสนอผู้บริหารเพื่อพิจารณาลงนามประกาศ"
        ),
        Role.EXECUTIVE,
        Role.PLANNING_STAFF,
    )


def plan_announced(plan, announcement) -> int:
    return _send(
        plan,
        _("ประกาศใช้แผนการดำเนินงานแล้ว"),
        _("%(signer)s ลงนามประกาศใช้แผนเมื่อ %(on)s กรุณาดำเนินการปิดประกาศให้ประชาชนทราบภายในกำหนด")
        % {
            "signer": f"{announcement.signer_name} {announcement.signer_title}",
            "on": thai_date(announcement.announced_on, lang=get_language()),
        },
        Role.PLANNING_STAFF,
        Role.COMMITTEE_MEMBER,
    )
