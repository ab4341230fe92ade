"""Admin helpers for tables of the whole country: a paginator that stops counting, and a list
filter that picks the related row by autocomplete.

The list filter: RelatedFieldListFilter writes a link for every organization (7,850) and
plan, 2.59 MB of changelist. This one draws the admin's own autocomplete widget (select2,
fed by the related admin's search_fields) and loads only the chosen row.

Written here rather than taken from django-admin-autocomplete-filter, whose last release
(0.7.1, 2021) predates the list-valued filter parameters of Django 5.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.paginator import Paginator
from django.db.models.fields.related import ForeignObjectRel
from django.utils.functional import cached_property


class CappedCountPaginator(Paginator):
    """Counts at most CAP rows: COUNT(*) of 1.2 M projects, or of every project with a
    common word, costs more than the page (counting 10,000 still cost 70-280 ms nationally).
    Past CAP the admin offers CAP rows' pages: narrow by a filter or a search."""

    CAP = 1_000

    @cached_property
    def count(self):
        return self.object_list[: self.CAP].count()


class AutocompleteFilter(admin.FieldListFilter):
    template = "admin/autocomplete_filter.html"

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.lookup_kwarg = f"{field_path}__{field.target_field.name}__exact"
        super().__init__(field, request, params, model, model_admin, field_path)
        chosen = self.used_parameters.get(self.lookup_kwarg)
        self.value = chosen[-1] if isinstance(chosen, list) and chosen else chosen or ""
        related = field.remote_field if not isinstance(field, ForeignObjectRel) else field
        widget = AutocompleteSelect(related, model_admin.admin_site)
        self.form_field = forms.ModelChoiceField(
            queryset=field.related_model.objects.all(), widget=widget, required=False
        )
        self.rendered = self.form_field.widget.render(
            self.lookup_kwarg, self.value or None, attrs={"id": f"filter-{field_path}"}
        )
        self.media = widget.media

    def expected_parameters(self):
        return [self.lookup_kwarg]

    def choices(self, changelist):
        # One "all" link: the widget stands in for the rest.
        yield {
            "selected": not self.value,
            "query_string": changelist.get_query_string(remove=[self.lookup_kwarg]),
            "display": "ทั้งหมด",
        }
