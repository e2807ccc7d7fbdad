"""Version 1 of the open-data API: one django-ninja ``NinjaAPI`` (the library Wagtail 8's own API
v3 is built on), with Wagtail's API error handlers (RFC 7807 problem documents).

Each resource is one module of this package with a ``router``; ``RESOURCES`` lists them, in the
order of the OpenAPI document. Adding a resource (e.g. good practices, the cooperation board) is
one module here and one line below. v1 is stable: only additive changes (docs/api.md).
"""

import logging
from importlib import import_module

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from django.core import signals

from wagtail.api.v3.errors import PROBLEM_JSON, problem_response, register_exception_handlers

from api.common import ApiThrottle
from api.docs import LocalSwagger

logger = logging.getLogger("django.request")

#: The resources of v1: modules of this package, each with a ``router``.
RESOURCES = [
    "networks",
    "organizations",
    "commitments",
    "observatory",
    "meetings",
    "practices",
    "cooperation",
]

DESCRIPTION = """Open data of the business networks against child labour: the networks, their member organisations'
public profiles, public commitments and their approved progress, the observatory's aggregates,
public meetings, the published good practices and the public cooperation board (demands, offers,
South-South agreements and their activities). Read-only, no authentication. On a national network's
site the answers are that network's; on the regional site's, every network's (the `network` and
`country` filters narrow them). Nothing that is not public on the sites is ever returned. Lists are
paginated with `limit` and `offset` (`{"count", "items"}`); errors are `application/problem+json`."""


class Renderer(JSONRenderer):
    """JSON in UTF-8 as it is (names in Spanish stay readable)."""

    json_dumps_params = {"ensure_ascii": False}


def server_error(request, exc):
    """An unexpected error: logged with its traceback (and signalled, as Django does for error
    reporting), answered as a problem document like every other error."""
    logger.error("Internal Server Error: %s", request.path, exc_info=exc, extra={"request": request})
    signals.got_request_exception.send(sender=None, request=request)
    return problem_response(status=500, detail="Internal error.")


class OpenDataAPI(NinjaAPI):
    """The API; its document says that errors are ``application/problem+json`` (as they are)."""

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    if int(status) >= 400 and "content" in response:
                        response["content"] = {PROBLEM_JSON: next(iter(response["content"].values()))}
        return schema


def build():
    api = OpenDataAPI(
        title="Red de Empresas: open data API",
        version="1.1.0",
        description=DESCRIPTION,
        urls_namespace="api_v1",
        openapi_url="/openapi.json",
        docs_url="/docs/",
        docs=LocalSwagger(),
        throttle=[ApiThrottle()],
        renderer=Renderer(),
    )
    register_exception_handlers(api)
    api.add_exception_handler(Exception, server_error)
    for name in RESOURCES:
        api.add_router("", import_module(f"{__name__}.{name}").router)
    return api


api = build()

__all__ = ["RESOURCES", "api"]
