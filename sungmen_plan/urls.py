from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from sungmen_plan.health import healthz

# The admin edits master data of every organization at once: superusers only. An
# organization's own staff work on the staff pages, scoped to their organization.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser

urlpatterns = [
    # Citizens' pages (no login) own the root and /p/; staff pages live under /plans/ etc.
    path("", include("notices.portal.urls")),
    path("", include("projects.urls")),
    path("", include("notices.urls")),
    path("", include("workflow.urls")),
    # Django's own login, logout, password change and reset views, with Thai templates in
    # templates/registration/; reset and the invitation link are open without a login.
    path("accounts/", include("django.contrib.auth.urls")),
    path("manage/", include("projects.manage.urls")),
    # Anyone, logged in or not, may switch the interface language.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]

handler404 = "sungmen_plan.errors.page_not_found"
