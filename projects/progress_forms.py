"""The forms of a project's progress page: its record, a payment, a photo, a removal.

They validate and normalise what staff type; the rules a record keeps are checked once, in
projects/progress.py (check_values), and shown beside the field they are about.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from projects import photos, progress, text, thai
from projects.behind import month_start
from projects.fields import ThaiDateField
from projects.forms import AmountField
from projects.glyphs import validate_printable
from projects.models import Disbursement, Procurement, ProgressStatus, ProjectProgress


class PercentField(forms.DecimalField):
    """A percentage from 0 to 100 with at most two decimals, in Thai or Arabic digits."""

    default_error_messages = {
        "invalid": _("กรุณากรอกร้อยละเป็นตัวเลข เช่น 40 หรือ 62.5"),
        "range": _("ความก้าวหน้าต้องอยู่ระหว่างร้อยละ 0 ถึง 100"),
        "decimals": _("ร้อยละมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง"),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)
        self.validators = []

    def to_python(self, value):
        if value in self.empty_values:
            return None
        cleaned = thai.to_arabic_digits(str(value)).strip().removesuffix("%").strip()
        try:
            number = Decimal(cleaned)
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not number.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def validate(self, value):
        super(forms.DecimalField, self).validate(value)
        if value is None:
            return
        if not Decimal("0") <= value <= Decimal("100"):
            raise ValidationError(self.error_messages["range"], code="range")
        if value != value.quantize(Decimal("0.01")):
            raise ValidationError(self.error_messages["decimals"], code="decimals")


def month_choices(plan, *current: date | None) -> list[tuple[str, str]]:
    """The plan's fiscal year's months, "ตุลาคม 2564" … "กันยายน 2565", stored as the first
    day of the month; a stored month outside the year is offered too, so it is not lost."""
    first_days = [month_start(m, plan.fiscal_year) for m in thai.FISCAL_MONTHS]
    first_days += sorted({day.replace(day=1) for day in current if day} - set(first_days))
    return [("", _("— ยังไม่ระบุ —"))] + [
        (day.isoformat(), thai.month_year(day, lang=get_language())) for day in first_days
    ]


def _month(value: str) -> date:
    return date.fromisoformat(value)


class ProgressForm(forms.Form):
    # The record's version the page showed (empty: nothing recorded yet).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    status = forms.ChoiceField(label=_("สถานะ"), choices=ProgressStatus.choices)
    cancel_reason = text.TextField(
        label=_("เหตุผลที่ยกเลิก"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("ต้องระบุเมื่อสถานะเป็น “ยกเลิก”"),
    )
    procurement_method = forms.ChoiceField(
        label=_("วิธีจัดซื้อจัดจ้าง"),
        choices=[("", _("— ยังไม่ระบุ —")), *Procurement.choices],
        required=False,
    )
    contract_amount = AmountField(label=_("วงเงินตามสัญญา/ใบสั่งซื้อสั่งจ้าง (บาท)"), required=False)
    contract_on = ThaiDateField(label=_("วันที่ลงนามสัญญา/ใบสั่ง"), required=False)
    percent_done = PercentField(
        label=_("ความก้าวหน้าทางกายภาพ (ร้อยละ)"),
        help_text=_("โครงการที่แล้วเสร็จต้องเป็นร้อยละ 100"),
    )
    actual_start = forms.TypedChoiceField(
        label=_("เดือนที่เริ่มดำเนินการจริง"), coerce=_month, empty_value=None, required=False
    )
    actual_end = forms.TypedChoiceField(
        label=_("เดือนที่แล้วเสร็จจริง"), coerce=_month, empty_value=None, required=False
    )
    problems = text.TextField(
        label=_("ปัญหาและอุปสรรค"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, project, record: ProjectProgress, **kwargs):
        initial = {name: getattr(record, name) for name in progress.FIELDS}
        initial["version"] = record.version if record.pk else None
        super().__init__(*args, initial=initial, **kwargs)
        self.project = project
        months = month_choices(project.plan, record.actual_start, record.actual_end)
        self.fields["actual_start"].choices = months
        self.fields["actual_end"].choices = months
        for name in ("actual_start", "actual_end"):
            if getattr(record, name):
                self.initial[name] = getattr(record, name).isoformat()
        for name in ("cancel_reason", "problems"):
            self.fields[name].validators.append(validate_printable)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        values = self.values()
        if values["status"] != ProgressStatus.CANCELLED:
            values["cancel_reason"] = ""
        try:
            progress.check_values(self.project, values)
        except progress.ProgressError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
        return data

    def values(self) -> dict:
        """The record's fields as the service takes them."""
        data = self.cleaned_data
        values = {name: data.get(name) for name in progress.FIELDS}
        values["procurement_method"] = values["procurement_method"] or ""
        values["cancel_reason"] = values["cancel_reason"] or ""
        values["problems"] = values["problems"] or ""
        return values


class DisbursementForm(forms.Form):
    paid_on = ThaiDateField(label=_("วันที่เบิกจ่าย"), required_message=_("กรุณาระบุวันที่เบิกจ่าย"))
    amount = AmountField(
        label=_("จำนวนเงินที่เบิกจ่าย (บาท)"),
        error_messages={"required": _("กรุณาระบุจำนวนเงินที่เบิกจ่าย")},
    )
    note = text.TextField(
        label=_("หมายเหตุ"),
        max_length=Disbursement._meta.get_field("note").max_length,
        required=False,
        validators=[validate_printable],
    )


class DisbursementRemoveForm(forms.Form):
    reason = text.TextField(
        label=_("เหตุผลที่ลบ"),
        max_length=500,
        error_messages={"required": _("กรุณาระบุเหตุผลของการลบรายการเบิกจ่าย")},
        validators=[validate_printable],
    )


class ProgressPhotoForm(forms.Form):
    # forms.ImageField opens the upload with Pillow; clean_photo keeps a re-encoded copy.
    photo = forms.ImageField(
        label=_("ภาพถ่ายหลักฐาน (ไม่เกิน 5 MB)"),
        error_messages={
            "invalid_image": photos.NOT_AN_IMAGE,
            "required": _("กรุณาเลือกภาพถ่าย"),
        },
    )
    caption = text.TextField(
        label=_("คำอธิบายภาพ"), max_length=300, required=False, validators=[validate_printable]
    )

    def clean_photo(self):
        return photos.clean_upload(self.cleaned_data["photo"])
