"""What the apps' demo content (each app's `demo.py`) adds to the site's tree: pages under the
default site's home page, published and translated, and collections under the root collection."""

from django.utils import timezone

from wagtail.models import Collection

from network_site.pages import site_home


def get_collection(name):
    """The collection `name` under the root collection, added if missing."""
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=name).first() or root.add_child(name=name)


def add_to_home(command, page, message=None):
    """Publish `page` under the home page unless a page of its type is there already.

    Returns the page of that type under the home page (the one found, or `page` once added),
    or None while there is no site. Says what it added (`message`, or "Page <title>").
    """
    home = site_home()
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
