"""What the workflow records as a plan moves: submissions, votes, the announcement and
deadline extensions. The plan's history itself is projects.models.AuditEvent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    """One presentation of the draft to the committee, with the content it was shown."""

    plan = models.ForeignKey(
        "projects.OperationsPlan", on_delete=models.CASCADE, related_name="submissions"
    )
    number = models.PositiveSmallIntegerField(_("ครั้งที่"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    content = models.JSONField(_("เนื้อหาที่เสนอ"))

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="submission_unique_number")
        ]

    def __str__(self):
        return f"{self.plan} เสนอครั้งที่ {self.number}"


class Vote(models.Model):
    class Decision(models.TextChoices):
        APPROVE = "approve", _("เห็นชอบ")
        RETURN = "return", _("ส่งกลับให้แก้ไข")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    comment = models.TextField(max_length=1000, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submission", "at"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "member"], name="vote_once_per_member")
        ]

    def __str__(self):
        return f"{self.member} {self.get_decision_display()}"


class Announcement(models.Model):
    plan = models.OneToOneField(
        "projects.OperationsPlan", on_delete=models.PROTECT, related_name="announcement"
    )
    announced_on = models.DateField(_("วันที่ประกาศ"))
    signer_name = models.CharField(_("ชื่อผู้ลงนาม"), max_length=200)
    signer_title = models.CharField(_("ตำแหน่งผู้ลงนาม"), max_length=200)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.plan} ประกาศเมื่อ {self.announced_on}"


class DeadlineExtension(models.Model):
    plan = models.ForeignKey(
        "projects.OperationsPlan", on_delete=models.CASCADE, related_name="extensions"
    )
    new_due = models.DateField(_("กำหนดเวลาใหม่"))
    reason = models.TextField(_("เหตุผล"), max_length=1000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "at", "id"]

    def __str__(self):
        return f"{self.plan} ขยายถึง {self.new_due}"


class RoundVote(models.Model):
    """A monitoring committee member's decision on one presentation of a round's report."""

    round = models.ForeignKey(
        "projects.MonitoringRound", on_delete=models.CASCADE, related_name="votes"
    )
    # The round's submission_number when the vote was cast: a new presentation starts anew.
    number = models.PositiveSmallIntegerField(_("เสนอครั้งที่"))
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=10, choices=Vote.Decision.choices)
    comment = models.TextField(max_length=1000, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "number", "at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "number", "member"], name="round_vote_once_per_member"
            )
        ]

    def __str__(self):
        return f"{self.member} {self.get_decision_display()}"


class RoundAnnouncement(models.Model):
    """The executive's announcement of a round's report (ระเบียบฯ ข้อ ๓๐ (๕))."""

    round = models.OneToOneField(
        "projects.MonitoringRound", on_delete=models.PROTECT, related_name="announcement"
    )
    # The day the executive presented the report to the council and the development
    # committee; the posting deadline runs from the announcement.
    presented_on = models.DateField(_("วันที่เสนอสภาท้องถิ่นและคณะกรรมการพัฒนา"), null=True)
    announced_on = models.DateField(_("วันที่ประกาศ"))
    signer_name = models.CharField(_("ชื่อผู้ลงนาม"), max_length=200)
    signer_title = models.CharField(_("ตำแหน่งผู้ลงนาม"), max_length=200)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.round} ประกาศเมื่อ {self.announced_on}"
