"""The certificate of posting (หนังสือรับรองการปิดประกาศ): where and when, for the file, of a
plan's notice or of a monitoring report's (notices/notice.py)."""

from django.template.loader import render_to_string
from django.utils import timezone

from notices.linebreaks import LineBreaker
from notices.notice import Notice
from notices.pdf import font_context
from notices.status import notice_rows, notice_status
from projects.models import Village


def certificate_html(subject, *, cut_words: bool = True) -> str:
    """Rendered to PDF by a task worker (notices.drafts), like the draft. ``subject``: the
    plan or the round whose notice it certifies."""
    notice = Notice.of(subject)
    plan = notice.plan
    postings = list(notice.postings().select_related("village"))
    today = timezone.localdate()
    status = notice_status(notice, postings, today)
    context = {
        "plan": plan,
        "org": plan.organization,
        "notice": notice,
        "announcement": notice.announcement,
        "rule": notice.rule,
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
