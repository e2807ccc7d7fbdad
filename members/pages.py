"""The members app's public Wagtail pages: "Únase a la Red" and the member directory.

Both are thin: the work happens in `members.views`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from network_site.caching import cached
from network_site.pages import live_page
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
        from members.views import join

        return join(request, self)

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
        from members.views import directory

        return directory(request, self)

    @path("<slug:slug>/", name="profile")
    def profile(self, request, slug):
        from members.views import member_profile

        return member_profile(request, self, slug)


def directory_url():
    """The URL of the live member directory in the active language ("" if none).

    Kept per cache generation, which publishing, moving or renaming any page moves on.
    """

    def find():
        page = live_page(MemberDirectoryPage)
        return (page.get_url() or "") if page else ""

    return cached("directory-url", builder=find)
