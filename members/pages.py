"""The members app's public Wagtail pages: "Únase a la Red" and the member directory.

Both are thin: the work happens in `members.views`.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models.signals import post_delete
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from network_site.routing import RememberedRestrictionsMixin

DIRECTORY_URL_CACHE_KEY = "members:directory-url:{language}"
DIRECTORY_URL_CACHE_SECONDS = 3600


class JoinPage(RememberedRestrictionsMixin, RoutablePageMixin, Page):
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


class MemberDirectoryPage(RememberedRestrictionsMixin, RoutablePageMixin, Page):
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
    """The URL of the live member directory in the active language ("" if none), cached."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = DIRECTORY_URL_CACHE_KEY.format(language=language)
    url = cache.get(key)
    if url is None:
        pages = MemberDirectoryPage.objects.live().order_by("path")
        page = pages.filter(locale__language_code=language).first() or pages.first()
        url = (page.get_url() or "") if page else ""
        cache.set(key, url, DIRECTORY_URL_CACHE_SECONDS)
    return url


def forget_directory_url(**kwargs):
    cache.delete_many([DIRECTORY_URL_CACHE_KEY.format(language=code) for code, _name in settings.LANGUAGES])


def _forget_if_directory(sender=None, instance=None, **kwargs):
    if isinstance(instance, MemberDirectoryPage) or sender is MemberDirectoryPage:
        forget_directory_url()


for _signal in (page_published, page_unpublished, post_delete):
    _signal.connect(_forget_if_directory, sender=MemberDirectoryPage, dispatch_uid=f"members-directory-{id(_signal)}")
# A moved or renamed ancestor changes the directory's URL too: forget it on any move or new slug.
page_slug_changed.connect(forget_directory_url, dispatch_uid="members-directory-slug")
post_page_move.connect(forget_directory_url, dispatch_uid="members-directory-move")
