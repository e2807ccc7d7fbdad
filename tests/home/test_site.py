"""Site-wide behaviour: layout, settings, language switch, search, sitemap, robots, errors."""

import json

import pytest
from defusedxml import ElementTree as ET

from django.template import loader

from wagtail.models import Site

from home.models import HomePage, SiteSettings

from .factories import (
    DocumentFactory,
    DocumentLibraryPageFactory,
    NewsPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def about(home_page):
    return StandardPageFactory(parent=home_page, title="Quiénes somos", slug="quienes-somos", show_in_menus=True)


@pytest.fixture
def about_en(about, english):
    home_en = home_page_en(about.get_parent().specific, english)
    translated = about.copy_for_translation(english)
    translated.title = "About us"
    translated.slug = "about-us"
    translated.save_revision().publish()
    assert home_en.pk != about.get_parent().pk
    return translated


def home_page_en(home, english):
    existing = home.get_translation_or_none(english)
    if existing:
        return existing.specific
    translated = home.copy_for_translation(english)
    translated.title = "Home"
    translated.hero_title = "Business Network against Child Labour"
    translated.save_revision().publish()
    return translated


def test_home_page_renders_hero_key_figures_latest_news_and_call_to_join(client, home_page, news_index):
    NewsPageFactory(parent=news_index, title="La noticia más reciente")
    html = client.get("/es/").content.decode()
    assert '<h1 id="hero-title">Red de Empresas contra el Trabajo Infantil</h1>' in html
    assert "La noticia más reciente" in html
    assert 'class="key-figure__value">1<' in html  # one news item published (home's own figure)
    assert "Únase a la Red" in html and 'href="/es/unase/"' in html
    assert f'href="{news_index.url}"' in html


def test_key_figures_come_from_every_apps_hook(rf, home_page):
    from wagtail import hooks

    from network_site.hooks import HOME_KEY_FIGURES, KeyFigure

    def figure(request):
        return [KeyFigure(label="Compromisos", value=1234, order=1)]

    with hooks.register_temporarily(HOME_KEY_FIGURES, figure):
        figures = home_page.get_key_figures(rf.get("/es/"))
    assert figures[0] == {"label": "Compromisos", "value": 1234, "help_text": ""}
    assert any(item["label"] for item in figures[1:])


def test_layout_has_skip_link_landmarks_and_feeds(client, home_page):
    html = client.get("/es/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html
    assert '<html lang="es">' in html
    # Canonical addresses are on BASE_URL (http://testserver in tests), not the Site record's host.
    assert '<link rel="canonical" href="http://testserver/es/">' in html
    assert 'property="og:title"' in html and 'property="og:url" content="http://testserver/es/"' in html


def test_menu_lists_pages_shown_in_menus_when_the_setting_is_empty(client, about):
    StandardPageFactory(parent=about.get_parent(), title="Oculta", show_in_menus=False)
    html = client.get("/es/").content.decode()
    nav = html.split('class="main-nav"')[1].split("</nav>")[0]
    assert "Quiénes somos" in nav and "Oculta" not in nav


def test_menu_footer_and_social_links_come_from_site_settings(client, about, news_index):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.site_name = "Red de Prueba"
    settings.main_menu = [
        ("page", {"page": news_index, "label": "Actualidad"}),
        ("link", {"url": "/portal/", "label": "Portal"}),
    ]
    settings.footer_links = [("page", {"page": about, "label": ""})]
    settings.social_links = [("link", {"network": "linkedin", "url": "https://www.linkedin.com/red"})]
    settings.footer_text = "Secretaría: MTSS"
    settings.contact_email = "red@example.org"
    settings.save()
    html = client.get(news_index.url).content.decode()
    nav = html.split('class="main-nav"')[1].split("</nav>")[0]
    assert f'<a href="{news_index.url}" aria-current="page">Actualidad</a>' in nav
    assert '<a href="/portal/">Portal</a>' in nav
    assert "Quiénes somos" not in nav  # the setting replaces the automatic menu
    footer = html.split("<footer")[1]
    assert "Red de Prueba" in footer and "Secretaría: MTSS" in footer and "red@example.org" in footer
    assert f'<a href="{about.url}">Quiénes somos</a>' in footer
    assert '<a href="https://www.linkedin.com/red" rel="noopener">LinkedIn</a>' in footer
    assert "<title>Noticias · Red de Prueba</title>" in html


def test_language_switch_goes_to_the_translation_when_there_is_one(client, about_en):
    html = client.get("/es/quienes-somos/").content.decode()
    assert 'href="/en/about-us/" hreflang="en"' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/about-us/">' in html
    english = client.get("/en/about-us/")
    assert english.status_code == 200
    assert '<html lang="en">' in english.content.decode() and "About us" in english.content.decode()
    assert 'href="/es/quienes-somos/" hreflang="es"' in english.content.decode()


def test_language_switch_keeps_an_untranslated_page_in_the_other_interface_language(client, news_index, english):
    news = NewsPageFactory(parent=news_index, title="Solo en español", slug="solo-en-espanol")
    home_page_en(news_index.get_parent().specific, english)
    html = client.get(news.url).content.decode()
    assert 'href="/en/noticias/solo-en-espanol/" hreflang="en"' in html
    english_view = client.get("/en/noticias/solo-en-espanol/")
    assert english_view.status_code == 200
    english_html = english_view.content.decode()
    assert '<html lang="en">' in english_html and "Solo en español" in english_html
    assert "Skip to main content" in english_html  # the interface is in English
    assert '<link rel="canonical" href="http://testserver/es/noticias/solo-en-espanol/">' in english_html
    assert client.get("/en/noticias/no-existe/").status_code == 404


def test_search_finds_pages_and_handles_bad_paging(client, news_index):
    NewsPageFactory(parent=news_index, title="El SIMETI de El Salvador", summary="Sistema de monitoreo.")
    NewsPageFactory(parent=news_index, title="Otra noticia", summary="Nada que ver.")
    response = client.get("/es/search/", {"q": "SIMETI"})
    assert response.status_code == 200
    titles = [result.title for result in response.context["results"]]
    assert titles == ["El SIMETI de El Salvador"]
    for page in ("abc", "0", "99999"):
        assert client.get("/es/search/", {"q": "SIMETI", "page": page}).status_code == 200
    empty = client.get("/es/search/")
    assert empty.status_code == 200 and empty.context["results"] == []


def test_search_does_not_show_unpublished_pages(client, news_index):
    draft = NewsPageFactory(parent=news_index, title="Borrador secreto SIMETI")
    draft.unpublish()
    assert list(client.get("/es/search/", {"q": "secreto"}).context["results"]) == []


def test_sitemap_lists_live_pages_of_every_language(client, about_en, news_index):
    news = NewsPageFactory(parent=news_index, slug="una-noticia")
    draft = NewsPageFactory(parent=news_index, slug="borrador")
    draft.unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {node.text for node in ET.fromstring(response.content).iter(f"{SITEMAP}loc")}
    assert "http://testserver/es/" in locations
    assert "http://testserver/en/about-us/" in locations
    assert f"http://testserver{news.url}" in locations
    assert not any("borrador" in location for location in locations)


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Disallow: /admin/" in text and "Disallow: /portal/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}


def test_404_is_in_the_sites_look(client, home_page):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="site-header"' in html and "site-footer" in html
    assert 'action="/es/search/"' in html


def test_500_template_needs_no_database_nor_context(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert "Algo salió mal" in html and 'class="site-header"' in html


def test_500_handler_answers_in_the_sites_look(rf):
    from network_site.views import server_error

    response = server_error(rf.get("/es/"))
    assert response.status_code == 500
    assert "Algo salió mal" in response.content.decode()


def test_document_library_filters_by_tag_and_search_and_pages(client, home_page):
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    public = root.add_child(name="Públicos")
    other = root.add_child(name="Internos")
    library = DocumentLibraryPageFactory(parent=home_page, collection=public)
    DocumentFactory(title="Sistematización 2017", collection=public, tags=["intercambio"])
    DocumentFactory(title="Acuerdo de adhesión", collection=public, tags=["compromiso"])
    DocumentFactory(title="Documento interno", collection=other, tags=["intercambio"])

    def titles(**params):
        response = client.get(library.url, params)
        assert response.status_code == 200
        return sorted(document.title for document in response.context["documents"])

    assert titles() == ["Acuerdo de adhesión", "Sistematización 2017"]
    assert titles(tag="intercambio") == ["Sistematización 2017"]
    assert titles(q="acuerdo") == ["Acuerdo de adhesión"]
    assert titles(tag="no-existe") == []
    assert titles(page="abc") == titles(page="99999") == ["Acuerdo de adhesión", "Sistematización 2017"]
    html = client.get(library.url).content.decode()
    assert "Documento interno" not in html and "TXT" in html


def test_document_library_never_lists_a_restricted_collections_documents(client, home_page):
    """A library of every document leaves out those of a collection (or sub-collection) that is
    restricted to logged-in users: their titles and tags are not public."""
    from wagtail.models import Collection
    from wagtail.models.view_restrictions import BaseViewRestriction

    root = Collection.get_first_root_node()
    reserved = root.add_child(name="Reservado")
    reserved.view_restrictions.create(restriction_type=BaseViewRestriction.LOGIN)
    below = reserved.add_child(name="Actas internas")
    library = DocumentLibraryPageFactory(parent=home_page)  # every collection
    DocumentFactory(title="Estudio público", collection=root.add_child(name="Públicos"))
    DocumentFactory(title="Informe reservado", collection=reserved, tags=["reservado"])
    DocumentFactory(title="Acta interna", collection=below)
    response = client.get(library.url)
    assert sorted(document.title for document in response.context["documents"]) == ["Estudio público"]
    html = response.content.decode()
    assert "Informe reservado" not in html and "Acta interna" not in html and "reservado" not in html


def test_standard_page_renders_its_blocks(client, home_page):
    page = StandardPageFactory(
        parent=home_page,
        title="La Iniciativa Regional",
        body=[
            ("heading", {"text": "Factores de aceleración", "level": "h2"}),
            ("quote", {"quote": "Sin articulación no hay sistema.", "attribution": "Intercambio 2017"}),
            (
                "table",
                {
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Factores",
                    "data": [["N.º", "Factor"], ["1", "Educación"]],
                },
            ),
            (
                "call_to_action",
                {
                    "title": "Únase",
                    "text": "",
                    "button_label": "Quiero unirme",
                    "url": "https://example.org/",
                    "page": None,
                },
            ),
        ],
    )
    html = client.get(page.url).content.decode()
    assert '<h2 id="factores-de-aceleracion" class="section-heading">Factores de aceleración</h2>' in html
    assert "<blockquote><p>Sin articulación no hay sistema.</p></blockquote>" in html
    assert "<caption>Factores</caption>" in html and '<th scope="col">Factor</th>' in html
    assert 'href="https://example.org/">Quiero unirme</a>' in html


def test_home_page_without_welcome_page_is_root(home_page):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)


def test_admin_edits_every_page_type_and_the_site_settings(client, home_page, news_index):
    from tests.network_site.factories import StaffUserFactory

    client.force_login(StaffUserFactory(email="editora@example.org"))
    pages = [
        home_page,
        news_index,
        NewsPageFactory(parent=news_index),
        StandardPageFactory(parent=home_page),
        DocumentLibraryPageFactory(parent=home_page),
    ]
    for page in pages:
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200, page
    site = Site.objects.get(is_default_site=True)
    assert client.get(f"/admin/settings/home/sitesettings/{site.pk}/").status_code == 200
    assert client.get("/admin/snippets/home/newscategory/").status_code == 200


# --- Absolute links from one place (network_site.links, settings.BASE_URL) ----------------------


ORIGIN = "https://red.example.org:8443"


def test_canonical_hreflang_and_share_links_use_base_url(client, about_en, settings):
    settings.BASE_URL = ORIGIN
    html = client.get("/es/quienes-somos/", HTTP_HOST="localhost").content.decode()
    assert f'<link rel="canonical" href="{ORIGIN}/es/quienes-somos/">' in html
    assert f'<link rel="alternate" hreflang="en" href="{ORIGIN}/en/about-us/">' in html
    assert f'<link rel="alternate" hreflang="es" href="{ORIGIN}/es/quienes-somos/">' in html
    assert "http://localhost" not in html and "http://testserver" not in html


def test_sitemap_and_robots_use_base_url(client, about_en, news_index, settings):
    settings.BASE_URL = ORIGIN
    news = NewsPageFactory(parent=news_index, slug="una-noticia")
    locations = {node.text for node in ET.fromstring(client.get("/sitemap.xml").content).iter(f"{SITEMAP}loc")}
    assert {f"{ORIGIN}/es/", f"{ORIGIN}/en/about-us/", f"{ORIGIN}{news.url}"} <= locations
    assert all(location.startswith(ORIGIN + "/") for location in locations)
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_feed_ids_and_links_use_base_url(client, news_index, settings):
    settings.BASE_URL = ORIGIN
    news = NewsPageFactory(parent=news_index, slug="una-noticia")
    rss = ET.fromstring(client.get("/es/feeds/news/rss/").content)
    assert rss.find("channel").findtext("link") == f"{ORIGIN}/es/"
    item = rss.find("channel").find("item")
    assert item.findtext("link") == item.findtext("guid") == f"{ORIGIN}{news.url}"
    atom = ET.fromstring(client.get("/es/feeds/news/atom/").content)
    namespace = "{http://www.w3.org/2005/Atom}"
    assert atom.findtext(f"{namespace}id") == f"{ORIGIN}/es/"
    assert atom.find(f"{namespace}link[@rel='self']").get("href") == f"{ORIGIN}/es/feeds/news/atom/"
    entry = atom.find(f"{namespace}entry")
    assert entry.findtext(f"{namespace}id") == f"{ORIGIN}{news.url}"
    assert entry.find(f"{namespace}link").get("href") == f"{ORIGIN}{news.url}"
