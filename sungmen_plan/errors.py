"""Error pages in Thai, for staff and for citizens."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

PUBLIC_PREFIX = "/p/"


@login_not_required
def page_not_found(request, exception=None):
    # A mistyped QR address must look like every other public 404: it names nothing of what
    # was asked for, and needs no login.
    template = "public/404.html" if request.path.startswith(PUBLIC_PREFIX) else "404.html"
    return render(request, template, status=404)
