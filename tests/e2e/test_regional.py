"""Journey 8 in Chromium: the regional exchange.

The regional site (the Wagtail Site no network owns, ``regional.localhost`` in the demo): the
regional observatory puts the countries side by side; the good-practices library lists both
networks' practices and filters them by acceleration factor; on the cooperation board, Costa Rica's
secretariat posts a demand in the admin, Ecuador's secretariat an offer, the regional staff match
them into a South-South agreement (confirmation page, e-mail to both secretariats) and add an
activity; the agreement shows on the public board with its activity and state, and is followed
until it is done.

What the tests expect is read from the server's database (``manage.py shell``).
"""

import datetime
import json
import re
import uuid
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e

PASSWORD = "demo-red-2026"
REGIONAL_HOST = "regional.localhost"
COSTA_RICA_HOST = "localhost"
ECUADOR_HOST = "ecuador.localhost"
REGIONAL_STAFF = "regional@example.org"
COSTA_RICA_SECRETARIAT = "secretaria.costarica@example.org"
ECUADOR_SECRETARIAT = "secretaria.ecuador@example.org"
MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)

#: Each network's active members (the observatory's first column), by short name.
ACTIVE_MEMBERS = """
import json
from members.models import Organization
from network_site.networks import each_network
print(json.dumps({network.short_name: Organization.objects.active().count() for network in each_network()}))
"""

#: The published practices (title, country), and the titles of those working on each factor.
PRACTICES = """
import json
from commitments.models import AccelerationFactor
from practices.models import GoodPractice
from network_site.networks import scopes_disabled
with scopes_disabled():
    published = GoodPractice.objects.published()
    rows = [(p.title, p.network.short_name) for p in published.select_related("network")]
    factors = {code: sorted(published.with_factor(code).values_list("title", flat=True))
               for code in AccelerationFactor.values}
print(json.dumps({"practices": rows, "factors": factors}))
"""


def shell_json(server, code):
    """Run Python in the server's ``manage.py shell``; its last printed line, as JSON."""
    return json.loads(server.manage("shell", "-c", code).strip().splitlines()[-1])


def host_url(server, host):
    """The e2e server under another host name (the demo Sites have the server's port)."""
    return f"http://{host}:{server.port}"


def spanish_date(day):
    return f"{day.day} de {MONTHS[day.month - 1]} de {day.year}"


