"""What the apps' demo content (each app's `demo.py`) adds to the site's tree: pages under the
default site's home page, collections under the root collection."""

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
