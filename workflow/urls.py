from django.urls import path, register_converter

from workflow import views


class StepConverter:
    """The actions whose buttons workflow.views answers; announcing has its own address in
    notices/urls.py (same path), because announcing issues the notice too."""

    regex = "|".join(action.value for action in views.STEPS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


register_converter(StepConverter, "step")

app_name = "workflow"
urlpatterns = [
    path("plans/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:plan_id>/steps/<step:action>/", views.plan_action, name="plan_action"),
    path("plans/<int:plan_id>/history/", views.plan_history, name="plan_history"),
    path("plans/<int:plan_id>/changes/", views.plan_changes, name="plan_changes"),
    path("waiting/", views.waiting, name="waiting"),
]
