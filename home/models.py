"""The public site's pages, news categories and site settings."""

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from network_site.caching import cached, listing_page, rendition_data
from network_site.hooks import HOME_KEY_FIGURES
from network_site.models import NetworkOwnedModel
from network_site.networks import current_network, scoped_manager
from network_site.pages import in_current_site, live_page
from network_site.routing import RememberedPageMixin, restricted_paths

from .blocks import RICH_TEXT_FEATURES, ContentStreamBlock, LinkStreamBlock, SocialLinkBlock

#: Renditions used by listings; fetched in bulk with ``prefetch_renditions``.
CARD_IMAGE = "fill-640x360|format-webp"
LEAD_IMAGE = "fill-1200x675|format-webp"
NEWS_PER_PAGE = 10
DOCUMENTS_PER_PAGE = 20


def get_page_number(request):
    """The requested page number as given; Paginator.get_page() falls back on bad values."""
    return request.GET.get("page") or 1


def public_pages(queryset):
    """Like ``PageQuerySet.public()``, with the restricted sections read from a cache.

    Wagtail's ``public()`` queries the view restrictions every time; they change rarely and
    any change moves the cache generation on (see network_site.routing).
    """
    for path in restricted_paths():
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def news_queryset():
    """Live, public news with what a card shows fetched in a fixed number of queries."""
    return public_pages(
        in_current_site(NewsPage.objects.live())
        .select_related("locale")
        .prefetch_related(
            Prefetch("lead_image", queryset=get_image_model().objects.prefetch_renditions(CARD_IMAGE)),
        )
        .order_by("-date", "-first_published_at", "-pk")
    )


def card_data(news, request=None):
    """A news card as plain data (cacheable): title, url, date, summary and its image rendition."""
    return {
        "title": news.title,
        "url": news.get_url(request=request),
        "date": news.date,
        "summary": news.summary,
        "rendition": rendition_data(news.lead_image, CARD_IMAGE),
    }


def news_for_language(language_code):
    """News in this language; when it has none (untranslated news), the default language's news."""
    queryset = news_queryset()
    localized = queryset.filter(locale__language_code=language_code)
    if language_code == settings.LANGUAGE_CODE or localized.exists():
        return localized
    return queryset.filter(locale__language_code=settings.LANGUAGE_CODE)


class BasePage(RememberedPageMixin, Page):
    """Shared behaviour of the public pages: the summary used by cards, feeds and meta tags."""

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or getattr(self, "summary", "") or getattr(self, "introduction", "")

    def get_meta_image(self):
        return None


class HomePage(BasePage):
    """The site's root page: hero, introduction, key figures, latest news and a call to join."""

    hero_title = models.CharField(_("hero title"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "network_site.CustomImage",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    body = StreamField(ContentStreamBlock(), verbose_name=_("more content"), blank=True)
    join_title = models.CharField(_("call to join: title"), max_length=200, blank=True)
    join_text = models.TextField(_("call to join: text"), blank=True)
    join_button_label = models.CharField(_("call to join: button label"), max_length=60, blank=True)
    join_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("call to join: page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    join_url = models.CharField(
        _("call to join: address"), max_length=300, blank=True, help_text=_("Used when no page is chosen.")
    )

    parent_page_types = ["wagtailcore.Page"]

    search_fields = [*Page.search_fields, index.SearchField("hero_text"), index.SearchField("introduction")]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")], heading=_("Hero")
        ),
        FieldPanel("introduction"),
        HelpPanel(
            content=_("The key figures and the latest news are computed by the site; they need no editing."),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("join_title"),
                FieldPanel("join_text"),
                FieldPanel("join_button_label"),
                FieldPanel("join_page"),
                FieldPanel("join_url"),
            ],
            heading=_("Call to join"),
        ),
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def route(self, request, path_components):
        """Serve a page that has no translation yet from the default language's tree.

        ``/en/noticias/x/`` shows the Spanish news item with the English interface instead of
        answering 404, so the language switch keeps the reader on the same page.
        """
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
            original = (
                HomePage.objects.filter(
                    translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
                )
                .exclude(pk=self.pk)
                .first()
            )
            if original is None:
                raise
            return original.route(request, path_components)

    def get_meta_description(self):
        return self.search_description or self.hero_text

    def get_meta_image(self):
        return self.hero_image

    @cached_property
    def join_link(self):
        """Where "join the network" leads: the chosen page, the address, or the members' join page."""
        return cached("join-link", self.pk, builder=self._find_join_link)

    def _find_join_link(self):
        if self.join_page_id:
            return self.join_page.localized.url
        if self.join_url:
            return self.join_url
        try:
            join_page_model = apps.get_model("members", "JoinPage")
        except LookupError:
            return ""
        page = live_page(join_page_model)
        return page.url if page is not None else ""

    def get_key_figures(self, request):
        """Figures from every app's ``home_key_figures`` hook, cached until the data changes."""

        def build():
            figures = []
            for function in hooks.get_hooks(HOME_KEY_FIGURES):
                figures.extend(function(request) or [])
            figures.sort(key=lambda figure: (figure.order, str(figure.label)))
            return [
                {"label": str(figure.label), "value": figure.value, "help_text": str(figure.help_text or "")}
                for figure in figures
            ]

        return cached("key-figures", builder=build)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = translation.get_language() or settings.LANGUAGE_CODE
        host = request.get_host()
        context["latest_news"] = cached(
            "latest-news",
            host,
            builder=lambda: [card_data(news, request) for news in news_for_language(language)[:3]],
        )
        context["hero_image"] = cached(
            "hero-image", self.pk, builder=lambda: rendition_data(self.hero_image, "fill-960x540|format-webp") or {}
        )

        def find_news_index():
            page = live_page(NewsIndexPage)
            return page.get_url(request=request) if page is not None else ""

        context["news_index_url"] = cached("news-index-url", host, builder=find_news_index)
        context["key_figures"] = self.get_key_figures(request)
        return context


