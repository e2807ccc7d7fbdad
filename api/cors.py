"""CORS for the read API: any origin may read it (``Access-Control-Allow-Origin: *``) with GET and
HEAD, and a preflight OPTIONS answers which; never with credentials (no cookie or authorisation
is ever read or allowed). Other methods get no CORS headers (and 405).

A decorator on the API's views rather than a project-wide middleware or a dependency: only
``/api/`` is open to other origins.
"""

from functools import wraps

from django.http import HttpResponse

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
ALLOWED_HEADERS = "Accept, Accept-Language, Content-Language, Content-Type"
PREFLIGHT_MAX_AGE = 86400


def _open(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "Content-Language, Retry-After"
    return response


def cors(view):
    """``view`` answering GET and HEAD to any origin, and the preflight OPTIONS itself."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
            response["Allow"] = ALLOWED_METHODS
            return _open(response)
        if request.method == "HEAD":
            # django-ninja routes GET only; a HEAD is that GET without its body.
            request.method = "GET"
            response = view(request, *args, **kwargs)
            request.method = "HEAD"
            if not response.streaming:
                response.content = b""
            return _open(response)
        response = view(request, *args, **kwargs)
        if request.method == "GET":
            _open(response)
        return response

    return wrapper
