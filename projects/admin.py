"""Admin for master data, for the installation's superusers only.

Projects, budget lines and plans' stages change only through the staff pages and the
workflow services, which scope every choice to one organization, lock, check roles and
write the audit trail; here they are read-only. The admin itself is not scoped to an
organization, so it is closed to everyone but superusers (see sungmen_plan/urls.py).
"""

from django import forms
from django.contrib import admin

from projects import models


class ReadOnlyAdmin:
    """For records that only the staff pages and services may write (they lock, check roles
    and keep the audit trail): the admin shows them and changes nothing."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OrganizationScopedAdmin(admin.ModelAdmin):
    list_filter = ["organization"]


@admin.register(models.Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "district", "province", "is_demo"]
    prepopulated_fields = {"slug": ["short_name"]}
    # The token is a secret: typed in, never shown back in the page's source.

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
        super().save_model(request, obj, form, change)


@admin.register(models.Department)
class DepartmentAdmin(OrganizationScopedAdmin):
    list_display = ["name", "organization", "order"]


@admin.register(models.Village)
class VillageAdmin(OrganizationScopedAdmin):
    list_display = ["number", "name", "organization"]


@admin.register(models.Program)
class ProgramAdmin(OrganizationScopedAdmin):
    list_display = ["code", "name", "organization"]


@admin.register(models.EquipmentType)
class EquipmentTypeAdmin(OrganizationScopedAdmin):
    list_display = ["name", "organization", "order"]


class GuidelineInline(admin.TabularInline):
    model = models.Guideline
    extra = 1


@admin.register(models.Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "period"]
    list_filter = ["period__organization", "period"]
    inlines = [GuidelineInline]


class StrategyInline(admin.TabularInline):
    model = models.Strategy
    extra = 1
    show_change_link = True


@admin.register(models.PlanPeriod)
class PlanPeriodAdmin(OrganizationScopedAdmin):
    list_display = ["title", "organization", "first_year", "last_year"]
    inlines = [StrategyInline]


@admin.register(models.OperationsPlan)
class OperationsPlanAdmin(ReadOnlyAdmin, OrganizationScopedAdmin):
    """Plans are created on the staff pages and moved by the workflow; the admin only reads.

    An editable stage would publish a draft with no announcement, vote or audit entry; an
    editable year or organization would break the addresses printed on posted notices.
    """

    list_display = ["__str__", "organization", "fiscal_year", "supplement_number", "stage"]
    list_filter = ["organization", "stage"]


class BudgetLineInline(ReadOnlyAdmin, admin.TabularInline):
    model = models.BudgetLine
    extra = 0


@admin.register(models.Project)
class ProjectAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["title", "plan", "strategy", "program", "form"]
    list_filter = ["plan__organization", "plan", "form"]
    search_fields = ["title"]
    inlines = [BudgetLineInline]


@admin.register(models.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "title"]
    list_filter = ["organization", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


@admin.register(models.RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ["organization", "preset", "posting_within_days", "posting_keep_days"]

    def save_model(self, request, obj, form, change):
        # A preset means its values, as the regulation states them; "custom" keeps what was
        # typed. The quorum is not part of any preset.
        if obj.preset != models.RuleSet.Preset.CUSTOM:
            for name, value in models.RuleSet.PRESETS[obj.preset].items():
                setattr(obj, name, value)
        super().save_model(request, obj, form, change)


@admin.register(models.AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The audit trail is read, never written, by hand."""

    list_display = ["at", "plan", "kind", "actor", "project_title"]
    list_filter = ["kind", "plan__organization"]
