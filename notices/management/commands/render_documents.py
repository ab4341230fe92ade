"""The recovery sweep: queue again the tasks of dead workers, and a render for every
announced document still owed (pending, failed, or abandoned mid-render): plans' documents
and monitoring rounds' reports alike.

Workers already sweep every few seconds (projects.queue.tasks_recover); this is the daily
safety net for cron or a systemd timer, and for a host whose workers were all down. Safe at
any time: it only queues, and a document that is ready, or held by a live task, is left
alone by the render itself.
"""

from django.core.management.base import BaseCommand

from notices import reports, services
from notices.models import PlanDocument, ReportDocument
from projects import queue


class Command(BaseCommand):
    help = "ส่งงานจัดทำเอกสารแผนและรายงานผลการติดตามที่ประกาศแล้วซึ่งยังไม่มีไฟล์เข้าคิวอีกครั้ง"

    def handle(self, *args, **options):
        if not queue.runs_inline():
            for task_id in queue.tasks_recover():
                self.stdout.write(f"งาน {task_id}: ผู้ประมวลผลหยุดไป ส่งเข้าคิวใหม่")
        owed = PlanDocument.objects.exclude(status=PlanDocument.Status.READY)
        for document in owed.select_related("plan"):
            services.document_requeue(plan=document.plan)
            self.stdout.write(f"แผน {document.plan_id}: ส่งเข้าคิวจัดทำเอกสาร")
        reports_owed = ReportDocument.objects.exclude(status=ReportDocument.Status.READY)
        for document in reports_owed.select_related("round"):
            reports.report_requeue(round=document.round)
            self.stdout.write(f"รอบการติดตาม {document.round_id}: ส่งเข้าคิวจัดทำรายงาน")
