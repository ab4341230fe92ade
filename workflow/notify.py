"""Telling people of the plan's events: one e-mail per event and recipient, and one LINE
message per event to the organization's group, each sent by a task worker.

The message is composed in the step's own transaction and queued with it
(projects.queue.enqueue): a rolled-back step tells no one. Recipients are read when the
task runs; those without an e-mail address, or whose account is disabled, are skipped; no
recipients, no mail; no LINE channel, no LINE message. Sending never fails the step: it
is committed before anything is sent, and a failure is logged (LINE's is retried).
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from projects import queue
from projects.links import absolute_url
from projects.models import Membership, OperationsPlan, Organization, Role
from projects.thai import thai_date
from workflow import line, tasks

log = logging.getLogger(__name__)

# LINE pushes tried this many times, waiting 1, 2, 4, 8 minutes between tries.
LINE_ATTEMPTS = 5


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    roles: tuple[str, ...]


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


def plan_tell(plan: OperationsPlan, message: Message, url: str | None = None) -> None:
    """Queue the e-mail and the LINE message of one event, in the caller's transaction."""
    url = url or absolute_url("workflow:plan_detail", plan.pk)
    organization = plan.organization
    subject = f"[{organization.short_name}] {message.subject}"
    text = f"{message.body}\n\n{plan.title}\n{organization.name}\n{url}\n"
    queue.enqueue(tasks.email_send, plan.pk, subject, text, list(message.roles))
    if organization.has_line:
        line_text = f"{message.subject}\n{message.body}\n\n{plan.title}\n{url}"
        queue.enqueue(tasks.line_send, organization.pk, plan.pk, line_text, str(uuid.uuid4()), 1)


def email_send(*, plan_id: int, subject: str, text: str, roles: list[str]) -> int:
    organization_id = OperationsPlan.objects.values_list("organization_id", flat=True).get(
        pk=plan_id
    )
    # One message per recipient, so no one sees who else was told.
    messages = [
        (subject, text, settings.DEFAULT_FROM_EMAIL, [address])
        for address in organization_emails(organization_id, *roles)
    ]
    if not messages:
        return 0
    try:
        return send_mass_mail(messages, fail_silently=False)
    except Exception:
        # Not retried: some of the messages may have gone, and a second round would send
        # those twice; the log (and ADMINS) is where a broken mail server shows.
        log.exception("sending “%s” about plan %s failed", subject, plan_id)
        return 0


def line_send(*, organization_id: int, plan_id: int, text: str, retry_key: str, attempt: int):
    organization = Organization.objects.get(pk=organization_id)
    if not organization.has_line:
        return "no channel"
    try:
        line.line_push(
            token=organization.line_channel_token,
            group_id=organization.line_group_id,
            text=text,
            retry_key=retry_key,
        )
    except line.LineRefused:
        log.exception("LINE refused the message about plan %s; not retried", plan_id)
        return "refused"
    except Exception:
        retry = attempt < LINE_ATTEMPTS and queue.can_defer(tasks.line_send)
        log.exception(
            "LINE message about plan %s failed (attempt %s)%s",
            plan_id,
            attempt,
            "; tried again later" if retry else "; given up",
        )
        if retry:
            queue.enqueue(
                tasks.line_send,
                organization_id,
                plan_id,
                text,
                retry_key,
                attempt + 1,
                run_after=timezone.now() + timedelta(minutes=2 ** (attempt - 1)),
            )
        return "failed"
    return "sent"


def plan_submitted(plan, submission) -> None:
    plan_tell(
        plan,
        Message(
            _("ขอเชิญพิจารณาร่างแผนการดำเนินงาน (เสนอครั้งที่ %(n)s)") % {"n": submission.number},
            _(
                "เจ้าหน้าที่เสนอร่างแผนการดำเนินงานให้คณะกรรมการพัฒนาพิจารณา "
                "กรุณาเข้าระบบเพื่อลงมติเห็นชอบหรือส่งกลับให้แก้ไข"
            ),
            (Role.COMMITTEE_MEMBER,),
        ),
    )


def plan_returned(plan, by, comment: str) -> None:
    who = by.get_full_name() or by.username
    plan_tell(
        plan,
        Message(
            _("ร่างแผนการดำเนินงานถูกส่งกลับให้แก้ไข"),
            _("%(who)s ส่งร่างแผนกลับให้แก้ไข ด้วยความเห็นว่า:") % {"who": who} + f"\n\n{comment}",
            (Role.PLANNING_STAFF,),
        ),
    )


