"""Daily check of every announced notice, a plan's own and each round's report's
(notices/notice.py): one line per notice, reminders queued once.

Run from cron or a systemd timer once a day, e.g.
`15 7 * * * .venv/bin/python manage.py check_posting_deadlines`. It only reads and queues:
the e-mail and LINE messages are sent by a task worker. Idempotent: a reminder already
queued (notices.Reminder) is not queued again; the row and its tasks commit together.
"""

import logging
from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.utils import timezone

from notices.models import Reminder
from notices.notice import Notice, announced_notices
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
        plans = OperationsPlan.objects.announced().order_by(
            "organization__name", "fiscal_year", "supplement_number"
        )
        for notice, postings in announced_notices(plans):
            status = notice_status(notice, postings, today)
            self.stdout.write(self.summary(notice, status))
            for kind, when in self.reminders_due(status, today):
                self.remind(notice, kind, when)

    def summary(self, notice: Notice, status) -> str:
        parts = [
            notice.organization.short_name,
            notice.title,
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

    def remind(self, notice: Notice, kind, when) -> None:
        plan = notice.plan
        subject, body = self.message(notice, kind, when)
        url = absolute_url(notice.url_name, notice.url_id)
        staff = notify.organization_emails(plan.organization_id, Role.PLANNING_STAFF)
        try:
            with transaction.atomic():
                notice.reminder(kind=kind, recipients=len(staff)).save()
                notify.plan_tell(plan, notify.Message(subject, body, (Role.PLANNING_STAFF,)), url)
        except IntegrityError:
            return  # sent on an earlier day
        self.stdout.write(f"  ส่งคำเตือน “{Reminder.Kind(kind).label}” ถึง {len(staff)} คน")

    def message(self, notice: Notice, kind, when) -> tuple[str, str]:
        # What was announced: แผนการดำเนินงาน, or รายงานผลการติดตามและประเมินผล.
        what = "รายงานผลการติดตามและประเมินผล" if notice.is_report else "แผนการดำเนินงาน"
        if kind == Reminder.Kind.POST_BY:
            return (
                f"ปิดประกาศ{what}ภายใน {thai_date(when)}",
                f"{notice.title} ยังปิดประกาศไม่ครบทุกแห่ง ต้องปิดประกาศภายใน {thai_date(when)}",
            )
        if kind == Reminder.Kind.KEEP_UNTIL:
            return (
                f"ห้ามปลดประกาศ{what}ก่อน {thai_date(when)}",
                f"ประกาศ{notice.title} ต้องปิดไว้จนถึงอย่างน้อย {thai_date(when)} "
                "อย่าเพิ่งปลดประกาศก่อนวันดังกล่าว",
            )
        return (
            f"ปลดประกาศ{what}ได้แล้ว",
            f"ประกาศ{notice.title} ปิดไว้ครบกำหนดทุกแห่งแล้ว ตั้งแต่ {thai_date(when)} ปลดประกาศได้",
        )
