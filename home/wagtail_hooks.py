"""Hooks of the public site: its own key figure on the home page."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from network_site.hooks import HOME_KEY_FIGURES, KeyFigure


@hooks.register(HOME_KEY_FIGURES)
def published_news_figure(request):
    """How many news items are published (translations of one item count once). One query."""
    from home.models import NewsPage

    count = NewsPage.objects.live().public().values("translation_key").distinct().count()
    return [KeyFigure(label=_("Published news"), value=count, order=900)]
