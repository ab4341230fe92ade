from django import forms
from django.utils.translation import gettext_lazy as _

from projects import text
from projects.fields import ThaiDateField
from projects.glyphs import validate_printable
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
    announced_on = ThaiDateField(label=_("วันที่ประกาศ"), required_message=_("กรุณาระบุวันที่ประกาศ"))
    # Printed on the notice: only what Sarabun can draw.
    signer_name = text.TextField(
        label=_("ชื่อผู้ลงนาม"),
        max_length=_length(Announcement, "signer_name"),
        error_messages={"required": _("กรุณาระบุชื่อผู้ลงนาม")},
        validators=[validate_printable],
    )
    signer_title = text.TextField(
        label=_("ตำแหน่งผู้ลงนาม"),
        max_length=_length(Announcement, "signer_title"),
        error_messages={"required": _("กรุณาระบุตำแหน่งผู้ลงนาม")},
        validators=[validate_printable],
    )


class ExtendDeadlineForm(forms.Form):
    new_due = ThaiDateField(label=_("กำหนดเวลาใหม่"), required_message=_("กรุณาระบุวันที่"))
    reason = text.TextField(
        label=_("เหตุผล"),
        max_length=_length(DeadlineExtension, "reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("กรุณาระบุเหตุผลของการขยายกำหนดเวลา")},
    )
