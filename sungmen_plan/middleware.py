from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import translation

from notices.portal.cache import front_entry
from projects.models import FormerSlug


def chosen_language(request) -> str:
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class ThaiFirstLocaleMiddleware:
    """Thai unless the person chose another language with the switch in the menu.

    Django's LocaleMiddleware follows the browser's Accept-Language, and office computers in
    Thailand often say en-US while their users read Thai; the choice made in the menu (the
    language cookie set by set_language) is what counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = chosen_language(request)
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        return response


class FormerSlugRedirectMiddleware:
    """/p/<old-slug>/... answers with a permanent redirect to the organization's current slug.

    The public addresses are printed as QR codes on posted notices, which stay on village
    boards long after an organization renames itself. Only a 404 is looked at, so the
    current addresses cost nothing extra.
    """

    PREFIX = "/p/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or not request.path_info.startswith(self.PREFIX):
            return response
        old, _, rest = request.path_info[len(self.PREFIX) :].partition("/")
        current = (
            FormerSlug.objects.filter(slug=old).values_list("organization__slug", flat=True).first()
        )
        if not current:
            return response
        target = f"{self.PREFIX}{current}/{rest}"
        if request.GET:
            target += "?" + request.GET.urlencode()
        return HttpResponsePermanentRedirect(request.META.get("SCRIPT_NAME", "") + target)


class PublicPagesFirst:
    """Citizens' pages are answered here, before the session, CSRF and authentication.

    A view marked ``public_page`` (notices.portal.views.public_page) reads neither session
    nor user, and its page is the same for everyone in a language: loading a staff member's
    session row and user to serve it was most of the cost of a cached page. Everything it
    needs from the middleware below is done here: the language (as ThaiFirstLocaleMiddleware
    chooses it) and the frame protection (as XFrameOptionsMiddleware sets it). A page kept
    under its bare address (notices.portal.cache.front_entry) is served from the cache with
    no query at all. Any other address goes down the usual stack.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        if not getattr(match.func, "public_page", False):
            return self.get_response(request)
        # CommonMiddleware, skipped here, is where ALLOWED_HOSTS is enforced: a request for
        # another host gets the Thai 400 page, as it would further down (DisallowedHost).
        request.get_host()
        code = chosen_language(request)
        translation.activate(code)
        request.LANGUAGE_CODE = code
        request.resolver_match = match
        entry = None
        if request.method in ("GET", "HEAD") and not request.META.get("QUERY_STRING"):
            entry = front_entry(request, code, match.kwargs.get("org_slug"))
        if entry is not None:
            response = entry.respond(request)
        else:
            response = match.func(request, *match.args, **match.kwargs)
        response.headers.setdefault("Content-Language", code)
        response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
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
            # CommonMiddleware, further down, already said the empty body's length.
            response["Content-Length"] = str(len(response.content))
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
