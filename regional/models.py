"""The regional site's pages: its home page and the regional observatory.

The regional site is the Wagtail Site that no network owns (``network_site.networks.regional_site``);
its requests read every network (``across(None)``). Its home page lives at the top of Wagtail's tree
(never inside a national network's tree), the observatory below it; the good-practices library and
the cooperation board (apps of their own) add their pages below the same home page.
"""

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from commitments.observatory import filters_from_request
from network_site.caching import cached
from network_site.routing import RememberedPageMixin, restricted_paths

from . import observatory, opendata
from .charts import observatory_context

RICH_TEXT = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


def _public_children(page):
    queryset = page.get_children().live()
    for restricted in restricted_paths():
        queryset = queryset.exclude(path__startswith=restricted)
    return queryset.specific().order_by("path")


class RegionalHomePage(RememberedPageMixin, Page):
    """The regional initiative's home page: the root of the Site that no network owns."""

    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT)
    networks_title = models.CharField(
        _("title of the networks' section"), max_length=200, blank=True, help_text=_("Default: “The networks”.")
    )

    parent_page_types = ["wagtailcore.Page"]

    search_fields = [*Page.search_fields, index.SearchField("hero_text"), index.SearchField("introduction")]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Hero")),
        FieldPanel("introduction"),
        FieldPanel("networks_title"),
        HelpPanel(
            content=_(
                "The networks, their addresses and the key figures across networks are computed by the site; "
                "they need no editing."
            )
        ),
    ]

    class Meta:
        verbose_name = _("regional home page")
        verbose_name_plural = _("regional home pages")

    @classmethod
    def can_create_at(cls, parent):
        """Only at the top of Wagtail's tree, beside the national home pages (never inside a
        network's tree); its Site is then the one no network owns."""
        return super().can_create_at(parent) and parent.is_root()

    def get_meta_description(self):
        return self.search_description or self.hero_text

    def route(self, request, path_components):
        """A page with no translation yet is served from the default language's tree (as the national
        home page does): ``/en/biblioteca/`` shows the Spanish page with the English interface."""
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
            original = (
                RegionalHomePage.objects.filter(
                    translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
                )
                .exclude(pk=self.pk)
                .first()
            )
            if original is None:
                raise
            return original.route(request, path_components)

    def sections(self, request):
        """The regional site's sections (observatory, good practices, cooperation…): its live children."""

        def build():
            return [
                {
                    "title": child.title,
                    "url": child.get_url(request=request),
                    "text": str(getattr(child, "search_description", "") or ""),
                }
                for child in _public_children(self)
            ]

        return cached("regional-sections", self.pk, request.get_host(), builder=build)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["networks"] = observatory.network_summaries()
        context["totals"] = observatory.key_figures()
        context["sections"] = self.sections(request)
        return context


class RegionalObservatoryPage(RememberedPageMixin, RoutablePageMixin, Page):
    """Members, commitments, progress and self-assessments of every network, side by side, with open data."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        HelpPanel(content=_("The figures, charts and tables below the introduction are computed automatically.")),
    ]

    parent_page_types = ["regional.RegionalHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("regional observatory page")
        verbose_name_plural = _("regional observatory pages")

    @path("")
    def index(self, request):
        filters = filters_from_request(request)
        return self.render(request, context_overrides=observatory_context(request, filters))

    @path("data/dictionary/", name="dictionary")
    def data_dictionary(self, request):
        return self.render(
            request,
            template="regional/data_dictionary.html",
            context_overrides={"files": opendata.dictionary(), "observatory": self},
        )

    @path("data/<slug:name>/<slug:fmt>/", name="data")
    def data(self, request, name, fmt):
        if request.method not in ("GET", "HEAD"):
            raise Http404
        return opendata.download(name, fmt, filters_from_request(request))
