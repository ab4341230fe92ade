from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.utils import translation

from projects.models import FormerSlug


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
