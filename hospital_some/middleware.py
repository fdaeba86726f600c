import re

# "no", "no-NO", "no_NO" — a browser's generic Norwegian — mean Bokmål here.
_NORWEGIAN = re.compile(r"(?<![\w-])no(?:[-_][a-z]{2})?(?=\s*(?:;|,|$))", re.IGNORECASE)


class NorwegianLanguageAliasMiddleware:
    """Rewrite generic Norwegian in Accept-Language to ``nb`` before LocaleMiddleware reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.META.get("HTTP_ACCEPT_LANGUAGE")
        if header:
            request.META["HTTP_ACCEPT_LANGUAGE"] = _NORWEGIAN.sub("nb", header)
        return self.get_response(request)