def log_in(page, base, email):
    page.goto(f"{base}/admin/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=login]) button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


@contextmanager
def signed_in(browser, base, email):
    """A page of a new browser context (its own cookies) with ``email`` logged in to the admin."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-CR")
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        log_in(page, base, email)
        yield page
    finally:
        context.close()


def save_admin_form(page):
    page.locator("footer button.button-longrunning[type=submit]").first.click()


def test_the_regional_observatory_compares_the_countries(e2e_server, page):
    members = shell_json(e2e_server, ACTIVE_MEMBERS)
    assert set(members) == {"Costa Rica", "Ecuador"}, members
    base = host_url(e2e_server, REGIONAL_HOST)

    # 1. The regional home page: both networks, and the way to the observatory.
    page.goto(f"{base}/es/")
    expect(page.locator("h1")).to_contain_text("Iniciativa Regional")
    main = page.locator("main")
    expect(main).to_contain_text("Red de Empresas contra el Trabajo Infantil de Costa Rica")
    expect(main).to_contain_text("Red de Empresas por un Ecuador Libre de Trabajo Infantil")
    page.get_by_role("link", name="Observatorio regional").first.click()
    expect(page.locator("h1")).to_have_text("Observatorio regional")
    screenshot(page, "regional-1-observatory")

    # 2. The comparable indicators: one row per country, the same rules, and the total.
    table = page.locator("table:has(caption:text-is('Indicadores comparables por red'))")
    expect(table).to_be_visible()
    expect(table.locator("thead th").first).to_have_text("Red")  # not "Red social" (home's social link)
    rows = table.locator("tbody tr")
    expect(rows.locator("th")).to_have_text(["Costa Rica", "Ecuador"])
    for name, count in members.items():
        row = rows.filter(has=page.locator("th", has_text=name))
        expect(row.locator("td").first).to_have_text(str(count))
    expect(table.locator("tfoot th")).to_have_text("Todas las redes")
    expect(table.locator("tfoot td").first).to_have_text(str(sum(members.values())))
    # Each country's row leads to its network's own site.
    ecuador = rows.locator("th a", has_text="Ecuador")
    expect(ecuador).to_have_attribute("href", re.compile(rf"^http://{re.escape(ECUADOR_HOST)}:{e2e_server.port}/"))

    # 3. Commitments by acceleration factor, country by country.
    factors = page.locator("table:has(caption:text-is('Compromisos por factor acelerador y red'))")
    expect(factors.locator("thead th")).to_contain_text(["Costa Rica", "Ecuador", "Todas las redes"])

    # 4. A filter keeps both countries side by side.
    page.get_by_label("Área temática", exact=True).select_option(label="Cadena de valor")
    page.get_by_role("button", name="Aplicar filtros").click()
    expect(page).to_have_url(re.compile(r"area=\w+"))
    expect(table.locator("tbody th")).to_have_text(["Costa Rica", "Ecuador"])
    screenshot(page, "regional-2-observatory-filtered")


def test_the_library_lists_both_networks_practices_and_filters_by_factor(e2e_server, page):
    data = shell_json(e2e_server, PRACTICES)
    practices = data["practices"]
    countries = {country for _title, country in practices}
    assert countries == {"Costa Rica", "Ecuador"}, practices
    # A factor some practices of both networks work on, and not every practice.
    by_country = dict(practices)
    factor, titles = next(
        (code, titles)
        for code, titles in sorted(data["factors"].items(), key=lambda item: -len(item[1]))
        if 0 < len(titles) < len(practices) and {by_country[title] for title in titles} == countries
    )
    base = host_url(e2e_server, REGIONAL_HOST)

    page.goto(f"{base}/es/")
    page.get_by_role("link", name="Biblioteca de buenas prácticas").first.click()
    expect(page.locator("h1")).to_have_text("Biblioteca de buenas prácticas")
    cards = page.locator(".practice-cards .card__title")
    expect(page.locator(".practice-count")).to_contain_text(f"{len(practices)} buenas prácticas")
    assert sorted(cards.all_inner_texts()) == sorted(title for title, _country in practices)
    for country in countries:
        expect(page.locator(".practice-cards .card__meta", has_text=country).first).to_be_visible()
    screenshot(page, "regional-3-library")

    # 1. By acceleration factor: exactly the practices working on it, of both networks.
    page.get_by_label("Factor de aceleración", exact=True).select_option(factor)
    page.get_by_role("button", name="Filtrar").click()
    expect(page).to_have_url(re.compile(rf"factor={factor}"))
    expect(page.locator(".practice-count")).to_contain_text(f"{len(titles)} buena")
    assert sorted(cards.all_inner_texts()) == titles
    label = page.get_by_label("Factor de aceleración", exact=True).locator("option:checked").inner_text()
    for card in page.locator(".practice-cards .card").all():
        expect(card).to_contain_text(label)
    screenshot(page, "regional-4-library-by-factor")

    # 2. And by country: Ecuador's only.
    page.get_by_label("País", exact=True).select_option(label="Ecuador")
    page.get_by_role("button", name="Filtrar").click()
    ecuadors = sorted(title for title in titles if by_country[title] == "Ecuador")
    assert sorted(cards.all_inner_texts()) == ecuadors

    # 3. Searched by words of its title, across both networks again.
    wanted = ecuadors[0]
    page.goto(f"{base}/es/buenas-practicas/")
    page.get_by_label("Buscar", exact=True).fill(" ".join(wanted.split()[:3]))
    page.get_by_role("button", name="Filtrar").click()
    expect(page).to_have_url(re.compile(r"q="))
    expect(cards.filter(has_text=wanted)).to_have_count(1)

    # 4. A practice's page: what it is, whose, and never its contact person's address.
    page.get_by_role("link", name=wanted).click()
    expect(page.locator("h1")).to_have_text(wanted)
    expect(page.locator("main")).to_contain_text("Ecuador")
    expect(page.locator("main")).not_to_contain_text("@example.org")


def test_a_demand_and_an_offer_become_an_agreement_followed_on_the_board(e2e_server, browser, page):
    token = uuid.uuid4().hex[:6]
    demand = f"Asistencia técnica en sistemas de monitoreo {token}"
    offer = f"Experiencia de Ecuador en el registro de casos {token}"
    activity = f"Taller virtual sobre el registro de casos {token}"
    today = datetime.date.today()
    start, end, due = today, today + datetime.timedelta(days=180), today + datetime.timedelta(days=30)
    regional = host_url(e2e_server, REGIONAL_HOST)
    board_url = f"{regional}/es/cooperacion/"

    # 1. Costa Rica's secretariat posts a public demand in the admin.
    with signed_in(browser, host_url(e2e_server, COSTA_RICA_HOST), COSTA_RICA_SECRETARIAT) as admin:
        admin.goto(f"{host_url(e2e_server, COSTA_RICA_HOST)}/admin/cooperation/demands/new/")
        admin.fill("#id_title", demand)
        admin.select_option("#id_topic", "monitoring")
        admin.fill("#id_description", "Queremos conocer cómo otra red da seguimiento a los casos detectados.")
        admin.fill("#id_contact_name", "Daniela Rojas Solano")
        admin.fill("#id_contact_email", "daniela.rojas.e2e@example.org")
        admin.check("#id_is_public")
        admin.select_option("#id_state", "open")
        save_admin_form(admin)
        expect(admin.locator(".messages")).to_contain_text(demand)
        listed = admin.locator("main table tbody tr", has_text=demand)
        expect(listed).to_contain_text("Costa Rica")
        expect(listed).to_contain_text("Abierta")
        screenshot(admin, "regional-5-demand-posted")

    # 2. Ecuador's secretariat offers its experience.
    with signed_in(browser, host_url(e2e_server, ECUADOR_HOST), ECUADOR_SECRETARIAT) as admin:
        admin.goto(f"{host_url(e2e_server, ECUADOR_HOST)}/admin/cooperation/offers/new/")
        admin.fill("#id_title", offer)
        admin.select_option("#id_topic", "monitoring")
        admin.fill("#id_description", "El Ministerio del Trabajo comparte su registro de casos y su guía.")
        admin.fill("#id_contact_name", "Paola Andrade Cevallos")
        admin.fill("#id_contact_email", "paola.andrade.e2e@example.org")
        admin.check("#id_is_public")
        save_admin_form(admin)
        expect(admin.locator(".messages")).to_contain_text(offer)
        # Costa Rica's demand is not Ecuador's to see in its admin.
        admin.goto(f"{host_url(e2e_server, ECUADOR_HOST)}/admin/cooperation/demands/")
        expect(admin.locator("main")).not_to_contain_text(demand)

    # 3. Both are on the public board, open, without their contacts.
    page.goto(board_url)
    posts = page.locator("section[aria-labelledby=posts-heading]")
    expect(posts.locator(".card[data-kind=demand]", has_text=demand)).to_contain_text("Costa Rica")
    expect(posts.locator(".card[data-kind=offer]", has_text=offer)).to_contain_text("Ecuador")
    expect(page.locator("main")).not_to_contain_text("e2e@example.org")
    screenshot(page, "regional-6-board-open-posts")

    # 4. The regional staff match them into an agreement, confirm, and add an activity.
    e2e_server.clear_emails()
    with signed_in(browser, regional, REGIONAL_STAFF) as admin:
        admin.goto(f"{regional}/admin/cooperation/board/match/")
        expect(admin.locator("h1")).to_contain_text("Reunir una demanda con ofertas")
        admin.select_option(
            "#id_demand", label=f"{demand} · Costa Rica · Sistemas de seguimiento del trabajo infantil"
        )
        admin.get_by_label(re.compile(re.escape(offer))).check()
        admin.fill("#id_description", "Asistencia técnica de Ecuador a Costa Rica sobre el registro de casos.")
        admin.check("#id_is_public")
        admin.fill("#id_start_date", start.isoformat())
        admin.fill("#id_end_date", end.isoformat())
        admin.get_by_role("button", name="Revisar el acuerdo").click()
        confirm = admin.locator("section.cooperation-confirm")
        expect(confirm).to_contain_text("Costa Rica, Ecuador")
        expect(confirm).to_contain_text(demand)
        expect(confirm).to_contain_text(offer)
        screenshot(admin, "regional-7-match-confirm")
        admin.locator("button[data-action=confirm-match]").click()
        expect(admin.locator(".messages")).to_contain_text(demand)
        expect(admin).to_have_url(re.compile(r"/admin/cooperation/agreements/inspect/\d+/$"))
        agreement_url = admin.url
        expect(admin.locator("main")).to_contain_text("Costa Rica, Ecuador")

        admin.get_by_role("link", name="Agregar una actividad").click()
        admin.fill("#id_title", activity)
        admin.fill("#id_responsible_name", "Paola Andrade Cevallos")
        admin.select_option("#id_responsible_network", label="Ecuador")
        admin.fill("#id_due_date", due.isoformat())
        save_admin_form(admin)
        expect(admin).to_have_url(agreement_url)
        row = admin.locator("main table tbody tr", has_text=activity)
        expect(row).to_contain_text("Ecuador")
        expect(row).to_contain_text("Pendiente")
        screenshot(admin, "regional-8-agreement")

    # Both parties' secretariats were told, with a link to the agreement.
    messages = [each for each in e2e_server.emails() if demand in each or token in each]
    recipients = " ".join(re.findall(r"^To: (.+)$", "\n".join(messages), flags=re.MULTILINE))
    assert "secretaria@costa-rica.example.org" in recipients, messages
    assert "secretaria@ecuador.example.org" in recipients, messages

    # 5. The public board: the agreement with its parties, dates, its activity and its state.
    page.goto(board_url)
    posts = page.locator("section[aria-labelledby=posts-heading]")
    expect(posts).not_to_contain_text(demand)  # matched: no longer open
    expect(posts).not_to_contain_text(offer)
    card = page.locator("section[aria-labelledby=agreements-heading] article[data-agreement]", has_text=demand)
    expect(card).to_have_count(1)
    expect(card).to_contain_text(f"Costa Rica · Ecuador · {spanish_date(start)} – {spanish_date(end)}")
    activity_row = card.locator("tbody tr", has_text=activity)
    expect(activity_row).to_contain_text("Ecuador")
    expect(activity_row).to_contain_text(spanish_date(due))
    expect(activity_row).to_contain_text("Pendiente")
    expect(page.locator("main")).not_to_contain_text("Paola Andrade")  # no people's names in public
    screenshot(page, "regional-9-board-agreement")
    page.get_by_label("Estado", exact=True).select_option("in_progress")
    page.get_by_role("button", name="Filtrar").click()
    expect(page.locator("article[data-agreement]", has_text=demand)).to_have_count(1)
    page.get_by_label("Estado", exact=True).select_option("done")
    page.get_by_role("button", name="Filtrar").click()
    expect(page.locator("article[data-agreement]", has_text=demand)).to_have_count(0)

    # 6. Follow-up: Ecuador, responsible for the activity, reports it under way; the regional
    # staff close it; the board shows the agreement completed.
    with signed_in(browser, host_url(e2e_server, ECUADOR_HOST), ECUADOR_SECRETARIAT) as admin:
        admin.goto(f"{host_url(e2e_server, ECUADOR_HOST)}{urlsplit(agreement_url).path}")
        admin.locator("main table tbody tr", has_text=activity).get_by_role("link", name="Agregar una nota").click()
        admin.select_option("#id_status", "in_progress")
        admin.fill("#id_comment", "El taller está convocado para las dos redes.")
        admin.get_by_role("button", name="Agregar la nota").click()
        expect(admin.locator(".messages")).to_contain_text("nota")
        expect(admin.locator("main")).to_contain_text("El taller está convocado")
    with signed_in(browser, regional, REGIONAL_STAFF) as admin:
        admin.goto(agreement_url)
        admin.locator("main table tbody tr", has_text=activity).get_by_role("link", name=activity).click()
        admin.select_option("#id_status", "done")
        admin.fill("#id_comment", "Taller realizado; Costa Rica recibió la guía del registro.")
        admin.get_by_role("button", name="Agregar la nota").click()
        expect(admin.locator("main")).to_contain_text("Taller realizado")

    page.goto(f"{board_url}?state=done")
    card = page.locator("article[data-agreement]", has_text=demand)
    expect(card).to_have_count(1)
    expect(card.locator("tbody tr", has_text=activity)).to_contain_text("Hecha")
    screenshot(page, "regional-10-board-done")
    page.goto(f"{board_url}?state=in_progress")
    expect(page.locator("article[data-agreement]", has_text=demand)).to_have_count(0)


@pytest.mark.parametrize("path", ["/es/buenas-practicas/", "/es/cooperacion/"])
def test_the_regional_pages_switch_to_english(e2e_server, page, path):
    """The language switch of the library and of the board leads to an English page (not a 404)."""
    base = host_url(e2e_server, REGIONAL_HOST)
    page.goto(f"{base}{path}")
    english = page.get_by_role("navigation", name="Idioma").get_by_role("link", name="English")
    response = page.goto(f"{base}{english.get_attribute('href')}")
    assert response.status == 200, page.url
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_the_regional_news_feed_links_work(e2e_server, page):
    """The regional site's footer links a feed of every network's news: each item opens (on its network's host)."""
    base = host_url(e2e_server, REGIONAL_HOST)
    page.goto(f"{base}/es/")
    feed = page.evaluate("url => fetch(url).then(response => response.text())", "/es/feeds/news/rss/")
    links = re.findall(r"<item>.*?<link>(.*?)</link>", feed, flags=re.DOTALL)
    for link in links:
        response = page.goto(link)
        assert response.status == 200, link


#: The agreement e-mails of the demo's agreement, sent as the regional site sends them (every network).
NOTIFY_PARTIES = """
from cooperation.matching import notify_parties
from cooperation.models import CooperationAgreement
from network_site.networks import across
with across(None):
    agreement = CooperationAgreement.objects.filter(demand__isnull=False).order_by("pk").first()
    notify_parties(agreement, agreement.demand, list(agreement.offers.all()), list(agreement.networks.all()))
print(agreement.pk)
"""


def test_the_agreement_e_mails_are_not_signed_by_costa_rica(e2e_server):
    e2e_server.clear_emails()
    e2e_server.manage("shell", "-c", NOTIFY_PARTIES)
    to_ecuador = [each for each in e2e_server.emails() if "To: secretaria@ecuador.example.org" in each]
    assert to_ecuador, e2e_server.emails()
    last_line = [line for line in to_ecuador[-1].strip().splitlines() if line.strip()][-1]
    assert last_line.strip() != "Red de Empresas contra el Trabajo Infantil", to_ecuador[-1]
