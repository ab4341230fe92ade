"""The workflow's background work: telling people of a plan's events (workflow.notify)."""

from django_tasks import task

from workflow import notify


@task()
def email_send(plan_id: int, subject: str, text: str, roles: list[str]) -> int:
    return notify.email_send(plan_id=plan_id, subject=subject, text=text, roles=roles)


@task()
def line_send(organization_id: int, plan_id: int, text: str, retry_key: str, attempt: int) -> str:
    return notify.line_send(
        organization_id=organization_id,
        plan_id=plan_id,
        text=text,
        retry_key=retry_key,
        attempt=attempt,
    )
