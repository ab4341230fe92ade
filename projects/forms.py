"""Forms validate and normalise what staff type; they hold no business rules beyond that."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from projects import dates, text, thai
from projects.fields import ThaiDateField
from projects.glyphs import validate_printable
from projects.models import (
    BudgetLine,
    Department,
    EquipmentType,
    Guideline,
    Program,
    Project,
    RuleSet,
    Strategy,
    Village,
)
from projects.search import filter_projects


class AmountField(forms.DecimalField):
    """Baht as staff type it: 12,500 or ๑๒,๕๐๐ alike, at most two decimals, above zero."""

    default_error_messages = {
        "invalid": _("กรุณากรอกจำนวนเงินเป็นตัวเลข เช่น 12,500 หรือ ๑๒,๕๐๐"),
        "not_positive": _("จำนวนเงินต้องมากกว่าศูนย์"),
        "satang": _("จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)"),
        "too_large": _("จำนวนเงินสูงเกินไป"),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(max_digits=14, decimal_places=2, **kwargs)
        # The checks below replace Django's generic validators with messages staff understand.
        self.validators = []

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return thai.parse_amount(str(value))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def validate(self, value):
        super(forms.DecimalField, self).validate(value)
        if value is None:
            return
        if value <= 0:
            raise ValidationError(self.error_messages["not_positive"], code="not_positive")
        # Size first: quantizing a 30-digit number would overflow Decimal's context.
        if value >= Decimal("1e12"):
            raise ValidationError(self.error_messages["too_large"], code="too_large")
        if value.as_tuple().exponent < -2 and value != value.quantize(Decimal("0.01")):
            raise ValidationError(self.error_messages["satang"], code="satang")

    def prepare_value(self, value):
        # Show stored amounts with separators; re-show typed text exactly as typed.
        if isinstance(value, Decimal):
            return thai.baht(value)
        return value


class GuidelineSelect(forms.Select):
    """Each option carries its strategy, so the page can offer only the chosen strategy's."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-strategy"] = str(instance.strategy_id)
        return option


def _offered(rows, *current_ids):
    return rows.filter(Q(is_retired=False) | Q(pk__in=[i for i in current_ids if i]))


class ProjectForm(forms.ModelForm):
    # The version the editor started from; a save from an older version is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    months = forms.TypedMultipleChoiceField(
        label=_("เดือนที่ดำเนินการ"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("เลือกอย่างน้อยหนึ่งเดือนที่ดำเนินการ")},
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "details",
            "output_target",
            "strategy",
            "guideline",
            "program",
            "form",
            "equipment_type",
            "ownership",
            "department",
            "agency",
            "location",
            "villages",
            "months",
            "plan_reference",
        ]
        field_classes = dict.fromkeys(
            ["title", "details", "output_target", "location", "agency", "plan_reference"],
            text.TextField,
        )
        widgets = {
            "guideline": GuidelineSelect,
            "details": forms.Textarea(attrs={"rows": 3}),
            "output_target": forms.Textarea(attrs={"rows": 2}),
            "villages": forms.CheckboxSelectMultiple,
            "form": forms.RadioSelect,
            "ownership": forms.RadioSelect,
        }
        error_messages = {
            "title": {"required": _("กรุณากรอกชื่อโครงการ/กิจกรรม")},
            "strategy": {"required": _("กรุณาเลือกยุทธศาสตร์")},
            "guideline": {"required": _("กรุณาเลือกแนวทางการพัฒนา")},
            "program": {"required": _("กรุณาเลือกแผนงาน")},
        }

    # Printed in the plan document: only what its font can draw (projects/glyphs.py).
    printed = ("title", "details", "output_target", "agency", "location", "plan_reference")

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        for name in self.printed:
            self.fields[name].validators.append(validate_printable)
        self.fields["version"].initial = self.instance.version
        org = plan.organization_id
        # Only this plan's organization and development-plan period are offered; anything
        # else posted is rejected as an invalid choice.
        # Retired master data is not offered, except what this project already uses.
        project = self.instance
        self.fields["strategy"].queryset = _offered(
            Strategy.objects.filter(period=plan.period_id), project.strategy_id
        )
        self.fields["guideline"].queryset = _offered(
            Guideline.objects.filter(strategy__period=plan.period_id), project.guideline_id
        ).select_related("strategy")
        self.fields["program"].queryset = _offered(
            Program.objects.filter(organization=org), project.program_id
        )
        self.fields["department"].queryset = _offered(
            Department.objects.filter(organization=org), project.department_id
        )
        self.fields["equipment_type"].queryset = _offered(
            EquipmentType.objects.filter(organization=org), project.equipment_type_id
        )
        used = list(project.villages.values_list("pk", flat=True)) if project.pk else []
        self.fields["villages"].queryset = _offered(Village.objects.filter(organization=org), *used)
        lang = get_language()

        def year_of(month):
            return thai.fiscal_month_year_be(month, plan.fiscal_year)

        self.fields["months"].choices = [
            (
                m,
                f"{thai.month_abbr(m, lang=lang)} {year_of(m) % 100}",
            )
            for m in thai.FISCAL_MONTHS
        ]
        for name in ("strategy", "guideline", "program", "department", "equipment_type"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "ตัวเลือกนี้ไม่มีในแผนขององค์กรนี้ กรุณาเลือกใหม่"
            )

    def clean_months(self):
        chosen = set(self.cleaned_data["months"])
        return [m for m in thai.FISCAL_MONTHS if m in chosen]

    def clean(self):
        data = super().clean()
        strategy, guideline = data.get("strategy"), data.get("guideline")
        errors = project_rule_errors(
            strategy_id=strategy.pk if strategy else None,
            guideline_strategy_id=guideline.strategy_id if guideline else None,
            form=data.get("form"),
            equipment_type=data.get("equipment_type"),
            ownership=data.get("ownership"),
            agency=data.get("agency", ""),
            department=data.get("department"),
        )
        for name, message in errors.items():
            self.add_error(name, message)
        if data.get("form") == Project.Form.PROJECT:
            data["equipment_type"] = None
        return data


