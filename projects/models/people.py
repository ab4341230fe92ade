"""Who works on an organization's plans, and in which role."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models.organization import Organization


class Role(models.TextChoices):
    PLANNING_STAFF = "planning_staff", _("เจ้าหน้าที่วิเคราะห์นโยบายและแผน")
    COMMITTEE_MEMBER = "committee_member", _("กรรมการพัฒนา")
    EXECUTIVE = "executive", _("ผู้บริหาร")
    ADMINISTRATOR = "administrator", _("ผู้ดูแลระบบขององค์กร")
    # คณะกรรมการติดตามและประเมินผลแผนพัฒนาท้องถิ่น (ระเบียบฯ ข้อ ๒๘–๒๙): considers each
    # monitoring round's report, as the development committee considers the draft plan.
    MONITORING_COMMITTEE = "monitoring_committee", _("กรรมการติดตามและประเมินผล")
    # Staff of one department (กอง/สำนัก/ส่วน) of the organization: they record the progress
    # of their own department's projects of an announced plan, and nothing else.
    DEPARTMENT_STAFF = "department_staff", _("เจ้าหน้าที่ของกอง/ส่วน")


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

    # Only for DEPARTMENT_STAFF, and required for it: the department whose projects they follow.
    department = models.ForeignKey(
        "projects.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("กอง/ส่วน"),
    )

    class Meta:
        verbose_name = _("สมาชิกและบทบาท")
        verbose_name_plural = _("สมาชิกและบทบาท")
        ordering = ["organization", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(role="department_staff", department__isnull=False)
                    | (~models.Q(role="department_staff") & models.Q(department__isnull=True))
                ),
                name="membership_department_iff_department_staff",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} ({self.organization.short_name})"

    def clean(self):
        # The check constraint says "a department exactly with this role"; the department's
        # organization must be the membership's own, which a constraint cannot say.
        if (
            self.department_id is not None
            and self.organization_id is not None
            and self.department.organization_id != self.organization_id
        ):
            raise ValidationError({"department": _("กอง/ส่วนนี้ไม่ใช่ขององค์กรนี้")})
