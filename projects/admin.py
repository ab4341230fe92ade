"""Admin for master data, for the installation's superusers only.

Projects, budget lines and plans' stages change only through the staff pages and the
workflow services, which scope every choice to one organization, lock, check roles and
write the audit trail; here they are read-only. The admin itself is not scoped to an
organization, so it is closed to everyone but superusers (see sungmen_plan/urls.py).
"""

from django.contrib import admin

from projects import models
from projects.manage.forms import RuleSetForm
from projects.manage.standard import standard_data_load


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
    list_filter = ["organization", "is_retired"]


@admin.register(models.Organization)
class OrganizationAdmin(admin.ModelAdmin):
    """Superusers start an organization more quickly on /manage/organizations/new/, which
    also invites its administrator; here it at least gets the standard programs and
    equipment types, and a changed slug keeps the old public addresses working."""

    list_display = ["name", "short_name", "kind", "unit_kind", "district", "province", "is_demo"]
    prepopulated_fields = {"slug": ["short_name"]}

    def save_model(self, request, obj, form, change):
        old_slug = form.initial.get("slug") if change else None
        super().save_model(request, obj, form, change)
        if not change:
            standard_data_load(organization=obj)
        elif old_slug and old_slug != obj.slug:
            models.FormerSlug.objects.filter(slug=obj.slug).delete()
            models.FormerSlug.objects.get_or_create(slug=old_slug, defaults={"organization": obj})


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
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "period", "organization", "is_retired"]
    list_filter = ["period__organization", "period", "is_retired"]
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
    list_filter = ["organization", "stage"]


class BudgetLineInline(ReadOnlyAdmin, admin.TabularInline):
    model = models.BudgetLine
    extra = 0


@admin.register(models.Project)
class ProjectAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["title", "plan", "organization", "strategy", "program", "form"]
    list_filter = ["plan__organization", "plan", "form"]
    search_fields = ["title"]
    inlines = [BudgetLineInline]

    @admin.display(description="องค์กร", ordering="plan__organization__name")
    def organization(self, obj):
        return obj.plan.organization


@admin.register(models.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "title"]
    list_filter = ["organization", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


@admin.register(models.RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    # A preset fills its values and legal source; only "custom" asks for them.
    form = RuleSetForm
    fields = ["organization", *RuleSetForm.Meta.fields]
    list_display = ["organization", "preset", "posting_within_days", "posting_keep_days"]


@admin.register(models.AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The audit trail is read, never written, by hand."""

    list_display = ["at", "organization", "plan", "kind", "actor", "project_title", "subject"]
    list_filter = ["kind", "organization", "plan__organization"]
