from django import forms
from django.utils.translation import gettext_lazy as _

from notices import photos
from notices.models import Posting
from projects import text
from projects.fields import ThaiDateField
from projects.glyphs import validate_printable
from projects.models import Village


class PostingForm(forms.Form):
    place = forms.ChoiceField(
        label=_("สถานที่ปิดประกาศ"),
        choices=[c for c in Posting.Place.choices if c[0] != Posting.Place.WEBSITE],
    )
    village = forms.ModelChoiceField(
        label=_("หมู่บ้าน"), queryset=Village.objects.none(), required=False
    )
    place_detail = text.TextField(
        label=_("รายละเอียดสถานที่"),
        required=False,
        max_length=200,
        validators=[validate_printable],  # printed on the certificate of posting
    )
    posted_on = ThaiDateField(label=_("วันที่ปิดประกาศ"), required_message=_("กรุณาระบุวันที่ปิดประกาศ"))
    # forms.ImageField opens the upload with Pillow: a file that is not really an image is
    # refused whatever its name says. clean_photo then replaces it with a re-encoded copy.
    photo = forms.ImageField(
        label=_("ภาพถ่ายหลักฐาน (ไม่เกิน 5 MB)"),
        required=False,
        error_messages={"invalid_image": photos.NOT_AN_IMAGE},
    )
    note = text.TextField(
        label=_("หมายเหตุ"), required=False, max_length=300, validators=[validate_printable]
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Village.objects.filter(organization=plan.organization_id)
        self.fields["village"].empty_label = _("— เลือกหมู่บ้าน —")

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        return photos.clean_upload(photo) if photo else photo

    def clean(self):
        data = super().clean()
        if data.get("place") == Posting.Place.VILLAGE and not data.get("village"):
            self.add_error("village", _("กรุณาเลือกหมู่บ้าน"))
        if data.get("place") != Posting.Place.VILLAGE:
            data["village"] = None
        if data.get("place") == Posting.Place.OTHER and not data.get("place_detail"):
            self.add_error("place_detail", _("กรุณาระบุสถานที่"))
        return data


class TakeDownForm(forms.Form):
    taken_down_on = ThaiDateField(
        label=_("วันที่ปลดประกาศ"), required_message=_("กรุณาระบุวันที่ปลดประกาศ")
    )
    # Set by the confirmation asked for a take-down before the notice was kept long enough.
    early_ok = forms.BooleanField(required=False, widget=forms.HiddenInput)


class PostingCorrectionForm(forms.Form):
    """Correct a posting record; the reason goes into the plan's history with the change."""

    posted_on = ThaiDateField(label=_("วันที่ปิดประกาศ"), required_message=_("กรุณาระบุวันที่ปิดประกาศ"))
    taken_down_on = ThaiDateField(
        label=_("วันที่ปลดประกาศ"),
        required=False,
        help_text=_("เว้นว่างถ้ายังไม่ได้ปลด หรือบันทึกการปลดไว้ผิด"),
    )
    place_detail = text.TextField(
        label=_("รายละเอียดสถานที่"),
        required=False,
        max_length=200,
        validators=[validate_printable],
    )
    note = text.TextField(
        label=_("หมายเหตุ"), required=False, max_length=300, validators=[validate_printable]
    )
    reason = text.TextField(
        label=_("เหตุผลของการแก้ไข"),
        max_length=300,
        error_messages={"required": _("กรุณาระบุเหตุผลของการแก้ไข")},
    )

    @classmethod
    def for_posting(cls, posting, data=None):
        initial = {name: getattr(posting, name) for name in cls.base_fields if name != "reason"}
        return cls(data, initial=initial, auto_id=f"fix-{posting.pk}-%s")
