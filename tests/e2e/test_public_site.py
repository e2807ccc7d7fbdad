"""The public site in a real browser (journey 1): home page, a news item and its tag, the feed, the
search, the member directory and a profile, the observatory's downloads, the language switch."""

import re
from xml.etree import ElementTree

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e


def test_home_page_shows_the_network_its_figures_and_latest_news(e2e_server, page):
    page.goto(f"{e2e_server.url}/es/")
    expect(page.locator("h1")).to_contain_text("Red de Empresas contra el Trabajo Infantil")
    expect(page.get_by_role("heading", name="Últimas noticias")).to_be_visible()
    expect(page.locator(".key-figure").first).to_be_visible()
    expect(page.locator(".card").first).to_be_visible()
    expect(page.get_by_role("navigation", name="Menú principal")).to_contain_text("Quiénes somos")
    screenshot(page, "public-home")


def test_reader_opens_a_news_item_and_follows_its_tag(e2e_server, page):
    page.goto(f"{e2e_server.url}/es/noticias/")
    page.get_by_role("link", name=re.compile("Costa Rica, Chile y El Salvador intercambian")).click()
    expect(page.locator("h1")).to_contain_text("Costa Rica, Chile y El Salvador intercambian experiencias")
    expect(page.locator(".lead-image img")).to_have_attribute("alt", re.compile("Ilustración"))
    screenshot(page, "public-news-item")
    page.locator(".tag-list").get_by_role("link", name="Chile").click()
    expect(page.locator(".filter-summary")).to_contain_text("Chile")
    expect(page.locator(".card").first).to_be_visible()


def test_search_finds_the_simeti(e2e_server, page):
    page.goto(f"{e2e_server.url}/es/")
    page.locator("#site-search-q").fill("SIMETI")
    page.locator("#site-search-q").press("Enter")
    expect(page.locator(".search-results")).to_contain_text("SIMETI")
    screenshot(page, "public-search")


def test_language_switch_stays_on_the_same_page(e2e_server, page):
    page.goto(f"{e2e_server.url}/es/quienes-somos/iniciativa-regional/")
    expect(page.locator("h1")).to_have_text("La Iniciativa Regional")
    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="English").click()
    expect(page.locator("h1")).to_have_text("The Regional Initiative")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    screenshot(page, "public-language-switch")
    # A news item with no translation stays the same item, with the interface in English.
    page.goto(f"{e2e_server.url}/es/noticias/simeti-el-salvador/")
    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="English").click()
    expect(page.locator("h1")).to_contain_text("SIMETI")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_attached()


def test_reader_browses_the_directory_by_sector_and_opens_a_member(e2e_server, page):
    """Journey 1: the directory filtered by sector, a member's profile with its public commitments."""
    page.goto(f"{e2e_server.url}/es/")
    page.get_by_role("navigation", name="Menú principal").get_by_role("link", name="Miembros de la Red").click()
    expect(page.locator("h1")).to_have_text("Miembros de la Red")
    page.get_by_label("Sector").select_option("agroindustry")
    page.get_by_role("button", name="Filtrar").click()
    expect(page).to_have_url(re.compile(r"sector=agroindustry"))
    page.get_by_role("link", name=re.compile("Nestlé")).first.click()
    expect(page.locator("h1")).to_have_text("Nestlé Costa Rica")
    facts = page.locator(".member-profile__facts")
    expect(facts).to_contain_text("Miembro desde")
    expect(facts).to_contain_text("Agroindustria")
    expect(page.locator(".member-profile__description")).to_contain_text("cadena de suministro")
    commitments = page.get_by_role("region", name="Compromisos públicos")
    expect(commitments.locator(".card").first).to_be_visible()
    expect(commitments).to_contain_text("Último avance aprobado")
    screenshot(page, "public-1-member-profile")


def test_reader_subscribes_to_the_news_feed(e2e_server, page):
    """Journey 1: the feed link on the news page gives a real feed of the latest news."""
    page.goto(f"{e2e_server.url}/es/noticias/")
    href = page.locator(".feed-links").get_by_role("link", name="RSS").get_attribute("href")
    response = page.request.get(f"{e2e_server.url}{href}")
    assert response.status == 200
    assert "xml" in response.headers["content-type"]
    feed = ElementTree.fromstring(response.body())  # noqa: S314 (our own feed)
    titles = [item.findtext("title") for item in feed.iter("item")]
    assert any("Costa Rica, Chile y El Salvador intercambian" in title for title in titles)
    expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).to_have_count(1)


def test_reader_downloads_the_observatory_csv_and_reads_the_data_dictionary(e2e_server, page):
    """Journey 1: the observatory's download links are real files, and the dictionary explains them."""
    page.goto(f"{e2e_server.url}/es/observatorio/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Lista de compromisos públicos (CSV)").click()
    header = download.value.path().read_text(encoding="utf-8-sig").splitlines()[0]
    assert "reference" in header
    page.get_by_role("link", name="Diccionario de datos").click()
    expect(page.locator("h1")).to_contain_text("diccionario de datos")
    expect(page.locator("main")).to_contain_text("reference")
