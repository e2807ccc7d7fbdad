"""Portal users saving progress reports while readers load public pages (the mixed load test).

Run by ``bench/regional.py`` beside wrk: two representatives of the default network's members,
each logged in (a session made as ``login()`` makes it), save one of their open progress reports
through the portal's form, over HTTP on the server under test, together ``BENCH_WRITES_PER_SECOND``
(2) times a second, for ``BENCH_WRITER_SECONDS``. Each save is a GET of the form (its CSRF token)
and a POST, as a browser does. Prints {"saves", "errors", "seconds"}.
"""

import os
import re
import time
import urllib.parse
import urllib.request

from common import emit, setup

setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.utils import timezone  # noqa: E402

from commitments.models import CommitmentStatus, ProgressReport, ReportStatus  # noqa: E402
from members.models import PortalAccount, PortalRole  # noqa: E402
from network_site.models import Network  # noqa: E402
from network_site.networks import activate  # noqa: E402

BASE = os.environ["BENCH_SERVER"]
SECONDS = float(os.environ.get("BENCH_WRITER_SECONDS", "8"))
RATE = float(os.environ.get("BENCH_WRITES_PER_SECOND", "2"))
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

network = Network.objects.get(site__is_default_site=True)
writers = []
with activate(network):
    today = timezone.localdate()
    accounts = (
        PortalAccount.objects.filter(role=PortalRole.REPRESENTATIVE, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    )
    for account in accounts:
        report = (
            ProgressReport.objects.filter(
                commitment__organization_id=account.organization_id,
                commitment__status=CommitmentStatus.APPROVED,
                status=ReportStatus.DRAFT,
                period_start__lte=today,
            )
            .order_by("pk")
            .first()
        )
        if report is None:
            continue
        session = SessionStore()
        session[SESSION_KEY] = str(account.user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = account.user.get_session_auth_hash()
        session.save()
        writers.append(
            ({settings.SESSION_COOKIE_NAME: session.session_key}, f"{BASE}/portal/commitments/reports/{report.pk}/")
        )
        if len(writers) == 2:
            break


def _open(request, cookies):
    request.add_header("Cookie", "; ".join(f"{name}={value}" for name, value in cookies.items()))
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our own local server
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.read().decode()


def save(cookies, url, number):
    """The form (its CSRF token and cookie), then the POST of a draft, as a browser does."""
    _status, page = _open(urllib.request.Request(url), cookies)  # noqa: S310
    token = TOKEN.search(page).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "value": str(number % 40), "narrative": f"Avance {number}"}
    ).encode()
    status, _page = _open(urllib.request.Request(url, data=data, headers={"Referer": url}), cookies)  # noqa: S310
    return status


saves = errors = 0
started = time.monotonic()
number = 0
while writers and time.monotonic() - started < SECONDS:
    tick = time.monotonic()
    cookies, url = writers[number % len(writers)]
    try:
        code = save(cookies, url, number)
        saves += 1
        errors += code >= 400
    except Exception:  # noqa: BLE001 - counted, the load test goes on
        errors += 1
    number += 1
    time.sleep(max(0.0, 1 / RATE - (time.monotonic() - tick)))

emit({"saves": saves, "errors": errors, "seconds": round(time.monotonic() - started, 1), "writers": len(writers)})
