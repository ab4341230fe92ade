from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    # Citizens' pages (no login) own the root and /p/; staff pages live under /plans/ etc.
    path("", include("projects.public_urls")),
    path("", include("projects.urls")),
    path("", include("notices.urls")),
    path("", include("workflow.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Anyone, logged in or not, may switch the interface language.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]
