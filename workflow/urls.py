from django.urls import path

from workflow import views

app_name = "workflow"
urlpatterns = [
    path("plans/<int:plan_id>/steps/<str:action>/", views.plan_action, name="plan_action"),
    path("plans/<int:plan_id>/history/", views.plan_history, name="plan_history"),
    path("plans/<int:plan_id>/changes/", views.plan_changes, name="plan_changes"),
    path("waiting/", views.waiting, name="waiting"),
]
