"""The public site in a real browser: home page, a news item, the search, the language switch."""

import re

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
