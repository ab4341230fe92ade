"""E-mail for workflow events: one message per event and recipient, sent after commit.

Called only from transaction.on_commit in workflow/services.py, so a rolled-back step never
mails anyone. Recipients without an e-mail address are skipped; no recipients, no mail.
"""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse

from projects.thai import thai_date
from workflow.models import Membership, Role


def _addresses(plan, *roles) -> list[str]:
    emails = (
        Membership.objects.filter(organization=plan.organization_id, role__in=roles)
        .exclude(user__email="")
        .filter(user__is_active=True)
        .values_list("user__email", flat=True)
        .distinct()
    )
    return sorted(set(emails))


def _send(plan, subject: str, body: str, *roles) -> int:
    url = settings.SITE_URL.rstrip("/") + reverse("projects:plan_detail", args=[plan.pk])
    subject = f"[{plan.organization.short_name}] {subject}"
    text = f"{body}\n\n{plan.title}\n{plan.organization.name}\n{url}\n"
    messages = [
        (subject, text, settings.DEFAULT_FROM_EMAIL, [address])
        for address in _addresses(plan, *roles)
    ]
    return send_mass_mail(messages, fail_silently=False) if messages else 0


def plan_submitted(plan, submission) -> int:
    return _send(
        plan,
        f"ขอเชิญพิจารณาร่างแผนการดำเนินงาน (เสนอครั้งที่ {submission.number})",
        "เจ้าหน้าที่เสนอร่างแผนการดำเนินงานให้คณะกรรมการพัฒนาพิจารณา กรุณาเข้าระบบเพื่อลงมติเห็นชอบหรือส่งกลับให้แก้ไข",
        Role.COMMITTEE_MEMBER,
    )


def plan_returned(plan, by, comment: str) -> int:
    who = by.get_full_name() or by.username
    return _send(
        plan,
        "ร่างแผนการดำเนินงานถูกส่งกลับให้แก้ไข",
        f"{who} ส่งร่างแผนกลับให้แก้ไข ด้วยความเห็นว่า:\n\n{comment}",
        Role.PLANNING_STAFF,
    )


def plan_approved(plan) -> int:
    return _send(
        plan,
        "คณะกรรมการพัฒนาเห็นชอบร่างแผนการดำเนินงานแล้ว",
        "คณะกรรมการพัฒนาเห็นชอบร่างแผนการดำเนินงานครบตามองค์ประชุมแล้ว และเสนอผู้บริหารเพื่อพิจารณาลงนามประกาศ",
        Role.EXECUTIVE,
        Role.PLANNING_STAFF,
    )


def plan_announced(plan, announcement) -> int:
    return _send(
        plan,
        "ประกาศใช้แผนการดำเนินงานแล้ว",
        f"{announcement.signer_name} {announcement.signer_title} "
        f"ลงนามประกาศใช้แผนเมื่อ {thai_date(announcement.announced_on)} "
        "กรุณาดำเนินการปิดประกาศให้ประชาชนทราบภายในกำหนด",
        Role.PLANNING_STAFF,
        Role.COMMITTEE_MEMBER,
    )
