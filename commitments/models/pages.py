"""The observatory page: public statistics of the network's commitments and progress."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from network_site.routing import RememberedPageMixin

from .. import observatory


class ObservatoryPage(RememberedPageMixin, Page):
    """Public statistics of the network's commitments and progress, with open data."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        HelpPanel(content=_("The figures, charts and tables below the introduction are computed automatically.")),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("observatory page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = observatory.filters_from_request(request)
        context.update(observatory.observatory_context(request, filters))
        return context