class StandardPage(BasePage):
    """A page of text and media: "Quiénes somos", the pledge, the ministry's role…"""

    introduction = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences."))
    image = models.ForeignKey(
        "network_site.CustomImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["home.HomePage", "home.StandardPage"]

    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("image"), FieldPanel("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    def get_meta_image(self):
        return self.image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = public_pages(self.get_children().live()).order_by("path")
        return context


@register_snippet
class NewsCategory(index.Indexed, NetworkOwnedModel):
    """A category of news, such as "Eventos" or "Alianzas"; each news item has one or more."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False)
    description = models.TextField(_("description"), blank=True)

    objects = scoped_manager()

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="home_newscategory_name_per_network"),
            models.UniqueConstraint(fields=["network", "slug"], name="home_newscategory_slug_per_network"),
        ]

    def __str__(self):
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("home.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsIndexPage(BasePage):
    """The list of news, newest first, filterable by tag and category, with RSS and Atom feeds."""

    introduction = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def get_news(self):
        return news_queryset().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = self.get_news()
        tag = (request.GET.get("tag") or "").strip()
        category = (request.GET.get("category") or "").strip()
        current_tag = current_category = None
        if tag:
            current_tag = Tag.objects.filter(slug=tag).first()
            news = news.filter(tags=current_tag) if current_tag else news.none()
        if category:
            current_category = NewsCategory.objects.filter(slug=category).first()
            news = news.filter(categories=current_category) if current_category else news.none()
        page_obj = listing_page(
            "news",
            request,
            self.pk,
            tag,
            category,
            queryset=news,
            number=get_page_number(request),
            per_page=NEWS_PER_PAGE,
            item=lambda news_item: card_data(news_item, request),
        )
        context.update(
            news=page_obj.object_list,
            page_obj=page_obj,
            paginator=page_obj.paginator,
            current_tag=current_tag,
            current_category=current_category,
            categories=cached("news-categories", self.pk, builder=self.get_category_filters),
            tags=cached("news-tags", self.pk, builder=self.get_tag_filters),
        )
        return context

    def get_category_filters(self):
        news = self.get_news().values("pk")
        return [
            {"name": category.name, "slug": category.slug, "used": category.used}
            for category in NewsCategory.objects.annotate(used=Count("news_pages", filter=Q(news_pages__in=news)))
            .filter(used__gt=0)
            .order_by("name")
        ]

    def get_tag_filters(self):
        news = self.get_news().values("pk")
        return [
            {"name": tag.name, "slug": tag.slug, "used": tag.used}
            for tag in Tag.objects.filter(home_newspagetag_items__content_object__in=news)
            .annotate(used=Count("home_newspagetag_items"))
            .order_by("-used", "name")[:20]
        ]


class NewsPage(BasePage):
    """A news item: date, lead image, summary, body, tags and categories."""

    date = models.DateField(_("date"), default=timezone.localdate)
    lead_image = models.ForeignKey(
        "network_site.CustomImage",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("summary"), max_length=400, help_text=_("Shown in lists, feeds and shares."))
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    categories = ParentalManyToManyField(
        NewsCategory, blank=True, related_name="news_pages", verbose_name=_("categories")
    )

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead_image"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("categories"), FieldPanel("tags")], heading=_("Classification")),
    ]

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def get_meta_image(self):
        return self.lead_image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def classification():
            parent = self.get_parent()
            return {
                "news_index_url": parent.get_url(request=request),
                "tags": [{"pk": tag.pk, "name": tag.name, "slug": tag.slug} for tag in self.tags.all()],
                "categories": [{"name": c.name, "slug": c.slug} for c in self.categories.all()],
            }

        data = cached("news-classification", self.pk, request.get_host(), builder=classification)
        context["lead_image"] = cached(
            "lead-image", self.pk, builder=lambda: rendition_data(self.lead_image, "fill-1200x675|format-webp") or {}
        )
        context["og_type"] = "article"
        context["news_index_url"] = data["news_index_url"]
        context["page_tags"] = data["tags"]
        context["page_categories"] = data["categories"]
        tag_ids = [tag["pk"] for tag in context["page_tags"]]

        def related():
            found = news_queryset().sibling_of(self, inclusive=False).filter(tags__in=tag_ids).distinct()[:3]
            return [card_data(news, request) for news in found]

        context["related_news"] = cached("related-news", self.pk, builder=related) if tag_ids else []
        return context


class DocumentLibraryPage(BasePage):
    """Documents and studies from a collection of Wagtail documents, filterable by tag."""

    introduction = models.TextField(_("introduction"), blank=True)
    collection = models.ForeignKey(
        Collection,
        verbose_name=_("collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Documents of this collection and its sub-collections are listed. Empty: every document."),
    )

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("collection")]

    class Meta:
        verbose_name = _("document library")
        verbose_name_plural = _("document libraries")

    @cached_property
    def collections(self):
        if self.collection_id is None:
            # No collection chosen: the network's own collection (every collection for a site of no network).
            network = current_network()
            if network is not None and network.collection_id:
                return network.collection.get_descendants(inclusive=True)
            return Collection.objects.all()
        return self.collection.get_descendants(inclusive=True)

    def get_documents(self):
        """The library's documents: never those of a collection with a view restriction (or under
        one): their titles and tags are not for the public page."""
        documents = get_document_model().objects.all()
        if self.collection_id is not None or current_network() is not None:
            documents = documents.filter(collection__in=self.collections)
        restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
        for path in restricted:
            documents = documents.exclude(collection__path__startswith=path)
        return documents.select_related("collection").prefetch_related("tags").order_by("-created_at", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents = self.get_documents()
        base_documents = documents
        tag = (request.GET.get("tag") or "").strip()
        current_tag = Tag.objects.filter(slug=tag).first() if tag else None
        if tag:
            documents = documents.filter(tags=current_tag) if current_tag else documents.none()
        query = (request.GET.get("q") or "").strip()[:100]
        if query:
            documents = documents.filter(Q(title__icontains=query) | Q(tags__name__icontains=query)).distinct()
        paginator = Paginator(documents, DOCUMENTS_PER_PAGE)
        page_obj = paginator.get_page(get_page_number(request))
        context.update(
            documents=page_obj.object_list,
            page_obj=page_obj,
            paginator=paginator,
            current_tag=current_tag,
            query=query,
            tags=Tag.objects.filter(
                taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(get_document_model()),
                taggit_taggeditem_items__object_id__in=base_documents.order_by().values("pk"),
            )
            .distinct()
            .order_by("name"),
        )
        return context


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """The site's name, logo, social links, main menu and footer, editable in the admin."""

    site_name = models.CharField(_("site name"), max_length=120, default="Red de Empresas contra el Trabajo Infantil")
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    logo = models.ForeignKey(
        "network_site.CustomImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    social_links = StreamField([("link", SocialLinkBlock())], verbose_name=_("social links"), blank=True)
    main_menu = StreamField(LinkStreamBlock(), verbose_name=_("main menu"), blank=True)
    footer_links = StreamField(LinkStreamBlock(), verbose_name=_("footer links"), blank=True)
    footer_text = models.TextField(_("footer text"), blank=True)

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [FieldPanel("site_name"), FieldPanel("tagline"), FieldPanel("logo"), FieldPanel("contact_email")],
                heading=_("Identity"),
            ),
            ObjectList([FieldPanel("main_menu")], heading=_("Menu")),
            ObjectList(
                [FieldPanel("footer_text"), FieldPanel("footer_links"), FieldPanel("social_links")],
                heading=_("Footer"),
            ),
        ]
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")
