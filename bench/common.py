"""Shared by the bench scripts: Django set-up and the pages and portal user to measure.

Every script runs in its own process with the environment `bench/run.py` gives it
(production settings, the bench database) and prints one JSON line on stdout.
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network_site.settings.production")
    import django

    django.setup()


def emit(data):
    """The script's result: one JSON line on stdout (anything else goes to stderr)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def peak_rss_mb():
    """The process's peak resident memory so far, in MB (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


def default_network_scope():
    """The default Site's network, activated (its records are the ones measured)."""
    from network_site.models import Network
    from network_site.networks import activate

    return activate(Network.objects.select_related("site").get(site__is_default_site=True))


def in_default_network(function):
    def wrapper(*args, **kwargs):
        with default_network_scope():
            return function(*args, **kwargs)

    wrapper.__doc__ = function.__doc__
    return wrapper


@in_default_network
def public_pages():
    """{name: path} of the public pages to measure, found in the database (after set-up)."""
    from django.conf import settings
    from django.db.models import Count, Q
    from django.utils import translation

    from wagtail.models import Site

    from commitments.models import ObservatoryPage
    from home.models import HomePage, NewsIndexPage, NewsPage
    from meetings.models import CalendarPage
    from members.models import MemberDirectoryPage, Organization

    root = Site.objects.get(is_default_site=True).root_page

    def live(model):
        """The model's live pages in the default Site's tree (its network's)."""
        return model.objects.live().descendant_of(root, inclusive=True)

    language = settings.LANGUAGE_CODE
    pages = {}
    with translation.override(language):
        home = live(HomePage).filter(locale__language_code=language).order_by("path").first()
        if home:
            pages["home"] = home.get_url()
        news_index = live(NewsIndexPage).filter(locale__language_code=language).order_by("path").first()
        if news_index:
            pages["news index"] = news_index.get_url()
            news = NewsPage.objects.live().child_of(news_index).order_by("-date", "-pk").first()
            if news:
                pages["news page"] = news.get_url()
        directory = live(MemberDirectoryPage).filter(locale__language_code=language).order_by("path").first()
        if directory:
            pages["member directory"] = directory.get_url()
            member = (
                Organization.objects.active()
                .annotate(n=Count("commitments", filter=Q(commitments__is_public=True)))
                .order_by("-n", "slug")
                .first()
            )
            if member:
                pages["member profile"] = f"{directory.get_url()}{member.slug}/"
        observatory = live(ObservatoryPage).order_by("path").first()
        if observatory:
            pages["observatory"] = observatory.get_url()
        calendar = live(CalendarPage).filter(locale__language_code=language).order_by("path").first()
        if calendar:
            pages["calendar"] = calendar.get_url()
    return pages


@in_default_network
def portal_user():
    """The representative of the active member with the most data (commitments, reports, meetings)."""
    from django.db.models import Count

    from members.models import PortalAccount, PortalRole

    account = (
        PortalAccount.objects.filter(
            role=PortalRole.REPRESENTATIVE,
            user__is_active=True,
            organization__is_partner=False,
            organization__membership_status="active",
        )
        .annotate(n=Count("organization__commitments"))
        .select_related("user", "organization")
        .order_by("-n", "pk")
        .first()
    )
    return account


@in_default_network
def portal_pages(account):
    """{name: path} of the main portal pages for this account's organisation."""
    from django.urls import reverse

    from commitments.models import ProgressReport
    from supplychain.models import Assessment

    pages = {
        "portal dashboard": reverse("members_portal:dashboard"),
        "portal commitments": reverse("commitments_portal:list"),
        "portal meetings": reverse("meetings_portal:list"),
        "portal value chain": reverse("supplychain_portal:overview"),
    }
    report = (
        ProgressReport.objects.filter(commitment__organization=account.organization, status="draft")
        .order_by("deadline", "pk")
        .first()
    )
    if report:
        pages["portal progress report form"] = reverse("commitments_portal:report", args=[report.pk])
    assessment = Assessment.objects.filter(organization=account.organization).order_by("-year").first()
    if assessment:
        pages["portal self-assessment"] = reverse("supplychain_portal:assessment_detail", args=[assessment.pk])
    return pages
