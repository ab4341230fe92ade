"""Login throttling (django-axes): the Thai lockout page, and who is locked out now.

Axes counts wrong passwords per account and, separately, per address; past
AXES_FAILURE_LIMIT it refuses both, the right password too, for AXES_COOLOFF_TIME. The
organization's administrator unlocks a person from the people page (manage.services).
"""

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def lockout_response(request, original_response, credentials):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def locked_usernames(usernames) -> set[str]:
    """Which of these accounts are locked out right now."""
    from axes.models import AccessAttempt

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return set(
        AccessAttempt.objects.filter(
            username__in=list(usernames),
            attempt_time__gte=since,
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        ).values_list("username", flat=True)
    )
