"""The executive's announcement of a monitoring round's report, answered like every round
step (workflow.round_views.run_round_step) and composed here because it issues the report's
document and its website posting too (notices/reports.py)."""

from django.views.decorators.http import require_POST

from notices import reports
from projects.models import Action
from workflow.round_views import run_round_step


@require_POST
def report_announce(request, round_id):
    return run_round_step(
        request,
        round_id,
        Action.REPORT_ANNOUNCE.value,
        lambda round, by, data: reports.report_announce(round=round, by=by, **data),
    )
