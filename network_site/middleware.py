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


class ClientAddressMiddleware:
    """Behind nginx, ``REMOTE_ADDR`` is nginx's own address (127.0.0.1) for every visitor.

    With ``TRUSTED_PROXY_COUNT = n`` (production: 1, the nginx of deploy/nginx/), the visitor's
    address is the n-th entry from the right of ``X-Forwarded-For``, the one our own proxy
    added (entries further left come from the client and can be forged). ``REMOTE_ADDR`` is set
    to it, so per-address limits (allauth's failed logins, the join form) count each visitor, not
    all of them together. 0 (the default): ``REMOTE_ADDR`` is left as it is.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
        if count:
            forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
            forwarded = [part for part in forwarded if part]
            if len(forwarded) >= count:
                request.META["REMOTE_ADDR"] = forwarded[-count]
        return self.get_response(request)
