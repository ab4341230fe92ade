from django.urls import path, register_converter

from workflow import round_views, views


class StepConverter:
    """The actions whose buttons workflow.views answers; announcing has its own address in
    notices/urls.py (same path), because announcing issues the notice too."""

    regex = "|".join(action.value for action in views.STEPS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


register_converter(StepConverter, "step")


class RoundStepConverter(StepConverter):
    """The steps of a monitoring round answered by workflow.round_views; announcing the
    report has its own address in notices/urls.py (same path)."""

    regex = "|".join(round_views.STEPS)


register_converter(RoundStepConverter, "round_step")

app_name = "workflow"
urlpatterns = [
    path("plans/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:plan_id>/steps/<step:action>/", views.plan_action, name="plan_action"),
    path("plans/<int:plan_id>/history/", views.plan_history, name="plan_history"),
    path("plans/<int:plan_id>/changes/", views.plan_changes, name="plan_changes"),
    path("plans/<int:plan_id>/rounds/", round_views.plan_rounds, name="plan_rounds"),
    path("rounds/<int:round_id>/", round_views.round_detail, name="round_detail"),
    path(
        "rounds/<int:round_id>/steps/<round_step:action>/",
        round_views.round_action,
        name="round_action",
    ),
    path("waiting/", views.waiting, name="waiting"),
]
