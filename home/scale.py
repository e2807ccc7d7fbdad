"""Scale data of the public site: the home page and news pages (see network_site.scale_data).

News pages are inserted directly into Wagtail's tree (paths computed like treebeard's
`add_child`, without one save per page); they are not in the search index until
`manage.py update_index`.
"""

import datetime
import uuid

from taggit.models import Tag

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from network_site.scale_data import aware

from .models import HomePage, NewsCategory, NewsIndexPage, NewsPage, NewsPageTag

SIZES = {"tiny": {"news": 6}, "national": {"news": 500}, "regional": {"news": 5_000}}
NEWS_TOPICS = [
    ("La Red se reúne con el Ministerio de Trabajo", "reunión ordinaria"),
    ("Nuevas empresas se adhieren al compromiso", "adhesiones"),
    ("Conversatorio sobre cadenas de valor libres de trabajo infantil", "cadena de valor"),
    ("Resultados del observatorio del trimestre", "observatorio"),
    ("Jornada de sensibilización en la zona de cosecha", "sensibilización"),
    ("Intercambio de experiencias con redes de la región", "cooperación Sur-Sur"),
    ("Día Mundial contra el Trabajo Infantil", "12 de junio"),
    ("Becas escolares entregadas por empresas de la Red", "educación"),
    ("Taller de autoevaluación para proveedores", "autoevaluación"),
    ("Alianza con organismos internacionales", "alianzas"),
]
TAGS = [
    "trabajo infantil", "cadena de valor", "educación", "meta 8.7", "OIT", "UNICEF", "PANI", "MTSS",
    "Iniciativa Regional", "sensibilización", "cosecha", "empleo juvenil", "observatorio", "autoevaluación",
    "adolescentes", "migración", "agricultura", "turismo", "becas", "buenas prácticas",
]  # fmt: skip


def generate(run):
    with run.step("pages"):
        news_index = ensure_pages(run)
    with run.step("news"):
        make_news(run, news_index)


def ensure_pages(run):
    """The home page (the default site's root) and the news index; the demo's are reused when present."""
    locale = Locale.get_default()
    site = run.site or Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = run.pages(HomePage).order_by("path").first() if site is not None else None
    if home is None and (site is None or site.is_default_site):
        # A home page no other Site answers with (another network's).
        others = Site.objects.exclude(pk=getattr(site, "pk", None)).values("root_page_id")
        home = HomePage.objects.filter(locale=locale).exclude(pk__in=others).order_by("path").first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="Red de Empresas contra el Trabajo Infantil",
                slug="inicio",
                hero_title="Empresas unidas contra el trabajo infantil",
                locale=locale,
            )
        )
        run.stdout.write("  created the home page")
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk and not isinstance(site.root_page.specific, HomePage):
        site.root_page = home
        site.save()
    run.site = Site.objects.select_related("root_page").get(pk=site.pk) if site is not None else None
    return run.ensure_page(NewsIndexPage, title="Noticias", slug="noticias")


def make_news(run, parent):
    """News pages inserted straight into the tree: paths computed as treebeard does, in bulk."""
    total, rng = run.sizes["news"], run.rng
    if parent is None or not total:
        return
    categories = list(NewsCategory.objects.all())
    if not categories:
        categories = [
            NewsCategory.objects.create(name=name, slug=slugify(name))
            for name in ("Eventos", "Alianzas", "Institucional")
        ]
    tags = [Tag.objects.get_or_create(name=name)[0] for name in TAGS]
    images = list(get_image_model().objects.values_list("pk", flat=True)) or [None]
    content_type = ContentType.objects.get_for_model(NewsPage)
    last = parent.get_last_child()
    next_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    depth = parent.depth + 1
    existing = set(parent.get_children().values_list("slug", flat=True))
    run_tag = len(existing)  # a new set of slugs on every run
    now = timezone.now()
    progress = run.progress("news pages", total)
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    news_fields = NewsPage._meta.local_concrete_fields
    for chunk_start in range(0, total, run.batch):
        count = min(run.batch, total - chunk_start)
        pages = []
        for offset in range(count):
            number = chunk_start + offset
            topic, keyword = rng.choice(NEWS_TOPICS)
            day = run.today - datetime.timedelta(days=rng.randint(0, 3650))
            title = f"{topic} ({day:%d/%m/%Y})"
            slug = f"{slugify(topic)[:50]}-{run_tag}-{number + 1}"
            while slug in existing:
                slug += "-x"
            existing.add(slug)
            published = aware(day, hour=10)
            page = NewsPage(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
                path=Page._get_path(parent.path, depth, next_step + number),
                depth=depth,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=min(published, now),
                last_published_at=min(published, now),
                date=day,
                lead_image_id=rng.choice(images),
                summary=(
                    f"{topic}: la Red de Empresas contra el Trabajo Infantil informa sobre {keyword} "
                    "y los próximos pasos acordados con la Secretaría Técnica."
                ),
                body=[
                    (
                        "paragraph",
                        RichText(
                            f"<p>{topic}. Las empresas miembros compartieron avances sobre {keyword}.</p>"
                            "<p>La Secretaría Técnica del Ministerio de Trabajo recordó los plazos de los "
                            "informes trimestrales y el calendario de las próximas reuniones.</p>"
                        ),
                    )
                ],
            )
            pages.append(page)
        base_rows = [Page(**{f.attname: getattr(p, f.attname) for f in page_fields}) for p in pages]
        Page.objects.bulk_create(base_rows, batch_size=run.batch)
        if base_rows[0].pk is None:
            ids = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk"))
            for row in base_rows:
                row.pk = ids[row.path]
        for page, row in zip(pages, base_rows, strict=True):
            page.page_ptr_id = page.id = row.pk
        # The child table of a multi-table model: what Model.save() does for one row, for many.
        NewsPage._base_manager._insert(pages, fields=news_fields, using=connection.alias)
        NewsPageTag.objects.bulk_create(
            [NewsPageTag(content_object_id=page.pk, tag_id=tag.pk) for page in pages for tag in rng.sample(tags, 2)],
            batch_size=run.batch,
        )
        through = NewsPage.categories.through
        NewsPage.categories.through.objects.bulk_create(
            [through(newspage_id=page.pk, newscategory_id=rng.choice(categories).pk) for page in pages],
            batch_size=run.batch,
        )
        progress.add(count)
    # (Not parent.get_children(): treebeard answers "none" for a node it believes is a leaf.)
    children = Page.objects.filter(path__startswith=parent.path, depth=depth).count()
    Page.objects.filter(pk=parent.pk).update(numchild=children)