def plan_approved(plan) -> None:
    plan_tell(
        plan,
        Message(
            _("คณะกรรมการพัฒนาเห็นชอบร่างแผนการดำเนินงานแล้ว"),
            _(
                "คณะกรรมการพัฒนาเห็นชอบร่างแผนการดำเนินงานครบตามองค์ประชุมแล้ว "
                "และเสนอผู้บริหารเพื่อพิจารณาลงนามประกาศ"
            ),
            (Role.EXECUTIVE, Role.PLANNING_STAFF),
        ),
    )


def plan_announced(plan, announcement) -> None:
    plan_tell(
        plan,
        Message(
            _("ประกาศใช้แผนการดำเนินงานแล้ว"),
            _("%(signer)s ลงนามประกาศใช้แผนเมื่อ %(on)s กรุณาดำเนินการปิดประกาศให้ประชาชนทราบภายในกำหนด")
            % {
                "signer": f"{announcement.signer_name} {announcement.signer_title}",
                "on": thai_date(announcement.announced_on, lang=get_language()),
            },
            (Role.PLANNING_STAFF, Role.COMMITTEE_MEMBER),
        ),
    )


# A monitoring round's report (workflow/rounds.py): the same messages, pointing at the round.


def round_tell(round, message: Message) -> None:
    plan_tell(round.plan, message, absolute_url("workflow:round_detail", round.pk))


def report_submitted(round) -> None:
    round_tell(
        round,
        Message(
            _("ขอเชิญพิจารณารายงานผลการติดตาม %(kind)s (เสนอครั้งที่ %(n)s)")
            % {"kind": round.get_kind_display(), "n": round.submission_number},
            _(
                "เจ้าหน้าที่เสนอรายงานผลการติดตามและประเมินผลให้คณะกรรมการติดตามฯ พิจารณา "
                "กรุณาเข้าระบบเพื่อลงมติเห็นชอบหรือส่งกลับให้แก้ไข"
            ),
            (Role.MONITORING_COMMITTEE,),
        ),
    )


def report_returned(round, by, comment: str) -> None:
    who = by.get_full_name() or by.username
    round_tell(
        round,
        Message(
            _("รายงานผลการติดตาม %(kind)s ถูกส่งกลับให้แก้ไข") % {"kind": round.get_kind_display()},
            _("%(who)s ส่งรายงานกลับให้แก้ไข ด้วยความเห็นว่า:") % {"who": who} + f"\n\n{comment}",
            (Role.PLANNING_STAFF,),
        ),
    )


def report_approved(round, due=None) -> None:
    """``due``: the last day to announce, when the rule set counts it from this report."""
    body = _(
        "คณะกรรมการติดตามและประเมินผลเห็นชอบรายงานครบตามองค์ประชุมแล้ว "
        "และเสนอผู้บริหารเพื่อเสนอสภาท้องถิ่นและลงนามประกาศ"
    )
    if due:
        body += " " + _(
            "ต้องลงนามประกาศให้ประชาชนทราบภายใน %(due)s (นับแต่วันที่คณะกรรมการติดตามฯ รายงานผล)"
        ) % {"due": thai_date(due, lang=get_language())}
    round_tell(
        round,
        Message(
            _("คณะกรรมการติดตามฯ เห็นชอบรายงานผลการติดตาม %(kind)s แล้ว")
            % {"kind": round.get_kind_display()},
            body,
            (Role.EXECUTIVE,),
        ),
    )


def report_announced(round, announcement) -> None:
    round_tell(
        round,
        Message(
            _("ประกาศรายงานผลการติดตาม %(kind)s แล้ว") % {"kind": round.get_kind_display()},
            _("%(signer)s ลงนามประกาศเมื่อ %(on)s กรุณาดำเนินการปิดประกาศให้ประชาชนทราบภายในกำหนด")
            % {
                "signer": f"{announcement.signer_name} {announcement.signer_title}",
                "on": thai_date(announcement.announced_on, lang=get_language()),
            },
            (Role.PLANNING_STAFF,),
        ),
    )


def report_presented(round, due) -> None:
    """The day of the council is recorded: the executive and staff are told the last day to
    announce (the daily reminders run only for announced notices, notices/management)."""
    round_tell(
        round,
        Message(
            _("ประกาศรายงานผลการติดตาม %(kind)s ภายใน %(due)s")
            % {"kind": round.get_kind_display(), "due": thai_date(due, lang=get_language())},
            _(
                "ผู้บริหารเสนอรายงานต่อสภาท้องถิ่นและคณะกรรมการพัฒนาเมื่อ %(on)s "
                "ต้องลงนามประกาศให้ประชาชนทราบภายใน %(due)s"
            )
            % {
                "on": thai_date(round.presented_on, lang=get_language()),
                "due": thai_date(due, lang=get_language()),
            },
            (Role.EXECUTIVE, Role.PLANNING_STAFF),
        ),
    )
