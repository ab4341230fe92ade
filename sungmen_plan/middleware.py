from csp.middleware import CSPMiddleware
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


class ThaiFirstLocaleMiddleware:
    """Thai unless the person chose another language with the switch in the menu.

    Django's LocaleMiddleware follows the browser's Accept-Language, and office computers in
    Thailand often say en-US while their users read Thai; the choice made in the menu (the
    language cookie set by set_language) is what counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        return response


# Features no page of the product uses: a page (or a script slipped into one) cannot ask.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy on every page, not on PDFs: Chromium applies a PDF response's CSP
    to the viewer it wraps the PDF in, and the viewer's own inline styles are then refused
    (crbug.com/271452): the document shows blank. A PDF runs none of our scripts."""

    def process_response(self, request, response):
        if response.get("Content-Type", "").startswith("application/pdf"):
            return response
        return super().process_response(request, response)


class StaffResponseMiddleware:
    """Headers for what is behind the login, and the 405 page in Thai.

    Pages, PDFs and photos shown to a logged-in person are theirs alone: no browser cache
    on a shared office computer, no proxy, may keep them. Public pages (views marked
    login_not_required) keep the caching their own views give them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if self.staff_only(request) and request.user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        if response.status_code == 405 and not response.content:
            # require_POST and friends answer with an empty body: say in Thai what happened.
            response.content = render_to_string("405.html", request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.behind_login = getattr(view_func, "login_required", True)

    @staticmethod
    def staff_only(request) -> bool:
        # The admin's views opt out of LoginRequiredMiddleware (they send to their own
        # login page), and are staff pages all the same.
        match = getattr(request, "resolver_match", None)
        in_admin = match is not None and "admin" in match.namespaces
        return getattr(request, "behind_login", False) or in_admin
