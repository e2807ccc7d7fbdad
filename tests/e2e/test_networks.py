"""Journey 7 in Chromium: a second country joins the installation.

The demo's two networks on one installation, each on its own host: Costa Rica on the default Site
(``localhost``) and Ecuador on ``ecuador.localhost`` (Chromium resolves ``*.localhost`` to this
machine; the demo Sites carry the e2e server's port). Each network's secretariat logs in to the
admin and sees only its own network's organisations (another network's by URL answers 404); each
public site's member directory lists only its own members (another network's profile answers 404);
Ecuador's calendar shows its meetings in America/Guayaquil; a staff member of both networks switches
network with the admin's switcher ("Red", /admin/choose-network/).

What the tests expect is read from the server's database (``manage.py shell``), never hard-coded
beyond the demo's logins.
"""

import datetime
import json
import re
import zoneinfo

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e

PASSWORD = "demo-red-2026"
#: The demo's networks: (country, host, secretariat login, time zone).
NETWORKS = {
    "CR": ("localhost", "secretaria.costarica@example.org", "America/Costa_Rica"),
    "EC": ("ecuador.localhost", "secretaria.ecuador@example.org", "America/Guayaquil"),
}
BOTH_NETWORKS_STAFF = "ambas-redes.e2e@example.org"

#: Every network's organisations (members and partner institutions) and its active members.
ORGANISATIONS = """
import json
from members.models import Organization
from network_site.networks import scopes_disabled
with scopes_disabled():
    out = {}
    for each in Organization.objects.select_related("network").order_by("name"):
        active = not each.is_partner and each.membership_status == "active"
        row = {"pk": each.pk, "name": each.name, "slug": each.slug, "active": active}
        out.setdefault(each.network.country, []).append(row)
print(json.dumps(out))
"""

#: Every network's upcoming public meetings: title, id, start and end (ISO, UTC).
UPCOMING_MEETINGS = """
import json
from meetings.models import Meeting
from network_site.networks import scopes_disabled
with scopes_disabled():
    rows = Meeting.objects.public().upcoming().values_list("network__country", "pk", "title", "start", "end")
    out = {}
    for country, pk, title, start, end in rows:
        row = {"pk": pk, "title": title, "start": start.isoformat(), "end": end.isoformat()}
        out.setdefault(country, []).append(row)
print(json.dumps(out))
"""

#: Every network's live news items in Spanish (titles), by country.
NEWS = """
import json
from home.models import NewsPage
from network_site.models import Network
out = {}
for network in Network.objects.select_related("site__root_page"):
    news = NewsPage.objects.live().descendant_of(network.site.root_page).filter(locale__language_code="es")
    out[network.country] = sorted(news.values_list("title", flat=True))
print(json.dumps(out))
"""

#: A staff member of both networks, with both networks' secretariat groups (as the demo's secretariats).
MAKE_BOTH_NETWORKS_STAFF = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from network_site.models import Network, StaffMembership, StaffRole
User = get_user_model()
user = User.objects.filter(email={email!r}).first()
if user is None:
    user = User(email={email!r}, first_name="Marta", last_name="Salas Vera", is_staff=True)
    user.set_password({password!r})
    user.save()
user.groups.add(Group.objects.get(name="Secretaría"))
for network in Network.objects.all():
    StaffMembership.objects.get_or_create(user=user, network=network, defaults={{"role": StaffRole.SECRETARIAT}})
    user.groups.add(Group.objects.get(name=f"Secretaría · {{network.short_name}}"))
print(user.pk)
"""


def shell_json(server, code):
    """Run Python in the server's ``manage.py shell``; its last printed line, as JSON."""
    return json.loads(server.manage("shell", "-c", code).strip().splitlines()[-1])


def host_url(server, host):
    """The e2e server under another host name (the demo Sites have the server's port)."""
    return f"http://{host}:{server.port}"


