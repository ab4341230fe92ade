"""Admin for master data, for the installation's superusers only.

Projects, budget lines and plans' stages change only through the staff pages and the
workflow services, which scope every choice to one organization, lock, check roles and
write the audit trail; here they are read-only. The admin itself is not scoped to an
organization, so it is closed to everyone but superusers (see sungmen_plan/urls.py).
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect

from projects import models
from projects.admin_filters import AutocompleteFilter, CappedCountPaginator
from projects.manage.forms import RuleSetForm
from projects.manage.standard import standard_data_load
from projects.public_state import organizations_changed
from projects.search import search_projects


class ReadOnlyAdmin:
    """For records that only the staff pages and services may write (they lock, check roles
    and keep the audit trail): the admin shows them and changes nothing."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NationalScaleAdmin(admin.ModelAdmin):
    """For tables of the whole country (7,850 organizations, 1.2 M projects): no count of
    the unfiltered table beside the filtered one, and organizations and plans picked by
    autocomplete (projects/admin_filters.py) rather than listed as thousands of links."""

    show_full_result_count = False
    # Facet counts would count each filter's choices over the whole table.
    show_facets = admin.ShowFacets.NEVER
    paginator = CappedCountPaginator

    @property
    def media(self):
        # The autocomplete filters' widgets are not in a form, so the page would not load
        # their scripts otherwise.
        widget_media = AutocompleteSelect(None, self.admin_site).media
        return super().media + widget_media + forms.Media(js=["admin/autocomplete_filter.js"])


class OrganizationScopedAdmin(NationalScaleAdmin):
    list_filter = [("organization", AutocompleteFilter), "is_retired"]


@admin.register(models.Organization)
class OrganizationAdmin(NationalScaleAdmin):
    """Superusers start an organization more quickly on /manage/organizations/new/, which
    also invites its administrator; here it at least gets the standard programs and
    equipment types, and a changed slug keeps the old public addresses working."""

    list_display = ["name", "short_name", "kind", "unit_kind", "district", "province", "is_demo"]
    list_filter = ["province"]
    search_fields = ["name", "short_name", "district", "province"]
    prepopulated_fields = {"slug": ["short_name"]}

    # The LINE token is a secret: typed in, never shown back in the page's source.
    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        token = form.base_fields.get("line_channel_token")
        if token is not None:
            token.widget = forms.PasswordInput(render_value=False)
            token.required = False
        return form

    def save_model(self, request, obj, form, change):
        # An empty password box keeps the token already stored; a new one replaces it.
        if change and not form.cleaned_data.get("line_channel_token"):
            obj.line_channel_token = type(obj).objects.get(pk=obj.pk).line_channel_token
        old_slug = form.initial.get("slug") if change else None
        super().save_model(request, obj, form, change)
        if not change:
            standard_data_load(organization=obj)
        elif old_slug and old_slug != obj.slug:
            models.FormerSlug.objects.filter(slug=obj.slug).delete()
            models.FormerSlug.objects.get_or_create(slug=old_slug, defaults={"organization": obj})
        # The citizens' home and province pages list organizations (projects/public_state.py).
        organizations_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        organizations_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        organizations_changed()


@admin.register(models.Department)
class DepartmentAdmin(OrganizationScopedAdmin):
    list_display = ["name", "organization", "order", "is_retired"]


@admin.register(models.Village)
class VillageAdmin(OrganizationScopedAdmin):
    list_display = ["number", "name", "organization", "is_retired"]


@admin.register(models.Program)
class ProgramAdmin(OrganizationScopedAdmin):
    list_display = ["code", "name", "organization", "is_retired"]


@admin.register(models.EquipmentType)
class EquipmentTypeAdmin(OrganizationScopedAdmin):
    list_display = ["name", "organization", "order", "is_retired"]


class GuidelineInline(admin.TabularInline):
    model = models.Guideline
    extra = 1


@admin.register(models.Strategy)
class StrategyAdmin(NationalScaleAdmin):
    list_display = ["number", "name", "period", "organization", "is_retired"]
    list_filter = [("period__organization", AutocompleteFilter), "is_retired"]
    inlines = [GuidelineInline]

    @admin.display(description="องค์กร", ordering="period__organization__name")
    def organization(self, obj):
        return obj.period.organization


class StrategyInline(admin.TabularInline):
    model = models.Strategy
    extra = 1
    show_change_link = True


@admin.register(models.PlanPeriod)
class PlanPeriodAdmin(admin.ModelAdmin):
    list_filter = ["organization"]
    list_display = ["title", "organization", "first_year", "last_year"]
    inlines = [StrategyInline]


@admin.register(models.OperationsPlan)
class OperationsPlanAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Plans are created on the staff pages and moved by the workflow; the admin only reads.

    An editable stage would publish a draft with no announcement, vote or audit entry; an
    editable year or organization would break the addresses printed on posted notices.
    """

    list_display = ["__str__", "organization", "fiscal_year", "supplement_number", "stage"]
    list_filter = [("organization", AutocompleteFilter), "stage", "fiscal_year"]
    list_select_related = ["organization"]
    search_fields = ["organization__name", "fiscal_year"]


class BudgetLineInline(ReadOnlyAdmin, admin.TabularInline):
    model = models.BudgetLine
    extra = 0


@admin.register(models.Project)
class ProjectAdmin(ReadOnlyAdmin, NationalScaleAdmin):
    list_display = ["title", "plan", "organization", "strategy", "program", "form"]
    list_filter = [
        ("plan__organization", AutocompleteFilter),
        ("plan", AutocompleteFilter),
        "form",
    ]
    list_select_related = ["plan__organization", "strategy", "program"]
    search_fields = ["title"]
    search_help_text = "ค้นหาคำในชื่อหรือรายละเอียดโครงการ"
    inlines = [BudgetLineInline]

    @admin.display(description="องค์กร", ordering="plan__organization__name")
    def organization(self, obj):
        return obj.plan.organization

    def get_search_results(self, request, queryset, search_term):
        # The citizens' word search, through the trigram index of search_words, rather than
        # the admin's icontains on title, which scans 1.2 M rows (4.4 s).
        if not search_term.strip():
            return queryset, False
        return search_projects(queryset, search_term), False


@admin.register(models.Membership)
class MembershipAdmin(NationalScaleAdmin):
    list_display = ["user", "organization", "role", "department", "title"]
    # Typed by id rather than listed: the country has tens of thousands of departments;
    # Membership.clean() refuses one of another organization.
    raw_id_fields = ["department"]
    list_filter = [("organization", AutocompleteFilter), "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


@admin.register(models.RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    # A preset fills its values and legal source; only "custom" asks for them.
    form = RuleSetForm
    fields = ["organization", *RuleSetForm.Meta.fields]
    list_display = ["organization", "preset", "posting_within_days", "posting_keep_days"]


@admin.register(models.AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin, NationalScaleAdmin):
    """The audit trail is read, never written, by hand."""

    list_display = ["at", "organization", "plan", "kind", "actor", "project_title", "subject"]
    list_filter = [
        "kind",
        ("organization", AutocompleteFilter),
        ("plan__organization", AutocompleteFilter),
    ]
