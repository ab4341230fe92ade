from django import forms
from django.utils.translation import gettext_lazy as _

from projects import dates, text
from workflow.models import Announcement, DeadlineExtension, Vote


def _length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


class CommentForm(forms.Form):
    comment = text.TextField(
        label=_("ความเห็น"),
        required=False,
        max_length=_length(Vote, "comment"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AnnounceForm(forms.Form):
    announced_on = dates.DateField(
        label=_("วันที่ประกาศ"),
        error_messages={
            "required": _("กรุณาระบุวันที่ประกาศ"),
            "invalid": _("วันที่ไม่ถูกต้อง"),
        },
    )
    signer_name = text.TextField(
        label=_("ชื่อผู้ลงนาม"),
        max_length=_length(Announcement, "signer_name"),
        error_messages={"required": _("กรุณาระบุชื่อผู้ลงนาม")},
    )
    signer_title = text.TextField(
        label=_("ตำแหน่งผู้ลงนาม"),
        max_length=_length(Announcement, "signer_title"),
        error_messages={"required": _("กรุณาระบุตำแหน่งผู้ลงนาม")},
    )


class ExtendDeadlineForm(forms.Form):
    new_due = dates.DateField(
        label=_("กำหนดเวลาใหม่"),
        error_messages={"required": _("กรุณาระบุวันที่"), "invalid": _("วันที่ไม่ถูกต้อง")},
    )
    reason = text.TextField(
        label=_("เหตุผล"),
        max_length=_length(DeadlineExtension, "reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("กรุณาระบุเหตุผลของการขยายกำหนดเวลา")},
    )
