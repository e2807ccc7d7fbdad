"""The API's URLs (mounted at /api/ by the root urls): /api/v1/… with CORS, and a JSON 404 for
any other path below /api/."""

from django.urls import URLPattern, URLResolver, path, re_path

from api import docs
from api.cors import cors
from api.v1 import api as api_v1
from api.views import not_found


def _with_cors(patterns):
    wrapped = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            wrapped.append(
                URLResolver(
                    pattern.pattern,
                    _with_cors(pattern.url_patterns),
                    pattern.default_kwargs,
                    pattern.app_name,
                    pattern.namespace,
                )
            )
        else:
            wrapped.append(URLPattern(pattern.pattern, cors(pattern.callback), pattern.default_args, pattern.name))
    return wrapped


_v1_patterns, _v1_app, _v1_namespace = api_v1.urls

urlpatterns = [
    path("v1/docs/assets/<str:name>", cors(docs.asset), name="api_docs_asset"),
    path("v1/", (_with_cors(_v1_patterns), _v1_app, _v1_namespace)),
    re_path(r"^", cors(not_found), name="api_not_found"),
]
