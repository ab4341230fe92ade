"""The certificate of posting (หนังสือรับรองการปิดประกาศ): where and when, for the file."""

from django.template.loader import render_to_string
from django.utils import timezone

from notices.linebreaks import LineBreaker
from notices.pdf import font_context
from notices.status import notice_rows, notice_status, posting_rule
from projects.models import Village


def certificate_html(plan, *, cut_words: bool = True) -> str:
    """Rendered to PDF by a task worker (notices.drafts), like the draft."""
    postings = list(plan.postings.select_related("village"))
    today = timezone.localdate()
    status = notice_status(plan, postings, today)
    context = {
        "plan": plan,
        "org": plan.organization,
        "announcement": plan.announcement,
        "rule": posting_rule(plan.organization),
        "rows": notice_rows(status, postings),
        "status": status,
        "today": today,
        "breaker": LineBreaker.for_organization(
            plan.organization,
            Village.objects.filter(organization=plan.organization_id),
            cut=cut_words,
        ),
        **font_context(),
    }
    return render_to_string("notices/certificate.html", context)
