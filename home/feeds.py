"""RSS 2.0 and Atom feeds of the latest news, in the reader's language."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from network_site.links import absolute_url, page_url
from network_site.networks import secretariat

from .models import news_for_language

FEED_ITEMS = 20


class LatestNewsFeed(Feed):
    """The 20 latest news items (RSS 2.0)."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def title(self):
        return _("News — %(network)s") % {"network": secretariat().network_name}

    def description(self):
        return _("The latest news of the network, its members and its partners.")

    def link(self):
        return absolute_url("/" + (translation.get_language() or settings.LANGUAGE_CODE) + "/")

    def feed_url(self):
        return absolute_url(self.request.path)

    def items(self):
        language = translation.get_language() or settings.LANGUAGE_CODE
        return list(news_for_language(language).prefetch_related("categories")[:FEED_ITEMS])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return page_url(item, self.request)

    def item_guid(self, item):
        return page_url(item, self.request)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        moment = datetime.datetime.combine(item.date, datetime.time(12, 0))
        return timezone.make_aware(moment) if settings.USE_TZ else moment

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]


class LatestNewsAtomFeed(LatestNewsFeed):
    """The same news as an Atom feed."""

    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
