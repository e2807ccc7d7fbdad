"""What a request may carry before any view reads it.

``StripNulMiddleware`` removes NUL characters (``\\x00``, ``%00`` in a URL) from the query
string's keys and values, and from the fields of a form posted as
``application/x-www-form-urlencoded`` or ``multipart/form-data``. No text a person types
holds one, and PostgreSQL refuses any string that does ("A string literal cannot contain NUL
(0x00) characters"), so a search for ``abc%00`` on the public site, the directory, the
library, the observatory, the portal's lists, the admin's listings (``?q=``) or the API's
filters would answer 500 there (and only there: SQLite accepts it). With the middleware every
such search is the search for ``abc``. Uploaded files are left as they are (binary files hold
NUL bytes); the upload checks (``network_site.uploads``) and the spreadsheet import
(``network_site.spreadsheets``) judge their content.

Paths under a prefix of ``settings.NUL_KEPT_PATH_PREFIXES`` are left alone: the read API
(``/api/``) checks its parameters itself and answers a NUL with a 422 problem that names the
parameter, which is what an API client needs.

It stands before the page cache in ``MIDDLEWARE``, so the cache's key is the cleaned query
string too, and it only rebuilds ``request.GET`` (and ``QUERY_STRING``) when there is a NUL:
every other request costs one substring test.
"""

from django.conf import settings
from django.http import QueryDict

NUL = "\x00"
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(query_string):
    return "%00" in query_string or NUL in query_string


def without_nul(querydict):
    """A copy of ``querydict`` (immutable, like Django's) with no NUL in any key or value."""
    cleaned = QueryDict(mutable=True, encoding=querydict.encoding)
    for key, values in querydict.lists():
        cleaned.setlist(
            key.replace(NUL, ""),
            [value.replace(NUL, "") if isinstance(value, str) else value for value in values],
        )
    cleaned._mutable = False
    return cleaned


def _contains_nul(querydict):
    return any(NUL in key or any(isinstance(v, str) and NUL in v for v in values) for key, values in querydict.lists())


class StripNulMiddleware:
    """Removes NUL characters from the query string and posted form fields (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.kept_prefixes = tuple(getattr(settings, "NUL_KEPT_PATH_PREFIXES", ()))

    def __call__(self, request):
        if self.kept_prefixes and request.path_info.startswith(self.kept_prefixes):
            return self.get_response(request)
        query_string = request.META.get("QUERY_STRING", "")
        if query_string and _has_nul(query_string):
            request.GET = without_nul(request.GET)
            request.META["QUERY_STRING"] = request.GET.urlencode()
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Posted form fields, once the view is known: a view exempt from CSRF (the API) parses
        its own body, so its stream is left unread."""
        if request.method != "POST" or getattr(view_func, "csrf_exempt", False):
            return None
        if self.kept_prefixes and request.path_info.startswith(self.kept_prefixes):
            return None
        if not request.content_type or request.content_type not in _FORM_TYPES:
            return None
        if _contains_nul(request.POST):
            request.POST = without_nul(request.POST)
        return None
