from django import forms
from django.utils.translation import gettext_lazy as _

from projects import dates


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("ความเห็น"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AnnounceForm(forms.Form):
    announced_on = dates.DateField(
        label=_("วันที่ประกาศ"),
        error_messages={
            "required": _("กรุณาระบุวันที่ประกาศ"),
            "invalid": _("วันที่ไม่ถูกต้อง"),
        },
    )
    signer_name = forms.CharField(
        label=_("ชื่อผู้ลงนาม"), error_messages={"required": _("กรุณาระบุชื่อผู้ลงนาม")}
    )
    signer_title = forms.CharField(
        label=_("ตำแหน่งผู้ลงนาม"), error_messages={"required": _("กรุณาระบุตำแหน่งผู้ลงนาม")}
    )


class ExtendDeadlineForm(forms.Form):
    new_due = dates.DateField(
        label=_("กำหนดเวลาใหม่"),
        error_messages={"required": _("กรุณาระบุวันที่"), "invalid": _("วันที่ไม่ถูกต้อง")},
    )
    reason = forms.CharField(
        label=_("เหตุผล"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("กรุณาระบุเหตุผลของการขยายกำหนดเวลา")},
    )
