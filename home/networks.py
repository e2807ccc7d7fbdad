"""What a new network needs from the public site: a home page at the root of its Site."""

from django.db import transaction

from wagtail.models import Page

from .models import HomePage


@transaction.atomic
def prepare_network(network):
    """``network_created`` hook: a plain page at the root of the network's Site becomes its home page
    (titled with the network's name, unpublished content for the editors to write)."""
    site = network.site
    if site is None:
        return None
    root = site.root_page
    if root.specific_class is not Page:
        return None
    home = HomePage(
        title=network.short_name,
        slug=f"inicio-{network.slug}"[:255],
        hero_title=network.name,
        join_title="Únase a la Red",
        join_url="/es/",
    )
    Page.get_first_root_node().add_child(instance=home)
    site.root_page = home
    site.save(update_fields=["root_page"])
    if not root.get_children().exists():
        root.delete()
    return f"Home page: {home.title} (edit it in the admin: Pages)"
