"""Operations plans, their projects and budget lines, and the stages a plan goes through.

A plan's stage is set only by workflow/services.py, which checks the transition table in
workflow/stages.py; the vocabulary of the field lives here, beside it.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Prefetch, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from projects import thai, words
from projects.models.organization import (
    Department,
    EquipmentType,
    Guideline,
    OrganizationOwned,
    PlanPeriod,
    Program,
    Strategy,
    Village,
)


class Stage(models.TextChoices):
    """The regulation's four steps (collect → draft → committee review → announcement), with
    the committee's proposal to the executive as its own stage: it waits on another person."""

    COLLECTING = "collecting", _("เก็บรวบรวมข้อมูล")
    DRAFTING = "drafting", _("จัดทำร่าง")
    COMMITTEE_REVIEW = "committee_review", _("คณะกรรมการพัฒนาพิจารณา")
    PROPOSED = "proposed", _("เสนอผู้บริหาร")
    ANNOUNCED = "announced", _("ประกาศแล้ว")


# Projects and budget lines can be changed only while the plan is being put together.
EDITABLE_STAGES = frozenset({Stage.COLLECTING, Stage.DRAFTING})


class OperationsPlanQuerySet(models.QuerySet):
    def announced(self):
        """The only plans a citizen may ever see."""
        return self.filter(stage=Stage.ANNOUNCED)


