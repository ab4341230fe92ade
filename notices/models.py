"""The issued document and the record of where and when its notice was posted."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects.models import Village


class IssuedDocument(models.Model):
    """A document as issued (the announced plan, a round's announced report): rendered once
    by a task worker after the announcement, then never again.

    The PDF bytes live in the database with their SHA-256, so the official document is in
    every backup with the data it was made from, and a download serves exactly these bytes.
    notices/issue.py claims and stores both kinds.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("รอจัดทำ")
        RENDERING = "rendering", _("กำลังจัดทำ")
        READY = "ready", _("พร้อมดาวน์โหลด")
        FAILED = "failed", _("จัดทำไม่สำเร็จ")

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    content = models.BinaryField(null=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(default=0)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    # The task that holds the RENDERING claim (notices/issue.py).
    render_task_id = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def has_failed(self) -> bool:
        return self.status == self.Status.FAILED


class PlanDocument(IssuedDocument):
    """The announced plan as issued."""

    plan = models.OneToOneField(
        "projects.OperationsPlan", on_delete=models.PROTECT, related_name="document"
    )

    class Meta:
        verbose_name = _("เอกสารแผนที่ประกาศ")
        verbose_name_plural = _("เอกสารแผนที่ประกาศ")

    def __str__(self):
        return f"{self.plan} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("public:pdf", kwargs=self.plan.public_kwargs())


class ReportDocument(IssuedDocument):
    """A monitoring round's announced report as issued."""

    round = models.OneToOneField(
        "projects.MonitoringRound", on_delete=models.PROTECT, related_name="document"
    )

    class Meta:
        verbose_name = _("รายงานผลการติดตามที่ประกาศ")
        verbose_name_plural = _("รายงานผลการติดตามที่ประกาศ")

    def __str__(self):
        return f"{self.round} ({self.get_status_display()})"


def evidence_path(instance, filename):
    """A random name: the uploader's file name may say who took the photo, or where."""
    extension = PurePath(filename).suffix.lower()
    return f"postings/{instance.plan_id}/{uuid.uuid4().hex}{extension}"


class Posting(models.Model):
    """One place the notice was posted: the office board, a village's board, or the website."""

    class Place(models.TextChoices):
        OFFICE = "office", _("บอร์ดประชาสัมพันธ์ที่ทำการ")
        VILLAGE = "village", _("บอร์ดประชาสัมพันธ์หมู่บ้าน")
        WEBSITE = "website", _("เว็บไซต์")
        OTHER = "other", _("สถานที่อื่น")

    plan = models.ForeignKey(
        "projects.OperationsPlan", on_delete=models.CASCADE, related_name="postings"
    )
    # Empty for the plan's own notice; set for the notice of a monitoring round's report,
    # which is posted and kept under the same rules machinery (notices/posting.py).
    round = models.ForeignKey(
        "projects.MonitoringRound",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="postings",
    )
    place = models.CharField(_("สถานที่ปิดประกาศ"), max_length=12, choices=Place.choices)
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("หมู่บ้าน")
    )
    place_detail = models.CharField(_("รายละเอียดสถานที่"), max_length=200, blank=True)
    posted_on = models.DateField(_("วันที่ปิดประกาศ"))
    taken_down_on = models.DateField(_("วันที่ปลดประกาศ"), null=True, blank=True)
    # Who recorded the take-down, and when: set together with taken_down_on.
    taken_down_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    taken_down_recorded_at = models.DateTimeField(null=True, blank=True)
    photo = models.ImageField(
        _("ภาพถ่ายหลักฐาน"),
        upload_to=evidence_path,
        blank=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(_("หมายเหตุ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("การปิดประกาศ")
        verbose_name_plural = _("การปิดประกาศ")
        ordering = ["plan", "place", "village__number", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(taken_down_on__isnull=True)
                | models.Q(taken_down_on__gte=models.F("posted_on")),
                name="posting_taken_down_after_posted",
            ),
            models.UniqueConstraint(
                fields=["plan", "place", "village"],
                condition=models.Q(place="village", round__isnull=True),
                name="posting_one_per_village",
            ),
            models.UniqueConstraint(
                fields=["plan", "place"],
                condition=models.Q(place__in=["office", "website"], round__isnull=True),
                name="posting_one_office_one_website",
            ),
            models.UniqueConstraint(
                fields=["round", "place", "village"],
                condition=models.Q(place="village", round__isnull=False),
                name="report_posting_one_per_village",
            ),
            models.UniqueConstraint(
                fields=["round", "place"],
                condition=models.Q(place__in=["office", "website"], round__isnull=False),
                name="report_posting_one_office_one_website",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if self.place == self.Place.VILLAGE and self.village:
            return f"บอร์ดประชาสัมพันธ์ {self.village}"
        if self.place_detail:
            return f"{self.get_place_display()} ({self.place_detail})"
        return self.get_place_display()


class Reminder(models.Model):
    """A reminder already sent, so the daily check sends each one once."""

    class Kind(models.TextChoices):
        POST_BY = "post_by", _("ใกล้ครบกำหนดปิดประกาศ")
        KEEP_UNTIL = "keep_until", _("ห้ามปลดประกาศก่อนกำหนด")
        TAKE_DOWN = "take_down", _("ปลดประกาศได้แล้ว")

    plan = models.ForeignKey(
        "projects.OperationsPlan", on_delete=models.CASCADE, related_name="reminders"
    )
    # Set for a reminder about a monitoring report's notice.
    round = models.ForeignKey(
        "projects.MonitoringRound",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind"],
                condition=models.Q(round__isnull=True),
                name="reminder_once_per_kind",
            ),
            models.UniqueConstraint(
                fields=["round", "kind"],
                condition=models.Q(round__isnull=False),
                name="report_reminder_once_per_kind",
            ),
        ]

    def __str__(self):
        return f"{self.plan} {self.get_kind_display()}"
