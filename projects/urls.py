from django.urls import path

from projects import bulk_views, progress_import_views, progress_views, views

app_name = "projects"
urlpatterns = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:plan_id>/projects/new/", views.project_create, name="project_create"),
    path("plans/<int:plan_id>/import/", bulk_views.import_upload, name="import_upload"),
    path(
        "plans/<int:plan_id>/import/template.xlsx",
        bulk_views.import_template,
        name="import_template",
    ),
    path(
        "plans/<int:plan_id>/import/<int:import_id>/",
        bulk_views.import_preview,
        name="import_preview",
    ),
    path("plans/<int:plan_id>/copy/", bulk_views.plan_copy, name="plan_copy"),
    path(
        "plans/<int:plan_id>/progress/template.xlsx",
        progress_import_views.progress_template,
        name="progress_template",
    ),
    path(
        "plans/<int:plan_id>/progress/import/",
        progress_import_views.progress_import_upload,
        name="progress_import_upload",
    ),
    path(
        "plans/<int:plan_id>/progress/import/<int:import_id>/",
        progress_import_views.progress_import_preview,
        name="progress_import_preview",
    ),
    path("projects/<int:project_id>/", views.project_detail, name="project_detail"),
    path("projects/<int:project_id>/edit/", views.project_update, name="project_update"),
    path("projects/<int:project_id>/delete/", views.project_delete, name="project_delete"),
    # Following the announced plan (projects/progress_views.py).
    path("plans/<int:plan_id>/progress/", progress_views.plan_progress, name="plan_progress"),
    path("projects/<int:project_id>/progress/", progress_views.project_progress, name="progress"),
    path(
        "projects/<int:project_id>/progress/update/",
        progress_views.progress_update,
        name="progress_update",
    ),
    path(
        "projects/<int:project_id>/progress/disbursements/",
        progress_views.disbursement_add,
        name="disbursement_add",
    ),
    path(
        "disbursements/<int:payment_id>/remove/",
        progress_views.disbursement_remove,
        name="disbursement_remove",
    ),
    path(
        "projects/<int:project_id>/progress/photos/",
        progress_views.progress_photo_add,
        name="progress_photo_add",
    ),
    path("progress-photos/<int:photo_id>", progress_views.progress_photo, name="progress_photo"),
]
