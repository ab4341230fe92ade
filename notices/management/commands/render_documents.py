"""Render every announced document still owed: pending, failed, or abandoned mid-render.

For a host whose workers were restarted while rendering; safe to run at any time (cron), as
a document another process is rendering, or one already stored, is left alone.
"""

from django.core.management.base import BaseCommand

from notices import services
from notices.models import PlanDocument


class Command(BaseCommand):
    help = "จัดทำเอกสารแผนที่ประกาศแล้วซึ่งยังไม่มีไฟล์"

    def handle(self, *args, **options):
        owed = PlanDocument.objects.exclude(status=PlanDocument.Status.READY)
        for plan_id in owed.values_list("plan_id", flat=True):
            document = services.document_render(plan_id=plan_id)
            state = "เสร็จ" if document and document.is_ready else "ข้าม (กำลังจัดทำอยู่หรือไม่สำเร็จ)"
            self.stdout.write(f"แผน {plan_id}: {state}")
