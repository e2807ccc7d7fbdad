"""The members app's public Wagtail pages: "Únase a la Red" and the member directory.

Both are thin: the work happens in `members.views`, which builds on the models (this module is
the only one of the models package that imports it).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from members import views
from network_site.routing import RememberedPageMixin


class JoinPage(RememberedPageMixin, RoutablePageMixin, Page):
    """ "Únase a la Red": the application form, and a thank-you page after it is sent."""

    intro = RichTextField(_("introduction"), blank=True)
    principles = RichTextField(
        _("the network's principles"),
        blank=True,
        help_text=_("Shown above the box the applicant ticks to accept them."),
    )
    thank_you_text = RichTextField(_("thank-you text"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("principles"),
        FieldPanel("thank_you_text"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "members/join_page.html"

    class Meta:
        verbose_name = _("join page")
        verbose_name_plural = _("join pages")

    @path("")
    def apply(self, request):
        return views.join(request, self)

    @path("gracias/", name="thanks")
    def thanks(self, request):
        return self.render(request, template="members/join_thanks.html")


class MemberDirectoryPage(RememberedPageMixin, RoutablePageMixin, Page):
    """The public list of active members, and each member's public profile at ``<slug>/``."""

    intro = RichTextField(_("introduction"), blank=True)
    per_page = models.PositiveSmallIntegerField(_("members per page"), default=24)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "members/member_directory_page.html"

    class Meta:
        verbose_name = _("member directory")
        verbose_name_plural = _("member directories")

    @path("")
    def directory(self, request):
        return views.directory(request, self)

    @path("<slug:slug>/", name="profile")
    def profile(self, request, slug):
        return views.member_profile(request, self, slug)
