from django.urls import path

from notices import posting_views, report_views, views

app_name = "notices"
urlpatterns = [
    # The same path as the other step buttons (workflow/urls.py), which leave this one out.
    path("plans/<int:plan_id>/steps/announce/", views.plan_announce, name="plan_announce"),
    # The same path as the round's other step buttons (workflow/urls.py), which leave it out.
    path(
        "rounds/<int:round_id>/steps/report_announce/",
        report_views.report_announce,
        name="report_announce",
    ),
    path("plans/<int:plan_id>/document/draft.pdf", views.draft_pdf, name="draft_pdf"),
    path("plans/<int:plan_id>/document.pdf", posting_views.document_pdf, name="document_pdf"),
    path(
        "plans/<int:plan_id>/document/retry/",
        posting_views.document_retry,
        name="document_retry",
    ),
    path("plans/<int:plan_id>/notice/", posting_views.notice_page, name="notice"),
    path(
        "plans/<int:plan_id>/notice/postings/",
        posting_views.posting_create,
        name="posting_create",
    ),
    path(
        "plans/<int:plan_id>/notice/certificate.pdf",
        posting_views.certificate_pdf,
        name="certificate_pdf",
    ),
    path(
        "postings/<int:posting_id>/taken-down/",
        posting_views.posting_take_down,
        name="posting_take_down",
    ),
    path(
        "postings/<int:posting_id>/correct/",
        posting_views.posting_correct,
        name="posting_correct",
    ),
    path("postings/<int:posting_id>/photo", posting_views.posting_photo, name="posting_photo"),
    path("notices/", posting_views.dashboard, name="dashboard"),
    # A monitoring round's report: its document and its notice, under the same engine.
    path("rounds/<int:round_id>/report.pdf", posting_views.report_pdf, name="report_pdf"),
    path(
        "rounds/<int:round_id>/report/draft.pdf",
        posting_views.report_draft_pdf,
        name="report_draft_pdf",
    ),
    path("rounds/<int:round_id>/report/retry/", posting_views.report_retry, name="report_retry"),
    path("rounds/<int:round_id>/notice/", posting_views.report_notice, name="report_notice"),
    path(
        "rounds/<int:round_id>/notice/postings/",
        posting_views.report_posting_create,
        name="report_posting_create",
    ),
    path(
        "rounds/<int:round_id>/notice/certificate.pdf",
        posting_views.report_certificate_pdf,
        name="report_certificate_pdf",
    ),
]
