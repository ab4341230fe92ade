"""An organization and its master data: what its plans are classified by.

Every row belongs, directly or through its parent, to exactly one Organization; the access
helpers in projects/access.py rely on that to keep one organization's staff out of another's.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    """What an organization calls the units of its area: an อบต. has หมู่บ้าน, a เทศบาล ชุมชน."""

    VILLAGE = "village", _("หมู่บ้าน")
    COMMUNITY = "community", _("ชุมชน")


class Organization(models.Model):
    class Kind(models.TextChoices):
        SAO = "sao", _("องค์การบริหารส่วนตำบล")
        SUBDISTRICT_MUNICIPALITY = "subdistrict_municipality", _("เทศบาลตำบล")
        TOWN_MUNICIPALITY = "town_municipality", _("เทศบาลเมือง")
        CITY_MUNICIPALITY = "city_municipality", _("เทศบาลนคร")
        PAO = "pao", _("องค์การบริหารส่วนจังหวัด")

    name = models.CharField(_("ชื่อ"), max_length=200, unique=True)
    short_name = models.CharField(_("ชื่อย่อ"), max_length=100)
    kind = models.CharField(_("ประเภท"), max_length=32, choices=Kind.choices)
    district = models.CharField(_("อำเภอ"), max_length=100)
    province = models.CharField(_("จังหวัด"), max_length=100)
    slug = models.SlugField(_("ชื่อใน URL"), unique=True)
    executive_name = models.CharField(_("ชื่อผู้บริหาร"), max_length=200, blank=True)
    executive_title = models.CharField(_("ตำแหน่งผู้บริหาร"), max_length=200, blank=True)
    acting_signer_name = models.CharField(_("ชื่อผู้ลงนามแทน"), max_length=200, blank=True)
    acting_signer_title = models.CharField(
        _("ตำแหน่งผู้ลงนามแทน"),
        max_length=200,
        blank=True,
        help_text=_("เช่น ปลัดองค์การบริหารส่วนตำบล รักษาราชการแทนนายกองค์การบริหารส่วนตำบล"),
    )
    unit_kind = models.CharField(
        _("หน่วยในพื้นที่"), max_length=16, choices=UnitKind.choices, default=UnitKind.VILLAGE
    )
    # The emblem as re-encoded PNG bytes (projects/emblem.py), small enough to keep in the
    # row; the cover and the notice read it as a data URI.
    emblem_png = models.BinaryField(_("ตราสัญลักษณ์"), blank=True, default=b"", editable=False)
    # Indexed: every page asks whether any demo organization exists (context_processors).
    is_demo = models.BooleanField(
        _("ข้อมูลสาธิต"),
        default=False,
        db_index=True,
        help_text=_("แสดงคำเตือนบนทุกหน้าว่าไม่ใช่ข้อมูลจริงขององค์กร"),
    )
    # The office's LINE group, told of the plan's events through a LINE Messaging API
    # channel (LINE Notify was shut down in 2025). Both empty: no LINE messages.
    line_channel_token = models.CharField(
        _("LINE channel access token"),
        max_length=300,
        blank=True,
        help_text=_("จาก LINE Developers Console (Messaging API) ของบัญชี LINE ขององค์กร"),
    )
    line_group_id = models.CharField(
        _("LINE group ID"),
        max_length=64,
        blank=True,
        help_text=_("กลุ่ม LINE ที่บัญชีขององค์กรเป็นสมาชิก ขึ้นต้นด้วย C"),
    )

    class Meta:
        verbose_name = _("องค์กรปกครองส่วนท้องถิ่น")
        verbose_name_plural = _("องค์กรปกครองส่วนท้องถิ่น")
        ordering = ["name"]
        # The citizens' home page lists provinces, then a province's districts.
        indexes = [models.Index(fields=["province", "district"], name="organization_place")]

    def __str__(self):
        return self.name

    @property
    def has_line(self) -> bool:
        return bool(self.line_channel_token and self.line_group_id)


class FormerSlug(models.Model):
    """An address an organization used to have: printed as QR codes on posted notices, so
    /p/<old>/... keeps answering, by redirect to the current slug."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="former_slugs"
    )
    slug = models.SlugField(unique=True)
    replaced_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.slug


class Retirable(models.Model):
    """Master data an announced plan used is never changed or deleted: it is retired (no
    longer offered for new projects) and, when renamed, replaced by a new row
    (projects/manage/services.py), so what the plan showed stays what it shows."""

    is_retired = models.BooleanField(_("เลิกใช้แล้ว"), default=False)

    class Meta:
        abstract = True


ACTIVE = models.Q(is_retired=False)


class OrganizationOwned(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, verbose_name=_("องค์กร")
    )

    class Meta:
        abstract = True


class Department(OrganizationOwned, Retirable):
    name = models.CharField(_("ชื่อหน่วยงาน"), max_length=200)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    # Renamed: the retired row the announced plans keep (projects/manage/masterdata.py
    # _replace). A department's staff follow the projects of the whole line.
    replaces = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("หน่วยงาน/กอง")
        verbose_name_plural = _("หน่วยงาน/กอง")
        ordering = ["organization", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"],
                condition=ACTIVE,
                name="department_unique_name",
                violation_error_message=_("มีหน่วยงานชื่อนี้อยู่แล้ว"),
            )
        ]

    def __str__(self):
        return self.name


