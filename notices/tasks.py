"""What notices leaves to a task worker: the announced documents (a plan's, a round's report),
drafts, certificates.

Each task takes ids and plain values (the queue stores its arguments as JSON) and may run
more than once (projects.queue): the document claim and the draft's cache key make a second
run harmless. Reminders are workflow.notify's e-mail and LINE tasks.
"""

from django_tasks import TaskContext, task

from notices import drafts, services


@task(takes_context=True)
def document_render(context: TaskContext, plan_id: int) -> str:
    document = services.document_render(plan_id=plan_id, task_id=str(context.task_result.id))
    return document.status if document else "skipped"


@task()
def draft_render(plan_id: int, kind: str, thai_digits: bool, key: str) -> str:
    return drafts.draft_render(plan_id=plan_id, kind=kind, thai_digits=thai_digits, key=key)


@task(takes_context=True)
def report_render(context: TaskContext, round_id: int) -> str:
    from notices import reports

    document = reports.report_render(round_id=round_id, task_id=str(context.task_result.id))
    return document.status if document else "skipped"


@task()
def round_draft_render(round_id: int, kind: str, thai_digits: bool, key: str) -> str:
    return drafts.round_draft_render(round_id=round_id, kind=kind, thai_digits=thai_digits, key=key)
