from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import Organization
from workflow.stages import Action, Stage


class Role(models.TextChoices):
    PLANNING_STAFF = "planning_staff", _("เจ้าหน้าที่วิเคราะห์นโยบายและแผน")
    COMMITTEE_MEMBER = "committee_member", _("กรรมการพัฒนา")
    EXECUTIVE = "executive", _("ผู้บริหาร")
    ADMINISTRATOR = "administrator", _("ผู้ดูแลระบบขององค์กร")


# Roles that may enter and change projects and budget lines.
EDITOR_ROLES = frozenset({Role.PLANNING_STAFF, Role.ADMINISTRATOR})


class Membership(models.Model):
    """A person's role in one organization; a person may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("ผู้ใช้"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("องค์กร"),
    )
    role = models.CharField(_("บทบาท"), max_length=32, choices=Role.choices)
    title = models.CharField(
        _("ตำแหน่ง"),
        max_length=200,
        blank=True,
        help_text=_("เช่น นายกองค์การบริหารส่วนตำบล หรือ ปลัด อบต. รักษาราชการแทน"),
    )

    class Meta:
        verbose_name = _("สมาชิกและบทบาท")
        verbose_name_plural = _("สมาชิกและบทบาท")
        ordering = ["organization", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} ({self.organization.short_name})"


class RuleSet(models.Model):
    """An organization's deadlines, as data: which rule applies and where it comes from.

    Without a saved rule set an organization follows the seed's rule (RuleSet.default()).
    """

    class Preset(models.TextChoices):
        SEED = "seed", _("ตามบทนำของแผน (ระเบียบฯ พ.ศ. ๒๕๔๘ หมวด ๕)")
        REGULATION_2561 = "regulation_2561", _("ระเบียบฯ แก้ไขเพิ่มเติม (ฉบับที่ ๓) พ.ศ. ๒๕๖๑")
        CUSTOM = "custom", _("กำหนดเอง")

    class MainPlanDue(models.TextChoices):
        END_OF_DECEMBER = "end_of_december", _("ภายในเดือนธันวาคมของปีงบประมาณ")
        DAYS_AFTER_TRIGGER = "days_after_trigger", _("ภายในกี่วันนับแต่ประกาศใช้งบประมาณ")

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="rules", verbose_name=_("องค์กร")
    )
    preset = models.CharField(_("ชุดกฎ"), max_length=20, choices=Preset.choices)
    main_plan_due = models.CharField(
        _("กำหนดเวลาแผนหลัก"), max_length=20, choices=MainPlanDue.choices
    )
    completion_days = models.PositiveSmallIntegerField(_("จำนวนวันที่ต้องจัดทำแผนให้แล้วเสร็จ"), default=30)
    posting_within_days = models.PositiveSmallIntegerField(_("ปิดประกาศภายใน (วัน)"))
    posting_keep_days = models.PositiveSmallIntegerField(_("ปิดประกาศไว้อย่างน้อย (วัน)"))
    legal_source = models.TextField(_("ที่มาทางกฎหมาย"))
    committee_quorum = models.PositiveSmallIntegerField(
        _("จำนวนกรรมการที่ต้องเห็นชอบ"),
        null=True,
        blank=True,
        help_text=_("เว้นว่าง = เกินกึ่งหนึ่งของกรรมการพัฒนาขององค์กร"),
    )

    class Meta:
        verbose_name = _("กฎกำหนดเวลา")
        verbose_name_plural = _("กฎกำหนดเวลา")

    def __str__(self):
        return f"{self.organization.short_name}: {self.get_preset_display()}"

    PRESETS = {
        Preset.SEED: {
            "main_plan_due": MainPlanDue.END_OF_DECEMBER,
            "completion_days": 30,
            "posting_within_days": 7,
            "posting_keep_days": 21,
            "legal_source": (
                "ระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น "
                "พ.ศ. ๒๕๔๘ หมวด ๕ ตามบทนำของแผนการดำเนินงาน: จัดทำให้เสร็จภายในเดือนธันวาคม "
                "หรือภายในสามสิบวันนับแต่ตั้งงบประมาณหรือได้รับแจ้ง; ปิดประกาศภายในหนึ่งสัปดาห์ "
                "และปิดไว้อย่างน้อยสามสัปดาห์"
            ),
        },
        Preset.REGULATION_2561: {
            "main_plan_due": MainPlanDue.DAYS_AFTER_TRIGGER,
            "completion_days": 30,
            "posting_within_days": 15,
            "posting_keep_days": 30,
            "legal_source": (
                "ระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น "
                "พ.ศ. ๒๕๔๘ แก้ไขเพิ่มเติมถึง (ฉบับที่ ๓) พ.ศ. ๒๕๖๑ ข้อ ๒๖ (๒) และข้อ ๒๗: "
                "จัดทำให้เสร็จภายในสามสิบวันนับแต่ประกาศใช้งบประมาณ; ปิดประกาศภายในสิบห้าวัน "
                "และปิดไว้อย่างน้อยสามสิบวัน"
            ),
        },
    }

    @classmethod
    def from_preset(cls, organization, preset) -> "RuleSet":
        return cls(organization=organization, preset=preset, **cls.PRESETS[preset])

    @classmethod
    def for_organization(cls, organization) -> "RuleSet":
        try:
            return organization.rules
        except cls.DoesNotExist:
            return cls.from_preset(organization, cls.Preset.SEED)


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
    comment = models.TextField(blank=True)
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
    reason = models.TextField(_("เหตุผล"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "at", "id"]

    def __str__(self):
        return f"{self.plan} ขยายถึง {self.new_due}"


class AuditEvent(models.Model):
    """The plan's history: every transition and every change to a project or its lines."""

    class Kind(models.TextChoices):
        TRANSITION = "transition", _("เปลี่ยนขั้นตอน")
        VOTE = "vote", _("ลงมติ")
        DEADLINE = "deadline", _("ขยายกำหนดเวลา")
        PROJECT_CREATED = "project_created", _("เพิ่มโครงการ")
        PROJECT_UPDATED = "project_updated", _("แก้ไขโครงการ")
        PROJECT_DELETED = "project_deleted", _("ลบโครงการ")

    plan = models.ForeignKey(
        "projects.OperationsPlan", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    action = models.CharField(max_length=20, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    from_stage = models.CharField(max_length=20, blank=True)
    to_stage = models.CharField(max_length=20, blank=True)
    comment = models.TextField(blank=True)
    # Kept as text as well as a link, so the history survives the project's deletion.
    project = models.ForeignKey(
        "projects.Project", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    project_title = models.CharField(max_length=500, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["plan", "-at", "-id"]
        indexes = [models.Index(fields=["plan", "-at"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.project_title or self.action}"

    @property
    def is_transition(self) -> bool:
        return self.kind == self.Kind.TRANSITION

    def get_from_stage_label(self) -> str:
        return Stage(self.from_stage).label if self.from_stage else ""

    def get_to_stage_label(self) -> str:
        return Stage(self.to_stage).label if self.to_stage else ""

    @property
    def action_label(self) -> str:
        return Action(self.action).label if self.action else ""

    @property
    def change_rows(self) -> list[tuple[str, str, str]]:
        """(field label, old, new) for display; labels come from the snapshot's field list."""
        from workflow.snapshots import TRACKED

        labels = {**TRACKED, "due": "กำหนดเวลา"}
        return [(labels.get(k, k), old, new) for k, (old, new) in self.changes.items()]
