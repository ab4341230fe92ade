from django.contrib import admin

from projects.admin import ReadOnlyAdmin
from workflow.models import AuditEvent, Membership, RuleSet


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "title"]
    list_filter = ["organization", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ["organization", "preset", "posting_within_days", "posting_keep_days"]

    def save_model(self, request, obj, form, change):
        # A preset means its values, as the regulation states them; "custom" keeps what was
        # typed. The quorum is not part of any preset.
        if obj.preset != RuleSet.Preset.CUSTOM:
            for name, value in RuleSet.PRESETS[obj.preset].items():
                setattr(obj, name, value)
        super().save_model(request, obj, form, change)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The audit trail is read, never written, by hand."""

    list_display = ["at", "plan", "kind", "actor", "project_title"]
    list_filter = ["kind", "plan__organization"]
