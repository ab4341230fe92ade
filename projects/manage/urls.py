from django.urls import path

from projects.manage import masterdata_views, views

app_name = "manage"
ORG = "<int:org_id>/"
urlpatterns = [
    path("", views.manage_home, name="home"),
    path("organizations/new/", views.organization_new, name="organization_new"),
    path(ORG, views.dashboard, name="dashboard"),
    path(f"{ORG}people/", views.people, name="people"),
    path(f"{ORG}people/<int:user_id>/", views.person, name="person"),
    path(
        f"{ORG}people/<int:user_id>/<str:action>/",
        views.person_action,
        name="person_action",
    ),
    path(f"{ORG}settings/", views.settings_page, name="settings"),
    path(f"{ORG}rules/", views.rules, name="rules"),
    path(f"{ORG}history/", views.history, name="history"),
    path(f"{ORG}periods/<int:pk>/copy/", masterdata_views.period_copy, name="period_copy"),
    path(f"{ORG}<slug:kind>/", masterdata_views.master_list, name="master_list"),
    path(f"{ORG}<slug:kind>/new/", masterdata_views.master_edit, name="master_new"),
    path(f"{ORG}<slug:kind>/<int:pk>/", masterdata_views.master_edit, name="master_edit"),
    path(
        f"{ORG}<slug:kind>/<int:pk>/<str:action>/",
        masterdata_views.master_action,
        name="master_action",
    ),
]