def project_rule_errors(
    *, strategy_id, guideline_strategy_id, form, equipment_type, ownership, agency, department
) -> dict[str, str]:
    """The rules between a project's fields, by field name: the form's, and the import's
    (projects/imports/rows.py), so a spreadsheet row passes exactly when the form would."""
    errors = {}
    if strategy_id and guideline_strategy_id and guideline_strategy_id != strategy_id:
        errors["guideline"] = _("แนวทางการพัฒนานี้ไม่อยู่ในยุทธศาสตร์ที่เลือก กรุณาเลือกใหม่")
    if form == Project.Form.EQUIPMENT and not equipment_type:
        errors["equipment_type"] = _("ครุภัณฑ์ต้องระบุประเภทครุภัณฑ์")
    if ownership == Project.Ownership.OTHER_AGENCY:
        if not (agency or "").strip():
            errors["agency"] = _("กรุณาระบุหน่วยงานอื่นที่ดำเนินการ")
    elif not department:
        errors["department"] = _("กรุณาเลือกหน่วยงานรับผิดชอบหลัก")
    return errors


# Any more would be a tampered form: no project has more than a handful of budget lines.
MAX_BUDGET_LINES = 200


class BudgetLineForm(forms.ModelForm):
    amount = AmountField(label=_("จำนวนเงิน (บาท)"))

    class Meta:
        model = BudgetLine
        fields = ["amount", "source", "group", "category", "note"]
        field_classes = {"note": text.TextField}
        error_messages = {"group": {"required": _("กรุณาเลือกงบ")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].validators.append(validate_printable)


class BaseBudgetLineFormSet(forms.BaseInlineFormSet):
    default_error_messages = {
        "too_many_forms": _("รายการงบประมาณมีได้ไม่เกิน %(num)d รายการต่อโครงการ"),
        "missing_management_form": _("ข้อมูลรายการงบประมาณไม่ครบ กรุณาเปิดหน้านี้ใหม่แล้วกรอกอีกครั้ง"),
    }

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        # Django checks a posted line id against every budget line, not this project's: a
        # line of another project passes, and is then silently dropped on save. Count only
        # what will be saved, and refuse what would be dropped.
        if any(form.instance.pk is None for form in self.initial_forms):
            raise ValidationError(_("รายการงบประมาณที่ส่งมาไม่ใช่ของโครงการนี้ กรุณาเปิดหน้าแก้ไขโครงการใหม่"))
        # Blank extra rows have empty cleaned_data; rows ticked for deletion do not count.
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not kept:
            raise ValidationError(_("โครงการต้องมีรายการงบประมาณอย่างน้อยหนึ่งรายการ"))


# Any number of lines: the page adds rows (static/js/project_form.js), or without JavaScript
# the "add a line" button posts the form back with one more empty row (projects/views.py).
BudgetLineFormSet = forms.inlineformset_factory(
    Project,
    BudgetLine,
    form=BudgetLineForm,
    formset=BaseBudgetLineFormSet,
    extra=1,
    can_delete=True,
    # Django builds as many forms as lines-TOTAL_FORMS asks for, up to absolute_max (2,000
    # by default): one post of TOTAL_FORMS=1000000 took 51 s and answered 12.5 MB. No
    # project has more than a handful of budget lines.
    max_num=MAX_BUDGET_LINES,
    absolute_max=MAX_BUDGET_LINES,
    validate_max=True,
)


class PlanFilterForm(forms.Form):
    q = text.TextField(label=_("ค้นหา"), required=False, max_length=200)
    strategy = forms.ModelChoiceField(
        label=_("ยุทธศาสตร์"), queryset=Strategy.objects.none(), required=False
    )
    program = forms.ModelChoiceField(
        label=_("แผนงาน"), queryset=Program.objects.none(), required=False
    )
    department = forms.ModelChoiceField(
        label=_("หน่วยงาน"), queryset=Department.objects.none(), required=False
    )
    village = forms.ModelChoiceField(
        label=_("หมู่บ้าน"), queryset=Village.objects.none(), required=False
    )
    ownership = forms.ChoiceField(
        label=_("เจ้าของโครงการ"),
        choices=[("", _("ทั้งหมด")), *Project.Ownership.choices],
        required=False,
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        org = plan.organization_id
        # What is in use, and whatever this plan's projects still point at (an announced
        # plan keeps the rows that were retired after it).
        used = Project.objects.filter(plan=plan)
        self.fields["strategy"].queryset = Strategy.objects.filter(period=plan.period_id).filter(
            Q(is_retired=False) | Q(pk__in=used.values("strategy"))
        )
        self.fields["program"].queryset = Program.objects.filter(organization=org).filter(
            Q(is_retired=False) | Q(pk__in=used.values("program"))
        )
        self.fields["department"].queryset = Department.objects.filter(organization=org).filter(
            Q(is_retired=False) | Q(pk__in=used.exclude(department=None).values("department"))
        )
        self.fields["village"].queryset = Village.objects.filter(organization=org).filter(
            Q(is_retired=False) | Q(pk__in=used.exclude(villages=None).values("villages"))
        )
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = _("ทั้งหมด")

    def filter(self, projects):
        """Narrow a Project queryset by whatever valid criteria were given."""
        if not self.is_valid():
            return projects
        # The same criteria and Thai-aware search citizens use.
        return filter_projects(projects, **self.cleaned_data)

    @property
    def is_filtered(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())


class PlanForm(forms.Form):
    """A new operations plan: the year's main plan or its next supplement."""

    organization = forms.ModelChoiceField(label=_("องค์กร"), queryset=None)
    fiscal_year = text.TextField(
        label=_("ปีงบประมาณ (พ.ศ.)"),
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    supplementary = forms.BooleanField(label=_("แผนการดำเนินงานเพิ่มเติม"), required=False)
    trigger_date = ThaiDateField(
        label=_("วันที่ตั้งงบประมาณหรือได้รับแจ้งโครงการ"),
        required=False,
        help_text=_(
            "วันที่ประกาศใช้งบประมาณหรือได้รับแจ้งโครงการจากหน่วยงานอื่น กำหนดเวลาแล้วเสร็จนับจากวันนี้ตามกฎขององค์กร"
        ),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None

    def clean_fiscal_year(self):
        text = thai.to_arabic_digits(self.cleaned_data["fiscal_year"]).strip()
        if not text.isascii() or not text.isdigit():
            raise ValidationError(_("กรุณากรอกปีงบประมาณเป็นปี พ.ศ. เช่น 2566"))
        if not dates.FIRST_FISCAL_YEAR <= int(text) <= dates.LAST_FISCAL_YEAR:
            raise ValidationError(_("กรุณากรอกปีงบประมาณเป็นปี พ.ศ. เช่น 2566"))
        return int(text)

    def clean(self):
        data = super().clean()
        trigger, year = data.get("trigger_date"), data.get("fiscal_year")
        if trigger and year:
            # The budget of a fiscal year is set, or an agency writes, at most a year before
            # it starts and before it ends; any other date is a typing slip.
            earliest, ends_on = thai.fiscal_year_dates(year - 1)[0], thai.fiscal_year_dates(year)[1]
            if not earliest <= trigger <= ends_on:
                self.add_error("trigger_date", dates.out_of_range_message(earliest, ends_on))
        if trigger:
            return data
        if data.get("supplementary"):
            self.add_error("trigger_date", _("แผนเพิ่มเติมต้องระบุวันที่ตั้งงบประมาณหรือได้รับแจ้งโครงการ"))
        elif data.get("organization"):
            rules = RuleSet.for_organization(data["organization"])
            if rules.main_plan_due == RuleSet.MainPlanDue.DAYS_AFTER_TRIGGER:
                self.add_error(
                    "trigger_date",
                    _("ตามกฎที่องค์กรใช้ กำหนดเวลาแผนหลักนับจากวันประกาศใช้งบประมาณ กรุณาระบุวันที่ดังกล่าว"),
                )
        return data
