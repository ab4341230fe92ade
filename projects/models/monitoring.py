"""Following an announced plan through the year: each project's record, and the rounds.

A project's record (ProjectProgress, its Disbursements and ProgressPhotos) is kept beside the
announced project, never in it: the announced plan stays as it was announced. Every change
of the record is an AuditEvent of the plan (kinds PROGRESS_*), with who and when.

A monitoring round (MonitoringRound) covers a period of the fiscal year. While it is open the
records change; closing it copies each project's record as it stood into RoundEntry rows,
which nothing changes afterwards: the round's report, its PDF and the public figures are read
from those rows. The round's report then takes its own path (workflow/rounds.py): drafted by
staff, considered by the monitoring committee, announced by the executive, posted.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from projects.models.plans import OperationsPlan, Project

MONEY = {"max_digits": 14, "decimal_places": 2}


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("ยังไม่ดำเนินการ")
    PROCURING = "procuring", _("อยู่ระหว่างจัดซื้อจัดจ้าง")
    CONTRACTED = "contracted", _("ลงนามสัญญาแล้ว")
    IN_PROGRESS = "in_progress", _("อยู่ระหว่างดำเนินการ")
    DONE = "done", _("แล้วเสร็จ")
    # The same Thai word as the Cancel button, which English tells apart.
    CANCELLED = "cancelled", pgettext_lazy("progress status", "ยกเลิก")


# Statuses a report counts as "in progress" (started, not done): procurement and contract
# are steps of carrying a project out, not a separate column of the published reports.
UNDER_WAY = frozenset(
    {ProgressStatus.PROCURING, ProgressStatus.CONTRACTED, ProgressStatus.IN_PROGRESS}
)


class Procurement(models.TextChoices):
    SPECIFIC = "specific", _("วิธีเฉพาะเจาะจง")
    SELECTION = "selection", _("วิธีคัดเลือก")
    E_BIDDING = "e_bidding", _("วิธีประกาศเชิญชวน (e-bidding)")
    E_MARKET = "e_market", _("วิธีประกาศเชิญชวน (e-market)")
    NONE = "none", _("ไม่มีการจัดซื้อจัดจ้าง")


class ProjectProgress(models.Model):
    """A project's record as it stands now; its changes are in the plan's history."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="progress", verbose_name=_("โครงการ")
    )
    status = models.CharField(
        _("สถานะ"),
        max_length=12,
        choices=ProgressStatus.choices,
        default=ProgressStatus.NOT_STARTED,
    )
    cancel_reason = models.TextField(_("เหตุผลที่ยกเลิก"), max_length=1000, blank=True)
    procurement_method = models.CharField(
        _("วิธีจัดซื้อจัดจ้าง"), max_length=12, choices=Procurement.choices, blank=True
    )
    contract_amount = models.DecimalField(
        _("วงเงินตามสัญญา/ใบสั่งซื้อสั่งจ้าง (บาท)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        **MONEY,
    )
    contract_on = models.DateField(_("วันที่ลงนามสัญญา/ใบสั่ง"), null=True, blank=True)
    percent_done = models.DecimalField(
        _("ความก้าวหน้าทางกายภาพ (ร้อยละ)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    # The first day of the month it actually started and ended.
    actual_start = models.DateField(_("เดือนที่เริ่มดำเนินการจริง"), null=True, blank=True)
    actual_end = models.DateField(_("เดือนที่แล้วเสร็จจริง"), null=True, blank=True)
    problems = models.TextField(_("ปัญหาและอุปสรรค"), max_length=2000, blank=True)
    # Bumped on every save; a save that read an older version is refused, not merged.
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ผลการดำเนินงานโครงการ")
        verbose_name_plural = _("ผลการดำเนินงานโครงการ")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent_done__gte=0) & models.Q(percent_done__lte=100),
                name="progress_percent_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="cancelled") | ~models.Q(cancel_reason=""),
                name="progress_cancel_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.project} {self.get_status_display()}"


class Disbursement(models.Model):
    """One payment made for a project (เบิกจ่าย), as the finance office recorded it."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="disbursements", verbose_name=_("โครงการ")
    )
    paid_on = models.DateField(_("วันที่เบิกจ่าย"))
    amount = models.DecimalField(
        _("จำนวนเงินที่เบิกจ่าย (บาท)"),
        validators=[MinValueValidator(Decimal("0.01"), message=_("จำนวนเงินต้องมากกว่าศูนย์"))],
        **MONEY,
    )
    note = models.CharField(_("หมายเหตุ"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("การเบิกจ่าย")
        verbose_name_plural = _("การเบิกจ่าย")
        ordering = ["project", "paid_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="disbursement_amount_positive"
            )
        ]

    def __str__(self):
        return f"{self.project} {self.paid_on} {self.amount}"


def progress_photo_path(instance, filename):
    """A random name, as for posting photos: the file name may say who took it, or where."""
    import uuid
    from pathlib import PurePath

    extension = PurePath(filename).suffix.lower()
    return f"progress/{instance.project_id}/{uuid.uuid4().hex}{extension}"


class ProgressPhoto(models.Model):
    """Evidence of a project's progress, re-encoded like posting photos (projects/photos.py)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="progress_photos", verbose_name=_("โครงการ")
    )
    photo = models.ImageField(_("ภาพถ่ายหลักฐาน"), upload_to=progress_photo_path)
    caption = models.CharField(_("คำอธิบายภาพ"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ภาพถ่ายผลการดำเนินงาน")
        verbose_name_plural = _("ภาพถ่ายผลการดำเนินงาน")
        ordering = ["project", "recorded_at", "id"]

    def __str__(self):
        return f"{self.project} {self.caption}"


class RoundKind(models.TextChoices):
    HALF_YEAR = "half_year", _("รอบ ๖ เดือน (ตุลาคม–มีนาคม)")
    FULL_YEAR = "full_year", _("รอบ ๑๒ เดือน (ตุลาคม–กันยายน)")
    QUARTER_1 = "quarter_1", _("ไตรมาสที่ ๑ (ตุลาคม–ธันวาคม)")
    QUARTER_2 = "quarter_2", _("ไตรมาสที่ ๒ (มกราคม–มีนาคม)")
    QUARTER_3 = "quarter_3", _("ไตรมาสที่ ๓ (เมษายน–มิถุนายน)")
    QUARTER_4 = "quarter_4", _("ไตรมาสที่ ๔ (กรกฎาคม–กันยายน)")


# The months of the fiscal year (1 = October) each kind of round covers: (first, last).
ROUND_MONTHS = {
    RoundKind.HALF_YEAR: (1, 6),
    RoundKind.FULL_YEAR: (1, 12),
    RoundKind.QUARTER_1: (1, 3),
    RoundKind.QUARTER_2: (4, 6),
    RoundKind.QUARTER_3: (7, 9),
    RoundKind.QUARTER_4: (10, 12),
}


class RoundStage(models.TextChoices):
    OPEN = "open", _("เปิดรับข้อมูลผลการดำเนินงาน")
    DRAFTING = "drafting", _("จัดทำรายงานผลการติดตาม")
    COMMITTEE_REVIEW = "committee_review", _("คณะกรรมการติดตามและประเมินผลพิจารณา")
    PROPOSED = "proposed", _("เสนอผู้บริหาร")
    ANNOUNCED = "announced", _("ประกาศรายงานแล้ว")


class MonitoringRound(models.Model):
    """One round of following a plan: open, then closed as a snapshot, then its report.

    Nothing outside workflow/rounds.py sets a round's stage.
    """

    plan = models.ForeignKey(
        OperationsPlan, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("แผน")
    )
    kind = models.CharField(_("รอบการติดตาม"), max_length=12, choices=RoundKind.choices)
    period_start = models.DateField(_("ตั้งแต่วันที่"))
    period_end = models.DateField(_("ถึงวันที่"))
    stage = models.CharField(
        _("ขั้นตอน"), max_length=20, choices=RoundStage.choices, default=RoundStage.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    # The report's own words, written by staff while drafting.
    findings = models.TextField(_("ปัญหาและอุปสรรค"), max_length=5000, blank=True)
    recommendations = models.TextField(_("ข้อเสนอแนะ"), max_length=5000, blank=True)
    # Counts the presentations to the committee; votes belong to one presentation.
    submission_number = models.PositiveSmallIntegerField(default=0)
    # When the executive presented the approved report to the council and the development
    # committee (ระเบียบฯ ข้อ ๓๐ (๕)): under a rule set counting from the presentation (the
    # 2561 amendment), the announcement is due report_within_days after it.
    presented_on = models.DateField(_("วันที่เสนอสภาท้องถิ่นและคณะกรรมการพัฒนา"), null=True, blank=True)
    # When the monitoring committee's approval reached its quorum: the day it reported to
    # the executive, from which a rule set counting from the report (the 2559 amendment of
    # ข้อ ๒๙ (๓)) runs report_within_days. Cleared when the executive sends the report back.
    reported_on = models.DateField(_("วันที่คณะกรรมการติดตามฯ รายงานผลต่อผู้บริหาร"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("รอบการติดตามและประเมินผล")
        verbose_name_plural = _("รอบการติดตามและประเมินผล")
        ordering = ["plan", "period_end", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind"], name="round_one_per_kind"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="round_period_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.plan} {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.stage == RoundStage.OPEN

    @property
    def is_closed(self) -> bool:
        """Closed rounds hold their snapshot: their figures are fixed and public."""
        return self.stage != RoundStage.OPEN

    @property
    def is_announced(self) -> bool:
        return self.stage == RoundStage.ANNOUNCED

    def file_name(self, extension: str) -> str:
        return self.plan.file_name(extension, suffix=f"monitoring-{self.kind}")


class RoundEntry(models.Model):
    """A project's record as it stood when its round closed. Written once, at the close."""

    round = models.ForeignKey(MonitoringRound, on_delete=models.CASCADE, related_name="entries")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="round_entries")
    status = models.CharField(max_length=12, choices=ProgressStatus.choices)
    cancel_reason = models.TextField(blank=True)
    procurement_method = models.CharField(max_length=12, choices=Procurement.choices, blank=True)
    # The plan's budget of the project (sum of its budget lines), copied for the report.
    planned = models.DecimalField(default=Decimal("0"), **MONEY)
    committed = models.DecimalField(null=True, blank=True, **MONEY)
    # Paid on or before the round's period_end.
    disbursed = models.DecimalField(default=Decimal("0"), **MONEY)
    percent_done = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))
    actual_start = models.DateField(null=True, blank=True)
    actual_end = models.DateField(null=True, blank=True)
    problems = models.TextField(blank=True)

    class Meta:
        ordering = ["round", "project"]
        constraints = [
            models.UniqueConstraint(fields=["round", "project"], name="round_entry_once")
        ]

    def __str__(self):
        return f"{self.round}: {self.project_id} {self.status}"

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.disbursed
