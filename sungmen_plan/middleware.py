from django.conf import settings
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
