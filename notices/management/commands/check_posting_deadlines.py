"""Daily check of every announced plan's notice: one line per plan, reminders sent once.

Run from cron once a day, e.g. `15 7 * * * .venv/bin/python manage.py check_posting_deadlines`.
Idempotent: a reminder already sent (notices.Reminder) is not sent again.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mass_mail
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone

from notices.models import Posting, Reminder
from notices.posting import State
from notices.status import notice_status
from projects.links import absolute_url
from projects.models import OperationsPlan, Role
from projects.thai import thai_date
from workflow.notify import organization_emails

log = logging.getLogger(__name__)

# How many days ahead of a date the reminder goes out.
REMIND_BEFORE = timedelta(days=2)


class Command(BaseCommand):
    help = "สรุปสถานะการปิดประกาศของทุกแผนที่ประกาศแล้ว และส่งอีเมลเตือนครั้งเดียวต่อเรื่อง"

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=date.fromisoformat, help="Check as of this day (YYYY-MM-DD)."
        )

    def handle(self, *args, **options):
        today = options["date"] or timezone.localdate()
        plans = (
            OperationsPlan.objects.announced()
            # organization__rules: each plan's posting rule comes with it, not a query a plan.
            .select_related("organization__rules", "announcement")
            .prefetch_related(
                Prefetch("postings", queryset=Posting.objects.select_related("village"))
            )
            .order_by("organization__name", "fiscal_year", "supplement_number")
        )
        failures = 0
        for plan in plans:
            status = notice_status(plan, list(plan.postings.all()), today)
            self.stdout.write(self.summary(plan, status))
            for kind, when in self.reminders_due(status, today):
                try:
                    self.remind(plan, kind, when)
                except Exception as error:
                    # A mail server down must not keep the other plans from being checked;
                    # the reminder was rolled back and is tried again on the next run.
                    failures += 1
                    log.exception("reminder %s for plan %s failed", kind, plan.pk)
                    self.stderr.write(f"  ส่งอีเมลเตือนไม่สำเร็จ: {error!r}")
        if failures:
            raise CommandError(f"ส่งอีเมลเตือนไม่สำเร็จ {failures} รายการ จะลองใหม่ในรอบถัดไป")

    def summary(self, plan, status) -> str:
        parts = [
            plan.organization.short_name,
            plan.title,
            f"ปิดประกาศภายใน {thai_date(status.post_by, short=True)}",
        ]
        parts.append("ปัญหา: " + "; ".join(status.problems) if status.problems else "ไม่มีปัญหา")
        if status.next_date:
            parts.append(f"ต้องดำเนินการถัดไป {thai_date(status.next_date, short=True)}")
        return " | ".join(parts)

    def reminders_due(self, status, today):
        unposted = [s for _, s in status.places if s.state in (State.NOT_YET, State.OVERDUE)]
        if unposted and today >= status.post_by - REMIND_BEFORE:
            yield Reminder.Kind.POST_BY, status.post_by
        up = [s.keep_until for _, s in status.places if s.state == State.UP]
        if up and today >= min(up) - REMIND_BEFORE:
            yield Reminder.Kind.KEEP_UNTIL, min(up)

    def remind(self, plan, kind, when) -> None:
        try:
            with transaction.atomic():
                reminder = Reminder.objects.create(plan=plan, kind=kind)
                sent = send_mass_mail(self.messages(plan, kind, when), fail_silently=False)
                reminder.recipients = sent
                reminder.save(update_fields=["recipients"])
        except IntegrityError:
            return  # sent on an earlier day
        self.stdout.write(f"  ส่งอีเมลเตือน “{Reminder.Kind(kind).label}” ถึง {sent} คน")

    def messages(self, plan, kind, when):
        url = absolute_url("notices:notice", plan.pk)
        if kind == Reminder.Kind.POST_BY:
            subject = (
                f"[{plan.organization.short_name}] ปิดประกาศแผนการดำเนินงานภายใน {thai_date(when)}"
            )
            body = (
                f"{plan.title} ยังปิดประกาศไม่ครบทุกแห่ง ต้องปิดประกาศภายใน {thai_date(when)}\n"
                f"บันทึกการปิดประกาศได้ที่ {url}\n"
            )
        else:
            subject = (
                f"[{plan.organization.short_name}] ห้ามปลดประกาศแผนการดำเนินงานก่อน {thai_date(when)}"
            )
            body = (
                f"ประกาศ{plan.title} ต้องปิดไว้จนถึงอย่างน้อย {thai_date(when)} "
                f"อย่าเพิ่งปลดประกาศก่อนวันดังกล่าว\nรายละเอียด {url}\n"
            )
        emails = organization_emails(plan.organization_id, Role.PLANNING_STAFF)
        return [(subject, body, settings.DEFAULT_FROM_EMAIL, [e]) for e in emails]
