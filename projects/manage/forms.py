"""Forms of the organization's administration pages: they validate and normalise only."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from projects.emblem import emblem_reencode
from projects.models import Department, Organization, PlanPeriod, Role, RuleSet, Strategy
from projects.thai import to_arabic_digits

REQUIRED = _("กรุณากรอก%(field)s")


def thai_required(form):
    for field in form.fields.values():
        field.error_messages["required"] = REQUIRED % {"field": field.label}
        if isinstance(field, forms.ModelChoiceField):
            field.error_messages["invalid_choice"] = _("ตัวเลือกนี้ไม่มีในองค์กรนี้ กรุณาเลือกใหม่")


class MasterForm(forms.ModelForm):
    """One row of master data. The parent (a strategy's period, a guideline's strategy) is
    offered from this organization only; uniqueness is checked with the organization set, so
    a duplicate gets a message instead of a database error."""

    def __init__(self, *args, organization, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if hasattr(self.instance, "organization_id") and self.instance.organization_id is None:
            self.instance.organization = organization
        if "period" in self.fields:
            self.fields["period"].queryset = PlanPeriod.objects.filter(organization=organization)
        if "strategy" in self.fields:
            self.fields["strategy"].queryset = Strategy.objects.filter(
                period__organization=organization, is_retired=False
            ).select_related("period")
        thai_required(self)

    def _get_validation_exclusions(self):
        # The organization and the retired flag are set by the page, not typed: check the
        # constraints (unique among the rows in use) with them.
        exclude = super()._get_validation_exclusions()
        exclude -= {"organization", "is_retired"}
        return exclude


def master_form_class(kind):
    return forms.modelform_factory(kind.model, form=MasterForm, fields=list(kind.fields))


class CopyStrategiesForm(forms.Form):
    source = forms.ModelChoiceField(label=_("คัดลอกยุทธศาสตร์จากแผนพัฒนา"), queryset=None)

    def __init__(self, *args, organization, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = PlanPeriod.objects.filter(
            organization=organization
        ).exclude(pk=target.pk)
        thai_required(self)


ROLE_CHOICES = Role.choices


class DepartmentChoice:
    """The department a department's staff member belongs to: chosen among the
    organization's departments in use, required with that role and ignored without it."""

    def _department_field(self, organization):
        self.fields["department"] = forms.ModelChoiceField(
            label=_("กอง/ส่วน (สำหรับเจ้าหน้าที่ของกอง/ส่วน)"),
            queryset=Department.objects.filter(organization=organization, is_retired=False),
            required=False,
            help_text=_("เจ้าหน้าที่ของกอง/ส่วนบันทึกผลการดำเนินงานได้เฉพาะโครงการของกอง/ส่วนนี้"),
            error_messages={"invalid_choice": _("ตัวเลือกนี้ไม่มีในองค์กรนี้ กรุณาเลือกใหม่")},
        )

    def clean(self):
        cleaned = super().clean()
        if Role.DEPARTMENT_STAFF in cleaned.get("roles", ()):
            if not cleaned.get("department") and "department" not in self.errors:
                self.add_error("department", _("กรุณาเลือกกอง/ส่วนที่เจ้าหน้าที่ผู้นี้สังกัด"))
        else:
            cleaned["department"] = None
        return cleaned