class Village(OrganizationOwned, Retirable):
    number = models.PositiveSmallIntegerField(_("หมู่ที่/ชุมชนที่"))
    name = models.CharField(_("ชื่อหมู่บ้าน/ชุมชน"), max_length=200, help_text=_("ตามที่เรียกกัน เช่น บ้านใหม่"))
    # Copied from the organization when the row is made, so the label needs no extra query.
    unit = models.CharField(
        _("หน่วย"), max_length=16, choices=UnitKind.choices, default=UnitKind.VILLAGE
    )

    class Meta:
        verbose_name = _("หมู่บ้าน")
        verbose_name_plural = _("หมู่บ้าน")
        ordering = ["organization", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"],
                condition=ACTIVE,
                name="village_unique_number",
                violation_error_message=_("มีหมู่ที่/ชุมชนที่ลำดับนี้อยู่แล้ว"),
            )
        ]

    def __str__(self):
        # The name as entered: "บ้าน" is part of what people call it, never added here.
        if self.unit == UnitKind.COMMUNITY:
            return f"ชุมชนที่ {self.number} {self.name}"
        return f"หมู่ที่ {self.number} {self.name}"


class Program(OrganizationOwned, Retirable):
    """A standard program (แผนงาน) of the budget classification, e.g. 00240 เคหะและชุมชน."""

    code = models.CharField(_("รหัส"), max_length=10)
    name = models.CharField(_("ชื่อแผนงาน"), max_length=200)

    class Meta:
        verbose_name = _("แผนงาน")
        verbose_name_plural = _("แผนงาน")
        ordering = ["organization", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"],
                condition=ACTIVE,
                name="program_unique_code",
                violation_error_message=_("มีแผนงานรหัสนี้อยู่แล้ว"),
            )
        ]

    def __str__(self):
        return f"แผนงาน{self.name}"


class EquipmentType(OrganizationOwned, Retirable):
    """A kind of equipment (ครุภัณฑ์สำนักงาน, ครุภัณฑ์คอมพิวเตอร์, …) that groups form ผด.02/1."""

    name = models.CharField(_("ประเภทครุภัณฑ์"), max_length=200)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        verbose_name = _("ประเภทครุภัณฑ์")
        verbose_name_plural = _("ประเภทครุภัณฑ์")
        ordering = ["organization", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"],
                condition=ACTIVE,
                name="equipment_unique_name",
                violation_error_message=_("มีประเภทครุภัณฑ์ชื่อนี้อยู่แล้ว"),
            )
        ]

    def __str__(self):
        return self.name


class PlanPeriod(OrganizationOwned):
    """A local development plan (แผนพัฒนาท้องถิ่น) whose strategies classify the projects."""

    title = models.CharField(_("ชื่อแผนพัฒนา"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("ตั้งแต่ปี พ.ศ."))
    last_year = models.PositiveSmallIntegerField(_("ถึงปี พ.ศ."))

    class Meta:
        verbose_name = _("แผนพัฒนาท้องถิ่น")
        verbose_name_plural = _("แผนพัฒนาท้องถิ่น")
        ordering = ["organization", "-first_year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="period_years_ordered",
            )
        ]

    def __str__(self):
        return self.title


class Strategy(Retirable):
    period = models.ForeignKey(
        PlanPeriod,
        on_delete=models.CASCADE,
        related_name="strategies",
        verbose_name=_("แผนพัฒนาท้องถิ่น"),
    )
    number = models.PositiveSmallIntegerField(_("ลำดับที่"))
    name = models.CharField(_("ชื่อยุทธศาสตร์"), max_length=300)

    class Meta:
        verbose_name = _("ยุทธศาสตร์")
        verbose_name_plural = _("ยุทธศาสตร์")
        ordering = ["period", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "number"],
                condition=ACTIVE,
                name="strategy_unique_number",
                violation_error_message=_("มียุทธศาสตร์ลำดับนี้ในแผนพัฒนานี้อยู่แล้ว"),
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"


class Guideline(Retirable):
    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.CASCADE,
        related_name="guidelines",
        verbose_name=_("ยุทธศาสตร์"),
    )
    number = models.PositiveSmallIntegerField(_("ลำดับที่"))
    name = models.CharField(_("ชื่อแนวทางการพัฒนา"), max_length=300)

    class Meta:
        verbose_name = _("แนวทางการพัฒนา")
        verbose_name_plural = _("แนวทางการพัฒนา")
        ordering = ["strategy", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "number"],
                condition=ACTIVE,
                name="guideline_unique_number",
                violation_error_message=_("มีแนวทางการพัฒนาลำดับนี้ในยุทธศาสตร์นี้อยู่แล้ว"),
            )
        ]

    def __str__(self):
        return f"{self.strategy.number}.{self.number} {self.name}"
