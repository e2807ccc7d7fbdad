"""What the apps' demo content (each app's `demo.py`) adds to the site's tree: pages under the
current network's home page (its Site's root), published and translated, and collections under
the network's collection (the root collection when working for no network)."""

from django.utils import timezone

from wagtail.models import Collection, Site

from network_site.networks import current_network


def network_site():
    """The current network's Site (the default Site when working for no network), or None."""
    network = current_network()
    if network is not None and network.site_id:
        return Site.objects.select_related("root_page").get(pk=network.site_id)
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def network_home():
    """The root page of the current network's Site (its specific class), or None while there is none."""
    site = network_site()
    return site.root_page.specific if site else None


def get_collection(name):
    """The collection `name` under the current network's collection (or the root one), added if missing."""
    network = current_network()
    parent = network.collection if network is not None and network.collection_id else None
    parent = parent or Collection.get_first_root_node()
    return parent.get_children().filter(name=name).first() or parent.add_child(name=name)


def add_to_home(command, page, message=None):
    """Publish `page` under the current network's home page unless a page of its type is there already.

    Returns the page of that type under the home page (the one found, or `page` once added),
    or None while there is no site. Says what it added (`message`, or "Page <title>").
    """
    home = network_home()
    if home is None:
        return None
    existing = type(page).objects.child_of(home).first()
    if existing is not None:
        return existing
    home.add_child(instance=page)
    page.save_revision().publish()
    command.stdout.write(message or f"  Page {page.title}")
    return page


def publish(page):
    """Publish with a revision. A page created live gets its first revision without a second save."""
    if page.live and page.live_revision_id is None and not page.has_unpublished_changes:
        revision = page.save_revision(log_action=False)
        now = timezone.now()
        type(page).objects.filter(pk=page.pk).update(
            live_revision=revision,
            has_unpublished_changes=False,
            first_published_at=page.first_published_at or now,
            last_published_at=now,
        )
        page.live_revision = revision
        page.has_unpublished_changes = False
        return page
    page.save_revision().publish()
    return page


def translate_page(page, locale, **fields):
    """The page's translation in `locale`, created from a copy and published with English fields."""
    existing = page.get_translation_or_none(locale)
    if existing:
        return existing.specific
    translated = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    return publish(translated)
