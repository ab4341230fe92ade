"""Daily check of every announced plan's notice: one line per plan, reminders queued once.

Run from cron or a systemd timer once a day, e.g.
`15 7 * * * .venv/bin/python manage.py check_posting_deadlines`. It only reads and queues:
the e-mail and LINE messages are sent by a task worker. Idempotent: a reminder already
queued (notices.Reminder) is not queued again; the row and its tasks commit together.
"""

import logging
from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone

from notices.models import Posting, Reminder
from notices.posting import State
from notices.status import notice_status
from projects.links import absolute_url
from projects.models import OperationsPlan, Role
from projects.thai import thai_date
from workflow import notify

log = logging.getLogger(__name__)

# How many days ahead of a date the reminder goes out.
REMIND_BEFORE = timedelta(days=2)


class Command(BaseCommand):
    help = "สรุปสถานะการปิดประกาศของทุกแผนที่ประกาศแล้ว และส่งคำเตือนครั้งเดียวต่อเรื่อง"

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
        for plan in plans:
            status = notice_status(plan, list(plan.postings.all()), today)
            self.stdout.write(self.summary(plan, status))
            for kind, when in self.reminders_due(status, today):
                self.remind(plan, kind, when)

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
        kept = [s.keep_until for _, s in status.places if s.state == State.KEPT]
        if kept and not up and not unposted:
            yield Reminder.Kind.TAKE_DOWN, max(kept)

    def remind(self, plan, kind, when) -> None:
        subject, body = self.message(plan, kind, when)
        url = absolute_url("notices:notice", plan.pk)
        staff = notify.organization_emails(plan.organization_id, Role.PLANNING_STAFF)
        try:
            with transaction.atomic():
                Reminder.objects.create(plan=plan, kind=kind, recipients=len(staff))
                notify.plan_tell(plan, notify.Message(subject, body, (Role.PLANNING_STAFF,)), url)
        except IntegrityError:
            return  # sent on an earlier day
        self.stdout.write(f"  ส่งคำเตือน “{Reminder.Kind(kind).label}” ถึง {len(staff)} คน")

    def message(self, plan, kind, when) -> tuple[str, str]:
        if kind == Reminder.Kind.POST_BY:
            return (
                f"ปิดประกาศแผนการดำเนินงานภายใน {thai_date(when)}",
                f"{plan.title} ยังปิดประกาศไม่ครบทุกแห่ง ต้องปิดประกาศภายใน {thai_date(when)}",
            )
        if kind == Reminder.Kind.KEEP_UNTIL:
            return (
                f"ห้ามปลดประกาศแผนการดำเนินงานก่อน {thai_date(when)}",
                f"ประกาศ{plan.title} ต้องปิดไว้จนถึงอย่างน้อย {thai_date(when)} "
                "อย่าเพิ่งปลดประกาศก่อนวันดังกล่าว",
            )
        return (
            "ปลดประกาศแผนการดำเนินงานได้แล้ว",
            f"ประกาศ{plan.title} ปิดไว้ครบกำหนดทุกแห่งแล้ว ตั้งแต่ {thai_date(when)} ปลดประกาศได้",
        )
