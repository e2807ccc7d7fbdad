"""News index and news pages: order, paging bounds, filters, feeds."""

import datetime

import pytest
from defusedxml import ElementTree as ET

from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import NEWS_PER_PAGE

from .factories import NewsCategoryFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def titles_in(response):
    return [item["title"] for item in response.context["news"]]


@pytest.fixture
def many_news(news_index):
    start = datetime.date(2017, 1, 1)
    return [
        NewsPageFactory(parent=news_index, title=f"Noticia {n:02d}", date=start + datetime.timedelta(days=n))
        for n in range(NEWS_PER_PAGE + 3)
    ]


def test_news_index_lists_newest_first_and_paginates(client, news_index, many_news):
    response = client.get(news_index.url)
    assert response.status_code == 200
    newest = f"Noticia {NEWS_PER_PAGE + 2:02d}"
    assert titles_in(response)[0] == newest
    assert len(titles_in(response)) == NEWS_PER_PAGE
    second = client.get(news_index.url + "?page=2")
    assert titles_in(second) == ["Noticia 02", "Noticia 01", "Noticia 00"]
    assert news_index.url.startswith("/es/")  # the Spanish tree: the page speaks Spanish
    assert "Página 2 de 2" in second.content.decode()


@pytest.mark.parametrize(
    ("value", "expected_page"),
    [("abc", 1), ("0", 2), ("-1", 2), ("99999", 2), ("", 1), ("1.5", 1), ("2", 2)],
)
def test_news_index_page_parameter_never_errors(client, news_index, many_news, value, expected_page):
    response = client.get(news_index.url, {"page": value})
    assert response.status_code == 200
    assert response.context["page_obj"].number == expected_page


def test_news_index_filters_by_tag_and_category(client, news_index):
    events = NewsCategoryFactory(name="Eventos", slug="eventos")
    NewsCategoryFactory(name="Alianzas", slug="alianzas")
    NewsPageFactory(parent=news_index, title="Intercambio con Chile", tags=["Chile"], categories=[events])
    NewsPageFactory(parent=news_index, title="SIMETI en El Salvador", tags=["El Salvador"])
    assert titles_in(client.get(news_index.url, {"tag": "chile"})) == ["Intercambio con Chile"]
    assert titles_in(client.get(news_index.url, {"category": "eventos"})) == ["Intercambio con Chile"]
    assert titles_in(client.get(news_index.url, {"category": "alianzas"})) == []
    assert titles_in(client.get(news_index.url, {"tag": "el-salvador", "category": "eventos"})) == []
    unknown = client.get(news_index.url, {"tag": "no-existe"})
    assert unknown.status_code == 200 and titles_in(unknown) == []
    html = client.get(news_index.url, {"tag": "chile"}).content.decode()
    assert "?category=eventos" in html  # the category list links to the filter


def test_unpublished_news_are_not_listed(client, news_index):
    NewsPageFactory(parent=news_index, title="Publicada")
    draft = NewsPageFactory(parent=news_index, title="Borrador")
    draft.unpublish()
    assert titles_in(client.get(news_index.url)) == ["Publicada"]
    assert client.get(draft.url or "/es/noticias/borrador/").status_code == 404


def test_news_page_renders_its_content(client, news_index):
    category = NewsCategoryFactory(name="Eventos", slug="eventos")
    news = NewsPageFactory(
        parent=news_index,
        title="Firma en Casa Presidencial",
        summary="Las empresas firmaron su compromiso.",
        tags=["compromiso"],
        categories=[category],
        body=[("paragraph", "<p>Texto del cuerpo de la noticia.</p>")],
    )
    related = NewsPageFactory(parent=news_index, title="Otra sobre el compromiso", tags=["compromiso"])
    response = client.get(news.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Firma en Casa Presidencial</h1>" in html
    assert "Las empresas firmaron su compromiso." in html
    assert "Texto del cuerpo de la noticia." in html
    assert f'href="{news_index.url}?tag=compromiso"' in html
    assert f'href="{news_index.url}?category=eventos"' in html
    assert related.title in html
    assert 'property="og:type" content="article"' in html
    assert ".webp" in html  # the lead image is a WebP rendition
    assert f'alt="{news.lead_image.description}"' in html


def test_rss_feed_contains_the_latest_news(client, news_index, many_news):
    response = client.get("/es/feeds/news/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert items[0].findtext("title") == f"Noticia {NEWS_PER_PAGE + 2:02d}"
    assert items[0].findtext("link").startswith("http://testserver/es/noticias/")
    assert items[0].findtext("description") == many_news[-1].summary
    assert len(items) == len(many_news)


def test_atom_feed_contains_the_latest_news(client, news_index, many_news):
    response = client.get("/es/feeds/news/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert entries[0].findtext(f"{ATOM}title") == f"Noticia {NEWS_PER_PAGE + 2:02d}"
    assert entries[0].find(f"{ATOM}link").get("href").startswith("http://testserver/es/noticias/")
    assert len(entries) == len(many_news)


def test_every_page_links_the_feeds_in_its_head(client, news_index):
    html = client.get(news_index.url).content.decode()
    head = html.split("</head>")[0]
    assert 'type="application/rss+xml"' in head and 'href="/es/feeds/news/rss/"' in head
    assert 'type="application/atom+xml"' in head and 'href="/es/feeds/news/atom/"' in head


def count_queries(client, url):
    # The first views create the renditions and the site settings; measure the steady state.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("which", ["news index", "home page", "news page", "news index page 2"])
def test_public_pages_run_a_fixed_small_number_of_queries(client, home_page, news_index, which):
    category = NewsCategoryFactory(name="Eventos", slug="eventos")
    first = NewsPageFactory(parent=news_index, tags=["común"], categories=[category])
    for n in range(2):
        NewsPageFactory(parent=news_index, tags=[f"tema {n}", "común"], categories=[category])
    url = {
        "news index": news_index.url,
        "home page": home_page.url,
        "news page": first.url,
        "news index page 2": news_index.url + "?page=2",
    }[which]
    small = count_queries(client, url)
    for n in range(2, 2 + 2 * NEWS_PER_PAGE):
        NewsPageFactory(parent=news_index, tags=[f"tema {n}", "común"], categories=[category])
    large = count_queries(client, url)
    assert small == large
    assert large <= 12
