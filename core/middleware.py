"""Language choice: Indonesian unless the person chose otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language, which would show English
to every civil servant whose phone is set to English. Pages here use the language cookie
set by the language switcher, else Indonesian. API clients get the language they ask for
in Accept-Language (DESIGN: errors in the request's language), else Indonesian."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"


class PreferredLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = self.language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX):
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response

    def language_for(self, request: HttpRequest) -> str:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in self.supported:
            return chosen
        if request.path.startswith(API_PREFIX):
            header = translation.get_language_from_request(request)
            if header in self.supported and "HTTP_ACCEPT_LANGUAGE" in request.META:
                return header
        return settings.LANGUAGE_CODE
