"""Citizens' search across announced plans: one organization, a district, a province or the
whole country, by words (projects/search.py) and filters, a page at a time.

Only projects of announced plans are searched (``OperationsPlan.objects.announced()``). A
page is read as PAGE_SIZE + 1 rows instead of being counted: counting every match of a
common word across the country costs more than the page itself. Budgets are summed for the
rows shown only.
"""

from decimal import Decimal

from django import forms
from django.db.models import OuterRef, Subquery, Sum
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notices.portal.views import plan_kwargs, public_page
from projects import thai
from projects.models import BudgetLine, OperationsPlan, Project
from projects.search import MAX_QUERY_LENGTH, filter_projects, query_words

PAGE_SIZE = 20
MAX_PAGE = 50
# The standard programs (แผนงาน) of the budget classification, shared by every organization.
PROGRAMS = [
    "บริหารงานทั่วไป",
    "การรักษาความสงบภายใน",
    "การศึกษา",
    "สาธารณสุข",
    "สังคมสงเคราะห์",
    "เคหะและชุมชน",
    "สร้างความเข้มแข็งของชุมชน",
    "การศาสนาวัฒนธรรมและนันทนาการ",
    "อุตสาหกรรมและการโยธา",
    "การเกษตร",
    "การพาณิชย์",
    "งบกลาง",
]


class AmountField(forms.DecimalField):
    """Baht as citizens type them: Thai or Arabic digits, with or without separators.

    A text box, not type=number: a browser's number box refuses "๕๐๐,๐๐๐".
    """

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        if isinstance(value, str):
            value = thai.to_arabic_digits(value).replace(",", "").strip()
        return super().to_python(value)


class PlanSearchForm(forms.Form):
    q = forms.CharField(label=_("คำค้น"), max_length=MAX_QUERY_LENGTH, required=False)
    province = forms.CharField(label=_("จังหวัด"), max_length=100, required=False)
    district = forms.CharField(label=_("อำเภอ"), max_length=100, required=False)
    org = forms.SlugField(label=_("องค์กร"), required=False)
    fiscal_year = forms.TypedChoiceField(
        label=_("ปีงบประมาณ"), coerce=int, empty_value=None, required=False
    )
    program = forms.ChoiceField(
        label=_("แผนงาน"),
        choices=[("", _("ทั้งหมด")), *((name, name) for name in PROGRAMS)],
        required=False,
    )
    ownership = forms.ChoiceField(
        label=_("เจ้าของโครงการ"),
        choices=[("", _("ทั้งหมด")), *Project.Ownership.choices],
        required=False,
    )
    min_total = AmountField(label=_("งบประมาณตั้งแต่ (บาท)"), min_value=0, required=False)
    max_total = AmountField(label=_("งบประมาณไม่เกิน (บาท)"), min_value=0, required=False)
    page = forms.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)

    def __init__(self, data, *, years):
        super().__init__(data)
        self.fields["fiscal_year"].choices = [("", _("ทุกปี")), *((y, str(y)) for y in years)]
        for field in self.fields.values():
            select = isinstance(field, forms.ChoiceField)
            field.widget.attrs["class"] = "form-select" if select else "form-control"

    def clean(self):
        data = super().clean()
        low, high = data.get("min_total"), data.get("max_total")
        if low is not None and high is not None and low > high:
            self.add_error("max_total", _("งบประมาณสูงสุดต้องไม่น้อยกว่างบประมาณต่ำสุด"))
        if data.get("q") and not query_words(data["q"]):
            self.add_error("q", _("คำค้นต้องมีตัวอักษรหรือตัวเลขอย่างน้อยหนึ่งคำ"))
        return data

    @property
    def asks(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields if name != "page")


def announced_projects(data: dict):
    """The projects of announced plans matching the form's cleaned data, newest first."""
    projects = Project.objects.filter(plan__in=OperationsPlan.objects.announced())
    places = {
        "plan__organization__province": data.get("province"),
        "plan__organization__district": data.get("district"),
        "plan__organization__slug": data.get("org"),
        "plan__fiscal_year": data.get("fiscal_year"),
        "program__name": data.get("program"),
    }
    scope = {k: v for k, v in places.items() if v not in (None, "")}
    projects = projects.filter(**scope)
    projects = filter_projects(projects, q=data.get("q", ""), ownership=data.get("ownership", ""))
    low, high = data.get("min_total"), data.get("max_total")
    if low is not None or high is not None:
        total = (
            BudgetLine.objects.filter(project=OuterRef("pk"))
            .order_by()
            .values("project")
            .annotate(sum=Sum("amount"))
            .values("sum")
        )
        projects = projects.alias(budget=Subquery(total))
        if low is not None:
            projects = projects.filter(budget__gte=low)
        if high is not None:
            projects = projects.filter(budget__lte=high)
    if scope:
        # Newest plans first. Not "-id" alone: PostgreSQL would walk the whole country's
        # projects backwards by id, testing the words of each, to find a province's 21;
        # this order makes it read the scope's plans through the plan index instead.
        return projects.order_by("-plan__fiscal_year", "-id")
    # The country: walking back by id finds 21 matches of a common word at once, and a
    # rare word goes through the trigram index.
    return projects.order_by("-id")


def _page(projects, number: int) -> tuple[list[Project], bool]:
    start = (number - 1) * PAGE_SIZE
    rows = list(
        projects.select_related("plan__organization", "program")[start : start + PAGE_SIZE + 1]
    )
    shown = rows[:PAGE_SIZE]
    totals = dict(
        BudgetLine.objects.filter(project__in=[p.pk for p in shown])
        .order_by()
        .values("project")
        .annotate(sum=Sum("amount"))
        .values_list("project", "sum")
    )
    for p in shown:
        p.total = totals.get(p.pk, Decimal(0))
        p.url = reverse("public:project", kwargs={**plan_kwargs(p.plan), "project_id": p.pk})
    return shown, len(rows) > PAGE_SIZE


@public_page
def search(request):
    years = range(thai.fiscal_year_of(timezone.localdate()) + 1, 2560, -1)
    form = PlanSearchForm(request.GET or None, years=years)
    context = {"form": form, "results": None}
    if form.asks and form.is_valid():
        number = form.cleaned_data.get("page") or 1
        results, more = _page(announced_projects(form.cleaned_data), number)
        query = request.GET.copy()
        query.pop("page", None)
        context.update(results=results, page_number=number, more=more, query=query.urlencode())
    return render(request, "public/search.html", context)
