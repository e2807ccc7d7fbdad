"""Nothing of one network reaches another's staff, members or public: crawl tests.

Network A (the default Site's) and network B (Ecuador, ecuador.localhost) each get a full set of
records whose names carry the network's marker. A staff member of A crawls the admin from its
dashboard, following every link (listings, inspect, edit, history, delete confirmations, filters'
exports); every URL found is replayed as B's staff and as a company user: no page, export or PDF
may show A's marker. The same for a member's portal and for the public site and its feeds.
"""

import html
import re
from urllib.parse import urlsplit

import pytest

from django.utils import timezone

from wagtail.log_actions import log

from network_site.models import StaffMembership
from network_site.networks import activate
from tests.commitments.factories import ApprovedCommitmentFactory, PledgeVersionFactory
from tests.helpers import pdf_text
from tests.home.factories import HomePageFactory, NewsCategoryFactory, NewsIndexPageFactory, NewsPageFactory
from tests.meetings.factories import AgreementFactory, InvitationFactory, MeetingFactory
from tests.members.factories import ApplicationFactory, OrganizationFactory, PersonFactory, PortalAccountFactory
from tests.network_site.factories import UserFactory
from tests.supplychain.factories import ActionItemFactory, ReferralFactory, SupplierFactory

pytestmark = pytest.mark.django_db

STAFF_APPS = ["members", "commitments", "supplychain", "meetings", "home", "practices", "cooperation", "regional"]
#: Admin paths not worth following: leaving, and Wagtail's own account and workflow screens.
SKIP = ("/admin/logout/", "/admin/account/", "/admin/login/", "/admin/password_reset/", "/admin/jsi18n/")
MAX_URLS = 300


def _network_records(network, marker, host):
    """A network's home page tree and one of each kind of record, each carrying ``marker``."""
    from wagtail.models import Site

    site = network.site
    home = HomePageFactory(title=f"Inicio {marker}", slug=f"inicio-{marker.lower()}")
    old_root = site.root_page
    Site.objects.filter(pk=site.pk).update(root_page=home, hostname=host, port=80)
    site.refresh_from_db()
    if old_root.pk != home.pk and old_root.specific_class.__name__ == "Page" and old_root.depth > 1:
        old_root.delete()
    news = NewsIndexPageFactory(parent=home, slug="noticias", title=f"Noticias {marker}")
    from home.models import SiteSettings

    SiteSettings.objects.update_or_create(site=site, defaults={"tagline": f"Lema {marker}"})
    with activate(network):
        category = NewsCategoryFactory(name=f"Categoría {marker}", slug=f"categoria-{marker.lower()}")
        NewsPageFactory(
            parent=news, title=f"Noticia {marker}", slug=f"noticia-{marker.lower()}", categories=[category]
        )
        organization = OrganizationFactory(
            name=f"Empresa {marker} S.A.", short_name=f"Empresa {marker}", slug=f"empresa-{marker.lower()}"
        )
        PersonFactory(
            organization=organization, name=f"Persona {marker}", email=f"persona-{marker.lower()}@example.org"
        )
        account = PortalAccountFactory(organization=organization)
        ApplicationFactory(name=f"Solicitante {marker}")
        PledgeVersionFactory(label=f"Compromiso {marker}")
        commitment = ApprovedCommitmentFactory(organization=organization, title=f"Becas {marker}", is_public=True)
        meeting = MeetingFactory(title=f"Reunión {marker}", is_public=True)
        InvitationFactory(meeting=meeting, organization=organization)
        AgreementFactory(meeting=meeting, text=f"Acuerdo {marker}", organizations=[organization])
        SupplierFactory(organization=organization, name=f"Proveedor {marker}")
        ActionItemFactory(organization=organization, action=f"Acción {marker}")
        ReferralFactory(organization=organization, activity=f"Cosecha {marker}")
        for each in (organization, commitment, meeting):  # the site history shows them
            log(instance=each, action="wagtail.edit", user=None)
    return {"home": home, "organization": organization, "account": account, "commitment": commitment}


def _staff(network, email):
    """A network's secretariat as the installation makes one: a membership with the secretariat's
    role (network_site.staff: the role's permissions, the network's tree, collection and site settings)."""
    user = UserFactory(email=email)
    StaffMembership.objects.create(user=user, network=network, role="secretariat")
    user.refresh_from_db()
    assert user.is_staff and user.groups.count() == 2
    return user


