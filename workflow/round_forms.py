"""The forms of a monitoring round's pages: opening a round, the report's words, the day
the executive presented it to the council, and the executive's announcement (the plan's
AnnounceForm, with the day of the council)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects import text
from projects.fields import ThaiDateField
from projects.models import MonitoringRound, RoundKind
from workflow.forms import AnnounceForm


class RoundOpenForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("รอบการติดตาม"),
        choices=RoundKind.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={
            "required": _("กรุณาเลือกรอบการติดตาม"),
            "invalid_choice": _("ไม่มีรอบการติดตามนี้ให้เลือก"),
        },
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the kinds the plan has not opened yet (one round of each kind a plan).
        taken = set(plan.rounds.values_list("kind", flat=True))
        self.fields["kind"].choices = [
            (kind, label) for kind, label in RoundKind.choices if kind not in taken
        ]


def _length(name: str) -> int:
    return MonitoringRound._meta.get_field(name).max_length


class ReportEditForm(forms.Form):
    findings = text.TextField(
        label=_("ปัญหาและอุปสรรค"),
        required=False,
        max_length=_length("findings"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    recommendations = text.TextField(
        label=_("ข้อเสนอแนะ"),
        required=False,
        max_length=_length("recommendations"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


PRESENTED_ON = _("วันที่เสนอสภาท้องถิ่นและคณะกรรมการพัฒนา")


class ReportPresentForm(forms.Form):
    presented_on = ThaiDateField(
        label=PRESENTED_ON, required_message=_("กรุณาระบุวันที่เสนอสภาท้องถิ่นและคณะกรรมการพัฒนา")
    )


class ReportAnnounceForm(AnnounceForm):
    presented_on = ThaiDateField(label=PRESENTED_ON, required=False)

    def __init__(self, *args, presented_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        if presented_on:
            # Recorded on the round (report_present): shown, not typed again, and whatever
            # is posted for it is ignored.
            field = self.fields["presented_on"]
            field.disabled, field.initial = True, presented_on