class OperationsPlan(OrganizationOwned):
    """One operations plan (แผนการดำเนินงาน) of a fiscal year: the main plan or a supplement."""

    period = models.ForeignKey(PlanPeriod, on_delete=models.PROTECT, verbose_name=_("แผนพัฒนาท้องถิ่น"))
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    supplement_number = models.PositiveSmallIntegerField(
        _("เพิ่มเติมครั้งที่"),
        default=0,
        help_text=_("0 = แผนการดำเนินงานหลัก"),
    )
    trigger_date = models.DateField(
        _("วันที่ตั้งงบประมาณหรือได้รับแจ้งโครงการ"),
        null=True,
        blank=True,
        help_text=_("สำหรับแผนเพิ่มเติม: วันที่เริ่มนับกำหนดเวลา 30 วัน"),
    )
    # Set only by workflow/services.py, which checks the transition table.
    stage = models.CharField(
        _("ขั้นตอน"), max_length=20, choices=Stage.choices, default=Stage.COLLECTING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OperationsPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("แผนการดำเนินงาน")
        verbose_name_plural = _("แผนการดำเนินงาน")
        ordering = ["organization", "-fiscal_year", "supplement_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year", "supplement_number"],
                name="plan_unique_per_year",
            ),
            models.CheckConstraint(
                condition=models.Q(supplement_number=0) | models.Q(trigger_date__isnull=False),
                name="supplement_has_trigger_date",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_supplementary(self) -> bool:
        return self.supplement_number > 0

    @property
    def title(self) -> str:
        kind = "แผนการดำเนินงาน"
        if self.is_supplementary:
            kind = f"แผนการดำเนินงานเพิ่มเติม ครั้งที่ {self.supplement_number}"
        return f"{kind} ประจำปีงบประมาณ พ.ศ. {self.fiscal_year}"

    def public_kwargs(self) -> dict:
        """The URL arguments of the plan's public addresses (printed as a QR code: stable)."""
        kwargs = {"org_slug": self.organization.slug, "fiscal_year": self.fiscal_year}
        if self.is_supplementary:
            kwargs["supplement"] = self.supplement_number
        return kwargs

    def file_name(self, extension: str, *, draft: bool = False, suffix: str = "") -> str:
        """The one name scheme of every file of a plan, so a citizen's downloads sort side by
        side; ASCII only, so every browser saves it alike: plan-sungmen-2565-supplement1.csv."""
        parts = ["plan", self.organization.slug, str(self.fiscal_year)]
        if self.is_supplementary:
            parts.append(f"supplement{self.supplement_number}")
        if draft:
            parts.append("draft")
        if suffix:
            parts.append(suffix)
        return "-".join(parts) + f".{extension}"

    @property
    def is_editable(self) -> bool:
        return self.stage in EDITABLE_STAGES

    @property
    def is_announced(self) -> bool:
        return self.stage == Stage.ANNOUNCED

    @property
    def is_under_review(self) -> bool:
        return self.stage == Stage.COMMITTEE_REVIEW

    @property
    def starts_on(self):
        return thai.fiscal_year_dates(self.fiscal_year)[0]

    @property
    def ends_on(self):
        return thai.fiscal_year_dates(self.fiscal_year)[1]


def attach_totals(plans: list[OperationsPlan]) -> list[OperationsPlan]:
    """Set ``project_count`` and ``total`` (the sum of its budget lines, or 0) on each plan.

    Two grouped queries for the plans given (a page of them), never a subquery per project
    row: Django puts an annotated subquery beside a Count into GROUP BY, which ran it once
    per project (588 s for the country's 7,850 plans). Counting and summing apart, not as
    COUNT(DISTINCT) over a join, lets PostgreSQL reach the budget lines through their
    project index instead of hashing all 1.27 M of them.
    """
    ids = [p.pk for p in plans]
    counts, totals = {}, {}
    if ids:
        counts = dict(
            Project.objects.filter(plan__in=ids)
            .order_by()
            .values("plan")
            .annotate(n=models.Count("id"))
            .values_list("plan", "n")
        )
        totals = dict(
            BudgetLine.objects.filter(project__plan__in=ids)
            .order_by()
            .values("project__plan")
            .annotate(sum=Sum("amount"))
            .values_list("project__plan", "sum")
        )
    for plan in plans:
        plan.project_count = counts.get(plan.pk, 0)
        plan.total = totals.get(plan.pk) or Decimal(0)
    return plans


class ProjectQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        # bulk_create bypasses save(), which keeps the search words (see Project.save).
        objs = list(objs)
        for project in objs:
            project.refresh_search_words()
        return super().bulk_create(objs, *args, **kwargs)

    def with_details(self):
        """Everything the plan page and the forms show, in a fixed number of queries."""
        return (
            self.select_related("strategy", "guideline", "program", "department", "equipment_type")
            .prefetch_related(Prefetch("villages", queryset=Village.objects.order_by("number")))
            .annotate(total=Coalesce(Sum("budget_lines__amount"), Decimal("0")))
            .order_by("strategy__number", "program__code", "id")
        )


class Project(models.Model):
    class Ownership(models.TextChoices):
        OWN = "own", _("ขององค์กรเอง")
        OTHER_AGENCY = "other_agency", _("ของหน่วยงานอื่น")

    class Form(models.TextChoices):
        PROJECT = "pd02", _("ผด.02 โครงการ/กิจกรรม")
        EQUIPMENT = "pd02_1", _("ผด.02/1 ครุภัณฑ์")

    plan = models.ForeignKey(
        OperationsPlan,
        on_delete=models.CASCADE,
        related_name="projects",
        verbose_name=_("แผนการดำเนินงาน"),
    )
    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, verbose_name=_("ยุทธศาสตร์"))
    guideline = models.ForeignKey(
        Guideline, on_delete=models.PROTECT, verbose_name=_("แนวทางการพัฒนา")
    )
    program = models.ForeignKey(Program, on_delete=models.PROTECT, verbose_name=_("แผนงาน"))
    form = models.CharField(_("แบบฟอร์ม"), max_length=8, choices=Form.choices, default=Form.PROJECT)
    equipment_type = models.ForeignKey(
        EquipmentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("ประเภทครุภัณฑ์"),
    )
    title = models.CharField(_("ชื่อโครงการ/กิจกรรม"), max_length=500)
    # As long as a cell of แบบ ผด.02 can print on one page: longer text is refused by the form.
    details = models.TextField(_("รายละเอียดของกิจกรรม"), max_length=1000, blank=True)
    output_target = models.TextField(_("ผลผลิต/เป้าหมาย"), max_length=500, blank=True)
    location = models.CharField(_("สถานที่ดำเนินการ"), max_length=300, blank=True)
    villages = models.ManyToManyField(Village, blank=True, verbose_name=_("หมู่บ้าน"))
    ownership = models.CharField(
        _("เจ้าของโครงการ"), max_length=16, choices=Ownership.choices, default=Ownership.OWN
    )
    agency = models.CharField(_("หน่วยงานอื่นที่ดำเนินการ"), max_length=200, blank=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("หน่วยงานรับผิดชอบหลัก"),
    )
    months = models.JSONField(
        _("เดือนที่ดำเนินการ"),
        default=list,
        help_text=_("เลขเดือนตามปฏิทิน (10 = ตุลาคม) เรียงตามปีงบประมาณ"),
    )
    plan_reference = models.CharField(
        _("อ้างอิงแผนพัฒนาท้องถิ่น"),
        max_length=100,
        blank=True,
        help_text=_("เช่น หน้า 45 ลำดับที่ 12"),
    )
    # Bumped on every save; a save that read an older version is refused, not merged.
    version = models.PositiveIntegerField(default=1)
    # The words of SEARCHED_FIELDS as projects/words.py cuts them (projects/search.py).
    search_words = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProjectQuerySet.as_manager()

    SEARCHED_FIELDS = ("title", "details", "location", "output_target", "agency")

    class Meta:
        verbose_name = _("โครงการ/กิจกรรม")
        verbose_name_plural = _("โครงการ/กิจกรรม")
        ordering = ["plan", "strategy__number", "program__code", "id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Derived from the row's own text, not a business rule: kept here so that no path
        # that saves a project (form, copy, admin, demo) leaves its words stale; the
        # queryset's bulk_create does the same.
        self.refresh_search_words()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(self.SEARCHED_FIELDS):
            kwargs["update_fields"] = {*update_fields, "search_words"}
        super().save(*args, **kwargs)

    def refresh_search_words(self) -> None:
        self.search_words = words.text_words(*(getattr(self, f) for f in self.SEARCHED_FIELDS))

    @property
    def responsible(self) -> str:
        """Who carries it out, as the forms print it."""
        if self.is_other_agency:
            return self.agency
        return self.department.name if self.department else ""

    @property
    def is_other_agency(self) -> bool:
        return self.ownership == self.Ownership.OTHER_AGENCY

    @property
    def month_flags(self) -> list[bool]:
        """Twelve booleans in fiscal order (ต.ค. … ก.ย.), for the month bars."""
        active = set(self.months)
        return [m in active for m in thai.FISCAL_MONTHS]

    @property
    def month_labels(self) -> str:
        return thai.month_labels(self.months, lang=get_language())


class BudgetLine(models.Model):
    class Source(models.TextChoices):
        ANNUAL_ORDINANCE = "annual", _("ข้อบัญญัติงบประมาณรายจ่ายประจำปี")
        ACCUMULATED_FUNDS = "accumulated", _("เงินสะสม")
        SPECIFIC_SUBSIDY = "specific_subsidy", _("เงินอุดหนุนเฉพาะกิจ")
        GENERAL_SUBSIDY = "general_subsidy", _("เงินอุดหนุนทั่วไป")
        OTHER_AGENCY = "other_agency", _("งบประมาณของหน่วยงานอื่น")
        OTHER = "other", _("อื่น ๆ")

    class Group(models.TextChoices):
        CENTRAL = "central", _("งบกลาง")
        PERSONNEL = "personnel", _("งบบุคลากร")
        OPERATING = "operating", _("งบดำเนินงาน")
        INVESTMENT = "investment", _("งบลงทุน")
        SUBSIDY = "subsidy", _("งบเงินอุดหนุน")
        OTHER = "other", _("งบรายจ่ายอื่น")

    class Category(models.TextChoices):
        WAGES = "wages", _("ค่าตอบแทน")
        SERVICES = "services", _("ค่าใช้สอย")
        MATERIALS = "materials", _("ค่าวัสดุ")
        UTILITIES = "utilities", _("ค่าสาธารณูปโภค")
        EQUIPMENT = "equipment", _("ค่าครุภัณฑ์")
        LAND_BUILDINGS = "land_buildings", _("ค่าที่ดินและสิ่งก่อสร้าง")
        SUBSIDIES = "subsidies", _("เงินอุดหนุน")
        OTHER = "other", _("อื่น ๆ")

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("โครงการ"),
    )
    amount = models.DecimalField(
        _("จำนวนเงิน (บาท)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"), message=_("จำนวนเงินต้องมากกว่าศูนย์"))],
    )
    source = models.CharField(
        _("แหล่งงบประมาณ"), max_length=24, choices=Source.choices, default=Source.ANNUAL_ORDINANCE
    )
    group = models.CharField(_("งบ"), max_length=16, choices=Group.choices)
    category = models.CharField(_("หมวด"), max_length=24, choices=Category.choices, blank=True)
    note = models.CharField(_("หมายเหตุ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("รายการงบประมาณ")
        verbose_name_plural = _("รายการงบประมาณ")
        ordering = ["project", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="budget_amount_positive")
        ]

    def __str__(self):
        return f"{self.get_group_display()} {self.amount}"
