from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

#: Paths outside the language prefix: a 404 there stays a 404.
UNPREFIXED_PATHS = ("/portal/", "/admin/", "/documents/", "/healthz", "/i18n/", "/api/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, without its redirect of a 404 to the language-prefixed path.

    Wagtail's catch-all page route matches every prefixed path, so Django would turn a 404
    under /portal/ (e.g. another organisation's record) into a redirect to /es/portal/…,
    which then 404s on a generic page. The portal and the admin are not prefixed: their
    404s answer 404 directly.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED_PATHS):
            response.headers.setdefault("Content-Language", getattr(request, "LANGUAGE_CODE", "es"))
            return response
        return super().process_response(request, response)
