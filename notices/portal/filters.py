"""The citizens' filter and search form of a public plan page.

The choices come from the plan's own projects, already loaded for the page, so the form adds
no query and offers only villages, strategies, programs and departments that lead somewhere:
nothing of another organization or of an unannounced plan can appear in a drop-down.
"""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from projects.models import Project
from projects.search import MAX_QUERY_LENGTH, filter_projects


def _choices(options: dict[int, tuple]) -> list:
    """Drop-down choices from {pk: (sort key, label)}, with "all" first."""
    ordered = sorted(options.items(), key=lambda item: item[1][0])
    return [("", _("ทั้งหมด")), *((pk, label) for pk, (_key, label) in ordered)]


class PublicPlanFilterForm(forms.Form):
    q = forms.CharField(
        label=_("ค้นหาคำในชื่อหรือรายละเอียดโครงการ"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("เช่น ถนนคอนกรีต")}),
    )
    village = forms.TypedChoiceField(label=_("หมู่บ้าน"), coerce=int, empty_value=None, required=False)
    strategy = forms.TypedChoiceField(
        label=_("ยุทธศาสตร์"), coerce=int, empty_value=None, required=False
    )
    program = forms.TypedChoiceField(
        label=_("แผนงาน"), coerce=int, empty_value=None, required=False
    )
    department = forms.TypedChoiceField(
        label=_("หน่วยงานรับผิดชอบ"), coerce=int, empty_value=None, required=False
    )
    ownership = forms.ChoiceField(
        label=_("เจ้าของโครงการ"),
        choices=[("", _("ทั้งหมด")), *Project.Ownership.choices],
        required=False,
    )

    def __init__(self, data, *, projects: list[Project]):
        super().__init__(data)
        strategies, programs, departments, villages = {}, {}, {}, {}
        for p in projects:
            strategies[p.strategy_id] = (p.strategy.number, str(p.strategy))
            programs[p.program_id] = (p.program.code, str(p.program))
            if p.department:
                departments[p.department_id] = (
                    (p.department.order, p.department.name),
                    p.department.name,
                )
            for v in p.villages.all():
                villages[v.pk] = (v.number, str(v))
        self.fields["strategy"].choices = _choices(strategies)
        self.fields["program"].choices = _choices(programs)
        self.fields["department"].choices = _choices(departments)
        self.fields["village"].choices = _choices(villages)
        for name, field in self.fields.items():
            css = "form-control" if name == "q" else "form-select"
            field.widget.attrs["class"] = css

    @property
    def is_filtered(self) -> bool:
        return self.is_valid() and any(v not in (None, "") for v in self.cleaned_data.values())

    @property
    def has_field_filters(self) -> bool:
        return self.is_filtered and any(
            self.cleaned_data[name] not in (None, "")
            for name in ("village", "strategy", "program", "department", "ownership")
        )

    def described(self) -> dict[str, str]:
        """The criteria in force, as a reader names them: {"หมู่บ้าน": "หมู่ที่ 2 บ้านดอนมูล"}."""
        named = {}
        for name, value in self.cleaned_data.items():
            if value in (None, ""):
                continue
            field = self.fields[name]
            text = dict(field.choices).get(value, value) if hasattr(field, "choices") else value
            named[str(field.label)] = str(text)
        return named

    def file_suffix(self) -> str:
        """ASCII words naming the criteria for a file name: "filtered-village7-search"."""
        words = ["filtered"]
        for name, value in self.cleaned_data.items():
            if value not in (None, ""):
                words.append("search" if name == "q" else f"{name}{value}".replace("_", ""))
        return "-".join(words)

    def matching(self, projects):
        """Narrow a Project queryset by the valid criteria given; call after is_filtered."""
        return filter_projects(projects, **self.cleaned_data)


# What the form reads from a query string; nothing else in it changes the page.
PARAMETERS = frozenset(PublicPlanFilterForm.base_fields)


def asks_for_filter(query: QueryDict) -> bool:
    """Whether a query string holds a filter or a search, even an empty or invalid one."""
    return not PARAMETERS.isdisjoint(query)