def _links(response, prefix):
    if "html" not in response.get("Content-Type", ""):
        return []
    found = []
    # Links, and the admin's sidebar menu (JSON in a script element: "url": "/admin/…").
    for href in re.findall(r'(?:href="|&quot;url&quot;:\s*&quot;|"url":\s*")([^"#&]+)', response.content.decode()):
        href = html.unescape(href)
        parts = urlsplit(href)
        if parts.netloc and parts.netloc not in ("testserver", "localhost"):
            continue
        path = parts.path
        if not path.startswith(prefix) or path.startswith(SKIP):
            continue
        # Filters and orderings of one listing are one page; exports are kept.
        query = parts.query if "export" in parts.query else ""
        found.append(path + (f"?{query}" if query else ""))
    return found


def crawl(client, start, prefix, host="localhost"):
    """Every URL under ``prefix`` reachable from ``start`` (at most MAX_URLS), with its response."""
    seen, queue, pages = set(), [start], {}
    while queue and len(pages) < MAX_URLS:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, HTTP_HOST=host)
        pages[url] = response
        if response.status_code == 200:
            queue.extend(link for link in _links(response, prefix) if link not in seen)
        elif response.status_code == 302 and urlsplit(response["Location"]).path.startswith(prefix):
            queue.insert(0, response["Location"])  # e.g. a setting's menu entry, sent on to the site's own
    return pages


def text_of(response):
    """What a response shows, as text: HTML, CSV, JSON, a PDF's text, a spreadsheet's cells."""
    if not hasattr(response, "_shown_text"):
        response._shown_text = _read_text(response)
    return response._shown_text


def _read_text(response):
    streaming = getattr(response, "streaming", False)
    content = b"".join(response.streaming_content) if streaming else response.content
    kind = response.get("Content-Type", "")
    if "pdf" in kind:
        return pdf_text(content)
    if "spreadsheetml" in kind:
        import io

        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        return " ".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)
    return content.decode("utf-8", "replace")


@pytest.fixture
def two_networks(default_network, other_network):
    a = _network_records(default_network, "ALFA", "localhost")
    b = _network_records(other_network, "BETA", "ecuador.localhost")
    return default_network, other_network, a, b


def test_the_admin_of_one_network_shows_nothing_of_another(client, two_networks):
    network_a, network_b, _a, _b = two_networks
    staff_a = _staff(network_a, "secretaria-alfa@example.org")
    staff_b = _staff(network_b, "secretaria-beta@example.org")
    client.force_login(staff_a)
    pages = crawl(client, "/admin/", "/admin/")
    assert len(pages) > 60, "the crawl should reach the listings, records and their views"
    assert not [url for url, response in pages.items() if response.status_code >= 500]
    shown = {url for url, response in pages.items() if response.status_code == 200 and "ALFA" in text_of(response)}
    assert len(shown) > 15  # the records of A were found
    assert any(url.startswith("/admin/settings/home/sitesettings/") for url in shown)  # its site's settings
    assert not [url for url, response in pages.items() if response.status_code == 200 and "BETA" in text_of(response)]

    client.force_login(staff_b)
    leaks = []
    for url in pages:
        response = client.get(url)
        if response.status_code >= 500:
            leaks.append((url, response.status_code))
        elif response.status_code == 200 and "ALFA" in text_of(response):
            leaks.append((url, "shows ALFA"))
    assert leaks == []

    # A company user reaches none of it: every admin URL sends them to the login or refuses.
    member = PortalAccountFactory(organization=_b["organization"]).user
    client.force_login(member)
    for url in pages:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert "/admin/" not in response["Location"] or "login" in response["Location"], url


def test_the_portal_of_one_network_shows_nothing_of_another(client, two_networks):
    _network_a, _network_b, a, b = two_networks
    client.force_login(a["account"].user)
    pages = crawl(client, "/portal/", "/portal/")
    assert len(pages) > 10
    assert not [url for url, response in pages.items() if response.status_code >= 500]
    client.force_login(b["account"].user)
    for url in pages:
        response = client.get(url, HTTP_HOST="ecuador.localhost")
        assert response.status_code < 500, url
        if response.status_code == 200:
            assert "ALFA" not in text_of(response), url


def test_the_public_site_of_one_network_shows_nothing_of_another(client, two_networks):
    pages = crawl(client, "/es/", "/", host="localhost")
    assert len(pages) > 5
    assert not [url for url, response in pages.items() if response.status_code >= 500]
    assert not [url for url, response in pages.items() if response.status_code == 200 and "BETA" in text_of(response)]
    for url in pages:
        response = client.get(url, HTTP_HOST="ecuador.localhost")
        assert response.status_code < 500, url
        if response.status_code == 200:
            assert "ALFA" not in text_of(response), url


def test_records_of_each_network_are_dated_in_its_own_time_zone(two_networks):
    network_a, network_b, _a, _b = two_networks
    with activate(network_b):
        assert timezone.get_current_timezone_name() == "America/Guayaquil"
    with activate(network_a):
        assert timezone.get_current_timezone_name() == network_a.time_zone