def log_in(page, base, email):
    page.goto(f"{base}/admin/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=login]) button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def listed_organisations(page):
    """The names in the admin's organisations listing (one page: the demo has fewer than 50)."""
    names = page.locator("main table tbody td.title span[id^=organization_]")
    expect(names.first).to_be_visible()
    return sorted(names.all_inner_texts())


@pytest.fixture(scope="module")
def organisations(e2e_server):
    return shell_json(e2e_server, ORGANISATIONS)


@pytest.fixture(scope="module")
def both_networks_staff(e2e_server):
    e2e_server.manage("shell", "-c", MAKE_BOTH_NETWORKS_STAFF.format(email=BOTH_NETWORKS_STAFF, password=PASSWORD))
    return BOTH_NETWORKS_STAFF


@pytest.mark.parametrize(("country", "other"), [("EC", "CR"), ("CR", "EC")])
def test_a_secretariat_sees_only_its_own_networks_organisations(e2e_server, page, organisations, country, other):
    host, email, _zone = NETWORKS[country]
    base = host_url(e2e_server, host)
    own, theirs = organisations[country], organisations[other]
    assert own and theirs, organisations
    log_in(page, base, email)

    # 1. The listing: every organisation of the network, none of the other's.
    page.goto(f"{base}/admin/network/organizations/")
    expect(page.locator("h1")).to_contain_text("Organizaciones")
    assert listed_organisations(page) == sorted(each["name"] for each in own)
    expect(page.locator("main")).to_contain_text(f"{len(own)} organizaciones")
    screenshot(page, f"networks-{country.lower()}-organisations")

    # 2. A search for the other network's organisation finds nothing.
    their_member = next(each for each in theirs if each["active"])
    page.goto(f"{base}/admin/network/organizations/?q={their_member['slug']}")
    expect(page.locator("main table tbody td.title")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text(their_member["name"])

    # 3. One of its own organisations opens.
    mine = next(each for each in own if each["active"])
    page.goto(f"{base}/admin/network/organizations/")
    page.locator("main table tbody td.title").get_by_role("link", name=mine["name"], exact=True).click()
    expect(page).to_have_url(re.compile(rf"/admin/network/organizations/edit/{mine['pk']}/$"))
    expect(page.locator("#id_name")).to_have_value(mine["name"])
    response = page.goto(f"{base}/admin/network/organizations/inspect/{mine['pk']}/")
    assert response.status == 200
    expect(page.locator("main")).to_contain_text(mine["name"])

    # 4. The other network's organisation, by its URL: 404 (edit, inspect, status change), never its data.
    for view in ("edit", "inspect", "change-status"):
        response = page.goto(f"{base}/admin/network/organizations/{view}/{their_member['pk']}/")
        assert response.status == 404, (view, response.status)
        expect(page.locator("body")).not_to_contain_text(their_member["name"])
    screenshot(page, f"networks-{country.lower()}-other-network-404")


@pytest.mark.parametrize("country", ["CR", "EC"])
def test_each_public_directory_lists_only_its_own_members(e2e_server, page, organisations, country):
    host, _email, _zone = NETWORKS[country]
    base = host_url(e2e_server, host)
    own = sorted(each["name"] for each in organisations[country] if each["active"])
    other = next(code for code in NETWORKS if code != country)
    theirs = [each for each in organisations[other] if each["active"]]

    page.goto(f"{base}/es/miembros/")
    expect(page.locator("h1")).to_have_text("Miembros de la Red")
    cards = page.locator(".member-card__title")
    expect(cards.first).to_be_visible()
    assert sorted(cards.all_inner_texts()) == own
    expect(page.locator("main")).to_contain_text(f"{len(own)} miembros")
    for each in theirs:
        expect(page.locator("main")).not_to_contain_text(each["name"])
    screenshot(page, f"networks-{country.lower()}-directory")

    # A member's profile opens on its own network's site, and answers 404 on the other's.
    mine = next(each for each in organisations[country] if each["active"])
    page.get_by_role("link", name=re.compile(re.escape(mine["name"]))).first.click()
    expect(page.locator("h1")).to_have_text(mine["name"])
    response = page.goto(f"{base}/es/miembros/{theirs[0]['slug']}/")
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text(theirs[0]["name"])

    # The site is the network's: its name in the header, not the other network's.
    page.goto(f"{base}/es/")
    expect(page).to_have_title(re.compile("Ecuador" if country == "EC" else "Red de Empresas contra el Trabajo"))


@pytest.mark.parametrize("country", ["CR", "EC"])
def test_each_public_site_shows_only_its_own_news(e2e_server, page, country):
    news = shell_json(e2e_server, NEWS)
    other = next(code for code in NETWORKS if code != country)
    own, theirs = news[country], news[other]
    assert own and theirs, news
    base = host_url(e2e_server, NETWORKS[country][0])

    page.goto(f"{base}/es/noticias/")
    titles = page.locator("main .card h2, main .card h3")
    expect(titles.first).to_be_visible()
    listed = titles.all_inner_texts()
    assert set(listed) <= set(own), sorted(set(listed) - set(own))
    for title in theirs:
        expect(page.locator("main")).not_to_contain_text(title)
    screenshot(page, f"networks-{country.lower()}-news")

    # The site's feed: its own news, each linked on its own host.
    feed = page.evaluate("url => fetch(url).then(response => response.text())", "/es/feeds/news/rss/")
    items = re.findall(r"<item>.*?<title>(.*?)</title>.*?<link>(.*?)</link>", feed, flags=re.DOTALL)
    assert items, feed[:500]
    for title, link in items:
        assert title.replace("&amp;", "&") in own, title
        assert link.startswith(f"{base}/") or (country == "CR" and link.startswith(f"{e2e_server.url}/")), link


def test_ecuadors_news_feed_carries_ecuadors_name(e2e_server, page):
    base = host_url(e2e_server, NETWORKS["EC"][0])
    page.goto(f"{base}/es/noticias/")
    news = page.evaluate("url => fetch(url).then(response => response.text())", "/es/feeds/news/rss/")
    assert "Ecuador" in re.search(r"<title>(.*?)</title>", news).group(1)


def test_ecuadors_calendar_feed_carries_ecuadors_name(e2e_server, page):
    base = host_url(e2e_server, NETWORKS["EC"][0])
    page.goto(f"{base}/es/calendario/")
    calendar = page.evaluate("url => fetch(url).then(response => response.text())", "/es/calendario/feed/")
    assert "Ecuador" in re.search(r"X-WR-CALNAME:(.*)", calendar).group(1)


def test_ecuadors_representative_finds_ecuadors_portal_and_pledge(e2e_server, page, browser):
    """An Ecuadorian member's representative: Ecuador's portal and pledge; on Costa Rica's site, the
    portal sends them to their own network's."""
    ecuador = host_url(e2e_server, NETWORKS["EC"][0])
    page.goto(f"{ecuador}/portal/")
    page.fill("input[name=login]", "floricola-andina@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=login]) button[type=submit]")
    expect(page).to_have_url(f"{ecuador}/portal/")
    expect(page).to_have_title(re.compile("Ecuador"))
    expect(page.locator("main")).to_contain_text("Florícola Andina S.A.")
    page.get_by_role("link", name="Compromiso de adhesión").first.click()
    expect(page.locator("main")).to_contain_text("Compromiso de la Red de Empresas por un Ecuador Libre de Trabajo")
    expect(page.locator("main")).to_contain_text("Su organización firmó esta versión")
    screenshot(page, "networks-ec-portal-pledge")

    # On Costa Rica's site the same account is not Costa Rica's: to Ecuador's portal login.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-CR")
    try:
        other = context.new_page()
        other.goto(f"{host_url(e2e_server, NETWORKS['CR'][0])}/portal/")
        other.fill("input[name=login]", "floricola-andina@example.org")
        other.fill("input[name=password]", PASSWORD)
        other.click("form:has(input[name=login]) button[type=submit]")
        other.wait_for_load_state()
        assert other.url.startswith(f"{ecuador}/portal/"), other.url
        expect(other.locator("main")).not_to_contain_text("Red de Empresas contra el Trabajo Infantil de Costa Rica")
    finally:
        context.close()


def test_ecuadors_calendar_shows_its_meetings_in_guayaquil_time(e2e_server, page):
    meetings = shell_json(e2e_server, UPCOMING_MEETINGS)
    assert meetings.get("EC"), meetings
    zone = zoneinfo.ZoneInfo(NETWORKS["EC"][2])
    base = host_url(e2e_server, NETWORKS["EC"][0])

    page.goto(f"{base}/es/calendario/")
    expect(page.locator("h1")).to_have_text("Calendario de la Red")
    upcoming = page.locator("section[aria-labelledby=upcoming-heading]")
    for meeting in meetings["EC"]:
        start = datetime.datetime.fromisoformat(meeting["start"]).astimezone(zone)
        card = upcoming.locator(".card", has_text=meeting["title"])
        expect(card).to_have_count(1)
        time = card.locator("time").first
        expect(time).to_have_attribute("datetime", start.isoformat())  # …-05:00
        expect(time).to_contain_text(start.strftime("%H:%M"))
        expect(time).to_contain_text(str(start.year))
    for meeting in meetings.get("CR", []):
        expect(upcoming).not_to_contain_text(meeting["title"])
    screenshot(page, "networks-ec-calendar")

    # The meeting's page: start and end in Guayaquil's time.
    meeting = meetings["EC"][0]
    start = datetime.datetime.fromisoformat(meeting["start"]).astimezone(zone)
    end = datetime.datetime.fromisoformat(meeting["end"]).astimezone(zone)
    upcoming.get_by_role("link", name=meeting["title"]).click()
    expect(page.locator("h1")).to_have_text(meeting["title"])
    times = page.locator("main time")
    expect(times.first).to_have_attribute("datetime", start.isoformat())
    expect(page.locator("main")).to_contain_text(f"{start:%H:%M} – {end:%H:%M}")

    # The calendar feed (fetched by the page itself: the host is the browser's) says the same.
    page.goto(f"{base}/es/calendario/")
    feed = page.evaluate("url => fetch(url).then(response => response.text())", "/es/calendario/feed/")
    assert "TZID:America/Guayaquil" in feed
    assert f"DTSTART;TZID=America/Guayaquil:{start:%Y%m%dT%H%M%S}" in feed
    for other in meetings.get("CR", []):
        assert other["title"][:30] not in feed


def test_ecuadors_secretariat_sees_its_meetings_in_guayaquil_time_in_the_admin(e2e_server, page):
    meetings = shell_json(e2e_server, UPCOMING_MEETINGS)
    meeting = meetings["EC"][0]
    zone = zoneinfo.ZoneInfo(NETWORKS["EC"][2])
    start = datetime.datetime.fromisoformat(meeting["start"]).astimezone(zone)
    host, email, _zone = NETWORKS["EC"]
    base = host_url(e2e_server, host)
    log_in(page, base, email)
    page.goto(f"{base}/admin/meetings/")
    row = page.locator("main table tbody tr", has_text=meeting["title"]).first
    expect(row).to_contain_text(start.strftime("%H:%M"))
    row.get_by_role("link", name=meeting["title"]).first.click()
    page.get_by_role("link", name="Editar datos, agenda y acta").click()
    expect(page.locator("#id_start")).to_have_value(start.strftime("%Y-%m-%d %H:%M"))


def test_costa_ricas_calendar_keeps_costa_rica_time(e2e_server, page):
    """The other side of the same rule: the default network's meetings in America/Costa_Rica."""
    meetings = shell_json(e2e_server, UPCOMING_MEETINGS)
    if not meetings.get("CR"):
        pytest.skip("the demo has no upcoming public meeting in Costa Rica")
    zone = zoneinfo.ZoneInfo(NETWORKS["CR"][2])
    page.goto(f"{host_url(e2e_server, NETWORKS['CR'][0])}/es/calendario/")
    upcoming = page.locator("section[aria-labelledby=upcoming-heading]")
    meeting = meetings["CR"][0]
    start = datetime.datetime.fromisoformat(meeting["start"]).astimezone(zone)
    card = upcoming.locator(".card", has_text=meeting["title"]).first
    expect(card.locator("time").first).to_have_attribute("datetime", start.isoformat())  # …-06:00
    for other in meetings.get("EC", []):
        expect(upcoming).not_to_contain_text(other["title"])


def test_a_staff_member_of_both_networks_switches_network(e2e_server, page, organisations, both_networks_staff):
    base = e2e_server.url
    costa_rica = sorted(each["name"] for each in organisations["CR"])
    ecuador = sorted(each["name"] for each in organisations["EC"])
    log_in(page, base, both_networks_staff)

    # 1. The first network (Costa Rica) to begin with.
    page.goto(f"{base}/admin/network/organizations/")
    assert listed_organisations(page) == costa_rica

    # 2. The switcher, from the admin's menu: both networks, the current one marked.
    switcher = page.locator("#wagtail-sidebar a[href^='/admin/choose-network/']")
    expect(switcher).to_have_count(1)
    switcher.click()
    expect(page).to_have_url(re.compile(r"/admin/choose-network/"))
    buttons = page.locator("main form button[name=network]")
    expect(buttons).to_have_count(3)  # both networks, and both read together
    current = page.locator("main form button[name=network][aria-current=true]")
    expect(current).to_have_count(1)
    expect(current).to_contain_text("Costa Rica")
    screenshot(page, "networks-switcher")

    # 3. Ecuador: the organisations are Ecuador's, the switcher marks it.
    page.get_by_role("button", name=re.compile("Ecuador")).click()
    expect(page.locator(".messages")).to_contain_text("Ecuador")
    page.goto(f"{base}/admin/network/organizations/")
    assert listed_organisations(page) == ecuador
    their = next(each for each in organisations["CR"] if each["active"])
    assert page.goto(f"{base}/admin/network/organizations/edit/{their['pk']}/").status == 404
    page.goto(f"{base}/admin/choose-network/")
    expect(page.locator("main form button[name=network][aria-current=true]")).to_contain_text("Ecuador")

    # 4. Back to Costa Rica, and the listing follows; the switch came back to where it was asked from.
    page.goto(f"{base}/admin/network/organizations/")
    page.locator("#wagtail-sidebar a[href^='/admin/choose-network/']").click()
    page.get_by_role("button", name=re.compile("Costa Rica")).click()
    page.goto(f"{base}/admin/network/organizations/")
    assert listed_organisations(page) == costa_rica

    # 5. Both networks read together: every organisation of both.
    page.goto(f"{base}/admin/choose-network/?next=/admin/network/organizations/")
    page.locator("main form button[name=network][value=all]").click()
    expect(page).to_have_url(re.compile(r"/admin/network/organizations/$"))
    assert listed_organisations(page) == sorted(costa_rica + ecuador)


def test_a_network_secretariat_has_no_switcher(e2e_server, page):
    """A secretariat of one network only: no switcher in the menu, and nothing else to choose."""
    host, email, _zone = NETWORKS["EC"]
    base = host_url(e2e_server, host)
    log_in(page, base, email)
    expect(page.locator("#wagtail-sidebar a[href='/admin/network/organizations/']")).to_have_count(1)
    expect(page.locator("#wagtail-sidebar a[href^='/admin/choose-network/']")).to_have_count(0)
    page.goto(f"{base}/admin/choose-network/")
    expect(page.locator("main form button[name=network]")).to_have_count(1)
    expect(page.locator("main form button[name=network][value=all]")).to_have_count(0)


def test_the_switcher_speaks_spanish(e2e_server, page, both_networks_staff):
    base = e2e_server.url
    log_in(page, base, both_networks_staff)
    switcher = page.locator("#wagtail-sidebar a[href^='/admin/choose-network/']")
    expect(switcher).to_contain_text(re.compile(r"^\s*Red\b"))
    expect(switcher).not_to_contain_text("social")
    switcher.click()
    expect(page.locator("h1")).to_have_text("Red")
    expect(page.locator("main")).to_contain_text("La administración muestra los registros de una red a la vez")
    expect(page.locator("main form button[name=network][value=all]")).not_to_contain_text("Every network")
    page.get_by_role("button", name=re.compile("Ecuador")).click()
    expect(page.locator(".messages")).to_contain_text("Ecuador")
    expect(page.locator(".messages")).not_to_contain_text("You now work in")


def test_the_switcher_names_the_current_network(e2e_server, page, both_networks_staff):
    base = e2e_server.url
    log_in(page, base, both_networks_staff)
    switcher = page.locator("#wagtail-sidebar a[href^='/admin/choose-network/']")
    expect(switcher).to_contain_text(re.compile(r"^\s*Red: Costa Rica\s*$"))