class InviteForm(DepartmentChoice, forms.Form):
    email = forms.EmailField(
        label=_("อีเมล"),
        error_messages={"invalid": _("กรุณากรอกอีเมลให้ถูกต้อง เช่น somchai@example.go.th")},
    )
    first_name = forms.CharField(label=_("ชื่อ"), max_length=150, required=False)
    last_name = forms.CharField(label=_("นามสกุล"), max_length=150, required=False)
    title = forms.CharField(label=_("ตำแหน่ง"), max_length=200, required=False)
    roles = forms.MultipleChoiceField(
        label=_("บทบาท"), choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        thai_required(self)
        self.fields["roles"].error_messages["required"] = _("เลือกอย่างน้อยหนึ่งบทบาท")
        self._department_field(organization)


class RolesForm(DepartmentChoice, forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("บทบาท"), choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    title = forms.CharField(label=_("ตำแหน่ง"), max_length=200, required=False)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].error_messages["required"] = _(
            "เลือกอย่างน้อยหนึ่งบทบาท หรือใช้ปุ่ม “นำออกจากองค์กร”"
        )
        self._department_field(organization)


class OrganizationForm(forms.ModelForm):
    emblem = forms.ImageField(
        label=_("ตราสัญลักษณ์ (รูปภาพ)"),
        required=False,
        help_text=_("JPEG หรือ PNG ระบบจะย่อให้ด้านยาวไม่เกิน 800 พิกเซล"),
        error_messages={"invalid_image": _("ไฟล์นี้ไม่ใช่รูปภาพที่อ่านได้ กรุณาเลือกไฟล์ JPEG หรือ PNG")},
    )
    remove_emblem = forms.BooleanField(label=_("ลบตราสัญลักษณ์"), required=False)

    class Meta:
        model = Organization
        fields = [
            "name",
            "short_name",
            "kind",
            "district",
            "province",
            "slug",
            "unit_kind",
            "executive_name",
            "executive_title",
            "acting_signer_name",
            "acting_signer_title",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        thai_required(self)
        self.fields["slug"].help_text = _(
            "ใช้ในที่อยู่หน้าเว็บสาธารณะ (ตัวอักษรอังกฤษ ตัวเลข และ -) ถ้าเปลี่ยน ที่อยู่เดิมที่พิมพ์เป็น QR code ยังใช้ได้"
        )
        if not self.instance.emblem_png:
            del self.fields["remove_emblem"]
        self.fields["slug"].error_messages["invalid"] = _(
            "ชื่อใน URL ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข - และ _"
        )

    def clean_emblem(self):
        upload = self.cleaned_data.get("emblem")
        if not upload:
            return None
        try:
            return emblem_reencode(upload)
        except (OSError, ValueError):
            raise ValidationError(_("อ่านรูปภาพนี้ไม่ได้ กรุณาเลือกไฟล์อื่น")) from None

    def emblem_png(self) -> bytes | None:
        """New PNG bytes, b"" to remove, None to keep the current emblem."""
        if self.cleaned_data.get("remove_emblem") and not self.cleaned_data.get("emblem"):
            return b""
        return self.cleaned_data.get("emblem")

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class NewOrganizationForm(OrganizationForm):
    admin_email = forms.EmailField(label=_("อีเมลของผู้ดูแลระบบขององค์กร"))
    admin_first_name = forms.CharField(label=_("ชื่อผู้ดูแลระบบ"), max_length=150, required=False)
    admin_last_name = forms.CharField(label=_("นามสกุลผู้ดูแลระบบ"), max_length=150, required=False)

    class Meta(OrganizationForm.Meta):
        fields = ["name", "short_name", "kind", "district", "province", "slug"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("emblem")
        self.fields.pop("remove_emblem", None)
        thai_required(self)


class MonthsField(forms.CharField):
    """Calendar months as typed, "4, 10" or "๔ ๑๐", kept as a sorted list of numbers."""

    def __init__(self, *, encoder=None, decoder=None, **kwargs):
        # A JSONField's form field is given its encoder and decoder; the list needs neither.
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(str(month) for month in value)
        return value

    def to_python(self, value):
        value = to_arabic_digits(super().to_python(value) or "")
        tokens = [token for token in re.split(r"[\s,]+", value) if token]
        if not all(token.isascii() and token.isdigit() for token in tokens):
            raise ValidationError(_("ระบุเลขเดือน 1–12 คั่นด้วยจุลภาค เช่น 4, 10"))
        months = sorted({int(token) for token in tokens})
        if any(not 1 <= month <= 12 for month in months):
            raise ValidationError(_("เลขเดือนต้องอยู่ระหว่าง 1 ถึง 12"))
        return months


class RuleSetForm(forms.ModelForm):
    """Choosing a preset fills its values (and its legal source); only "custom" asks for
    them, so a preset never fails on fields the person was not meant to type."""

    PRESET_FIELDS = (
        "main_plan_due",
        "completion_days",
        "posting_within_days",
        "posting_keep_days",
        "legal_source",
        "report_within_days",
        "report_days_from",
        "report_keep_days",
        "report_due_months",
        "report_legal_source",
    )

    class Meta:
        model = RuleSet
        fields = [
            "preset",
            *(
                "main_plan_due",
                "completion_days",
                "posting_within_days",
                "posting_keep_days",
                "legal_source",
            ),
            "committee_quorum",
            *(
                "report_within_days",
                "report_days_from",
                "report_keep_days",
                "report_due_months",
                "report_legal_source",
            ),
            "monitoring_quorum",
        ]
        field_classes = {"report_due_months": MonthsField}
        widgets = {
            "legal_source": forms.Textarea(attrs={"rows": 3}),
            "report_legal_source": forms.Textarea(attrs={"rows": 3}),
            "report_due_months": forms.TextInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        thai_required(self)
        for name in self.PRESET_FIELDS:
            self.fields[name].required = False
        for field in self.fields.values():
            if isinstance(field, forms.TypedChoiceField):
                field.error_messages["invalid_choice"] = _("กรุณาเลือก%(field)sจากรายการ") % {
                    "field": field.label
                }

    def clean(self):
        data = super().clean()
        preset = data.get("preset")
        if preset and preset != RuleSet.Preset.CUSTOM:
            data.update(RuleSet.PRESETS[preset])
        else:
            for name in self.PRESET_FIELDS:
                if data.get(name) in (None, "", []):
                    self.add_error(name, REQUIRED % {"field": self.fields[name].label})
        return data


def parent_initial(kind, request_get) -> dict:
    """?period= or ?strategy= preselects the parent when adding from the periods page."""
    if kind.parent and request_get.get(kind.parent, "").isdigit():
        return {kind.parent: int(request_get[kind.parent])}
    return {}
