from django import forms
from django.utils.translation import gettext_lazy as _

from projects.fields import ThaiDateField
from projects.glyphs import validate_printable


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("ความเห็น"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AnnounceForm(forms.Form):
    announced_on = ThaiDateField(label=_("วันที่ประกาศ"), required_message=_("กรุณาระบุวันที่ประกาศ"))
    signer_name = forms.CharField(
        label=_("ชื่อผู้ลงนาม"),
        error_messages={"required": _("กรุณาระบุชื่อผู้ลงนาม")},
        validators=[validate_printable],
    )
    signer_title = forms.CharField(
        label=_("ตำแหน่งผู้ลงนาม"),
        error_messages={"required": _("กรุณาระบุตำแหน่งผู้ลงนาม")},
        validators=[validate_printable],
    )


class ExtendDeadlineForm(forms.Form):
    new_due = ThaiDateField(label=_("กำหนดเวลาใหม่"), required_message=_("กรุณาระบุวันที่"))
    reason = forms.CharField(
        label=_("เหตุผล"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("กรุณาระบุเหตุผลของการขยายกำหนดเวลา")},
    )
