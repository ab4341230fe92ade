"""The history: every step a plan takes and every change to its projects, and every change
to an organization's master data, people and roles.

Written by the services that make the changes (projects/services.py, workflow/services.py,
projects/manage/services.py), inside the same transaction, so nothing changes without its
entry. A plan's events are read on its history page; an organization's (plan empty) on the
organization's history page. One trail for both, so "who changed what, when" is asked of one
table.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.history import readable_rows
from projects.models.plans import Stage


class Action(models.TextChoices):
    """What a person did to a plan. workflow/stages.py says which stage each one moves from
    and to, and who may take it."""

    START_DRAFTING = "start_drafting", _("เริ่มจัดทำร่าง")
    SUBMIT = "submit", _("เสนอคณะกรรมการพัฒนา")
    APPROVE = "approve", _("เห็นชอบ")
    COMMITTEE_RETURN = "committee_return", _("ส่งกลับให้แก้ไข (คณะกรรมการ)")
    ANNOUNCE = "announce", _("ลงนามประกาศ")
    EXECUTIVE_RETURN = "executive_return", _("ส่งกลับให้แก้ไข (ผู้บริหาร)")
    EXTEND_DEADLINE = "extend_deadline", _("ขยายกำหนดเวลา")
    # A monitoring round and its report (workflow/rounds.py).
    ROUND_OPEN = "round_open", _("เปิดรอบการติดตาม")
    ROUND_CLOSE = "round_close", _("ปิดรอบการติดตาม")
    REPORT_SUBMIT = "report_submit", _("เสนอรายงานต่อคณะกรรมการติดตามฯ")
    REPORT_APPROVE = "report_approve", _("เห็นชอบรายงาน")
    REPORT_RETURN = "report_return", _("ส่งรายงานกลับให้แก้ไข (คณะกรรมการ)")
    REPORT_PRESENT = "report_present", _("บันทึกการเสนอรายงานต่อสภาท้องถิ่น")
    REPORT_ANNOUNCE = "report_announce", _("ลงนามประกาศรายงาน")
    REPORT_EXEC_RETURN = "report_exec_return", _("ส่งรายงานกลับให้แก้ไข (ผู้บริหาร)")


class AuditEvent(models.Model):
    class Kind(models.TextChoices):
        TRANSITION = "transition", _("เปลี่ยนขั้นตอน")
        VOTE = "vote", _("ลงมติ")
        DEADLINE = "deadline", _("ขยายกำหนดเวลา")
        PROJECT_CREATED = "project_created", _("เพิ่มโครงการ")
        PROJECT_UPDATED = "project_updated", _("แก้ไขโครงการ")
        PROJECT_DELETED = "project_deleted", _("ลบโครงการ")
        # One event for a whole import or copy, with its row counts in ``changes``.
        PROJECTS_IMPORTED = "projects_imported", _("นำเข้าโครงการจากไฟล์")
        PROJECTS_COPIED = "projects_copied", _("คัดลอกโครงการจากแผนอื่น")
        POSTING_CORRECTED = "posting_corrected", _("แก้ไขบันทึกการปิดประกาศ")
        ORGANIZATION_CREATED = "org_created", _("สร้างองค์กร")
        ORGANIZATION_UPDATED = "org_updated", _("แก้ไขข้อมูลองค์กร")
        MASTER_CREATED = "master_created", _("เพิ่มข้อมูลหลัก")
        MASTER_UPDATED = "master_updated", _("แก้ไขข้อมูลหลัก")
        MASTER_REPLACED = "master_replaced", _("แทนที่ข้อมูลหลักที่แผนประกาศแล้วใช้")
        MASTER_RETIRED = "master_retired", _("เลิกใช้ข้อมูลหลัก")
        MASTER_RESTORED = "master_restored", _("นำข้อมูลหลักกลับมาใช้")
        MASTER_DELETED = "master_deleted", _("ลบข้อมูลหลัก")
        PERSON_INVITED = "person_invited", _("เชิญผู้ใช้")
        ROLE_GRANTED = "role_granted", _("ให้บทบาท")
        ROLE_REVOKED = "role_revoked", _("ถอนบทบาท")
        PERSON_REMOVED = "person_removed", _("นำผู้ใช้ออกจากองค์กร")
        PERSON_UNLOCKED = "person_unlocked", _("ปลดล็อกการเข้าสู่ระบบ")
        PLAN_CREATED = "plan_created", _("สร้างแผน")
        POSTING_RECORDED = "posting_recorded", _("บันทึกการปิดประกาศ")
        POSTING_TAKEN_DOWN = "posting_taken_down", _("บันทึกการปลดประกาศ")
        DOCUMENT_RETRIED = "document_retried", _("สั่งจัดทำเอกสารอีกครั้ง")
        # Following the announced plan (projects/models/monitoring.py).
        PROGRESS_UPDATED = "progress_updated", _("บันทึกผลการดำเนินงาน")
        DISBURSEMENT_ADDED = "disbursement_added", _("บันทึกการเบิกจ่าย")
        DISBURSEMENT_REMOVED = "disbursement_gone", _("ลบรายการเบิกจ่าย")
        PROGRESS_PHOTO = "progress_photo", _("เพิ่มภาพถ่ายผลการดำเนินงาน")
        PROGRESS_IMPORTED = "progress_imported", _("นำเข้าผลการดำเนินงานจากไฟล์")
        ROUND_TRANSITION = "round_transition", _("เปลี่ยนขั้นตอนรอบการติดตาม")
        ROUND_VOTE = "round_vote", _("ลงมติรายงานการติดตาม")
        REPORT_RETRIED = "report_retried", _("สั่งจัดทำรายงานอีกครั้ง")

    # Empty for an organization's own events (master data, people, roles).
    plan = models.ForeignKey(
        "projects.OperationsPlan",
        on_delete=models.CASCADE,
        related_name="events",
        null=True,
        blank=True,
    )
    organization = models.ForeignKey(
        "projects.Organization",
        on_delete=models.CASCADE,
        related_name="events",
        null=True,
        blank=True,
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    action = models.CharField(max_length=20, choices=Action.choices, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    comment = models.TextField(blank=True)
    # Kept as text as well as a link, so the history survives the project's deletion.
    project = models.ForeignKey(
        "projects.Project", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    project_title = models.CharField(max_length=500, blank=True)
    # The monitoring round an event is about (its steps, its report's postings).
    round = models.ForeignKey(
        "projects.MonitoringRound",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
    )
    # What an organization event is about, as text: "หน่วยงาน/กอง: กองช่าง", "somchai@…".
    subject = models.CharField(max_length=500, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["plan", "-at", "-id"]
        indexes = [
            models.Index(fields=["plan", "-at"], name="auditevent_plan_at_idx"),
            models.Index(fields=["organization", "-at"], name="auditevent_org_at_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.project_title or self.subject or self.action}"

    @property
    def is_transition(self) -> bool:
        return self.kind == self.Kind.TRANSITION

    @property
    def change_rows(self) -> list[tuple[str, str, str]]:
        """(field label, old, new) for display, formatted as every page formats them."""
        return readable_rows(self.changes)
