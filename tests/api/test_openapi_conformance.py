"""Property-based test of the API against its own OpenAPI document (schemathesis): every operation
is called with generated parameters, valid and invalid, and each response must match what the
document says (status codes, content types, bodies' schemas), never a server error.

Run against the Django WSGI application in the test database, on Costa Rica's host and on the
regional site's, with public and non-public records of two networks (``world``). ``max_examples``
is small so that the whole file runs in seconds (``API_SCHEMATHESIS_EXAMPLES=200`` for a deeper run).

What it found, and how it was fixed:
- ST108 "Response violates schema": an agenda item's ``start_time`` ("09:00:00", a local time)
  was documented as ``format: time``, which JSON Schema reads as an RFC 3339 time with an offset;
  it is now a string of ``HH:MM:SS`` with that pattern and says it is local. (Found with 150
  examples; the explicit cases below call every detail with the ids of real public records, so the
  short default run checks real bodies too.)
- ST105 "Undocumented Content-Type": every error (404, 422, 429) answers
  ``application/problem+json`` (Wagtail's API handlers) while the document said ``application/json``;
  ``api.v1.OpenDataAPI`` now documents the problem type for every error response.
Guarded before it could find them (each has its explicit case in test_http.py / test_public_data.py):
ids and offsets beyond 64 bits (``Id``, ``MAX_OFFSET``: SQLite's integers overflow), control characters
in ``q`` (``SearchText``: PostgreSQL refuses NUL), ``limit`` above the maximum (422, not a silent cut).
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from tests.api.conftest import REGIONAL

pytestmark = pytest.mark.django_db


@pytest.fixture
def wsgi_app(world, regional_site):
    """Django's WSGI application, in the test's transaction: the request signals must not close the
    test's database connection (Django's own test client disconnects them the same way)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


EXAMPLES = settings(
    max_examples=int(os.environ.get("API_SCHEMATHESIS_EXAMPLES", "10")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def check_every_operation(app, headers=None, known=None):
    """Each operation of the document, called with generated cases, must answer as documented.

    (schemathesis' pytest integration, ``from_fixture``, does not run on pytest 9: the loop below
    is its documented Python API, one Hypothesis run per operation.)
    """
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, headers=headers or {})
    operations = [result.ok() for result in schema.get_all_operations()]
    called = []
    assert len(operations) >= 11

    for operation in operations:

        @given(case=operation.as_strategy())
        @EXAMPLES
        def check(case):
            case.call_and_validate(headers=headers)

        check()
        for parameters in (known or {}).get(operation.path, []):
            operation.Case(path_parameters=parameters, query={"limit": 100}).call_and_validate(headers=headers)
            called.append(operation.path)
    assert len(called) == sum(len(each) for each in (known or {}).values())


def real_records(world):
    """Path parameters of real public records, per path of the document."""
    return {
        "/api/v1/networks/{slug}/": [{"slug": "red"}, {"slug": "ecuador"}],
        "/api/v1/organizations/{organization_id}/": [{"organization_id": world["cr_member"].pk}],
        "/api/v1/commitments/{commitment_id}/": [{"commitment_id": world["cr_public"].pk}],
        "/api/v1/commitments/{commitment_id}/progress/": [{"commitment_id": world["cr_public"].pk}],
        "/api/v1/meetings/{meeting_id}/": [
            {"meeting_id": world["cr_meeting"].pk},
            {"meeting_id": world["cr_published"].pk},
        ],
    }


def test_national_host_conforms_to_the_document(wsgi_app, world):
    check_every_operation(wsgi_app, known=real_records(world))


def test_regional_host_conforms_to_the_document(wsgi_app, world):
    check_every_operation(wsgi_app, headers={"Host": REGIONAL}, known=real_records(world))
