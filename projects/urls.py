from django.urls import path

from projects import views

app_name = "projects"
urlpatterns = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:plan_id>/projects/new/", views.project_create, name="project_create"),
    path("projects/<int:project_id>/", views.project_detail, name="project_detail"),
    path("projects/<int:project_id>/edit/", views.project_update, name="project_update"),
    path("projects/<int:project_id>/delete/", views.project_delete, name="project_delete"),
]
