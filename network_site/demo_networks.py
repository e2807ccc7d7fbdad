"""The demo's networks and their Sites (load_demo_data runs ``ensure`` first, before any app's demo).

Two national networks, each with its own Wagtail Site and collection:

- Costa Rica: the default Site, at ``costa-rica.localhost`` (the network that migration 0004 made
  for an installation of one network, slug "red", becomes Costa Rica instead of a second one);
- Ecuador: its own Site at ``ecuador.localhost``, whose root starts as a plain page under the tree
  root (home's demo replaces it with its HomePage tree).

Every Site's port is the port of ``BASE_URL`` (``make run PORT=…``); browsers resolve
``*.localhost`` to this machine. The regional site is not made here (the regional app's
``load_regional`` makes it). Idempotent: the networks are found by slug and brought up to date.
"""

from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Collection, Page, Site

from network_site.models import Network

#: The demo's networks, in the order of the admin's switcher.
NETWORKS = [
    {
        "slug": "costa-rica",
        "name": "Red de Empresas contra el Trabajo Infantil de Costa Rica",
        "short_name": "Costa Rica",
        "country": "CR",
        "languages": "es,en",
        "time_zone": "America/Costa_Rica",
        "secretariat_name": "Secretaría Técnica — Ministerio de Trabajo y Seguridad Social",
        "secretariat_emails": "secretaria@costa-rica.example.org",
        "hostname": "costa-rica.localhost",
        "site_name": "Red de Empresas contra el Trabajo Infantil",
        "default_site": True,
        "position": 0,
    },
    {
        "slug": "ecuador",
        "name": "Red de Empresas por un Ecuador Libre de Trabajo Infantil",
        "short_name": "Ecuador",
        "country": "EC",
        "languages": "es,en",
        "time_zone": "America/Guayaquil",
        "secretariat_name": "Ministerio del Trabajo del Ecuador",
        "secretariat_emails": "secretaria@ecuador.example.org",
        "hostname": "ecuador.localhost",
        "site_name": "Red de Empresas por un Ecuador Libre de Trabajo Infantil",
        "default_site": False,
        "position": 1,
    },
]

NETWORK_FIELDS = (
    "name",
    "short_name",
    "country",
    "languages",
    "time_zone",
    "secretariat_name",
    "secretariat_emails",
    "position",
)


def base_url_port():
    """The port of ``settings.BASE_URL`` (every demo Site's port: ``make run PORT=…``)."""
    parts = urlsplit(settings.BASE_URL)
    return parts.port or (443 if parts.scheme == "https" else 80)


def _place(site, hostname, port):
    """Give ``site`` this host name and port unless another Site answers them already."""
    if (site.hostname, site.port) == (hostname, port):
        return
    if not Site.objects.exclude(pk=site.pk).filter(hostname=hostname, port=port).exists():
        site.hostname, site.port = hostname, port


def _plain_root(spec):
    """A plain page under Wagtail's tree root, the root of a new Site until home's demo replaces it."""
    root = Page.get_first_root_node()
    slug = spec["slug"]
    existing = root.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing
    return root.add_child(instance=Page(title=spec["short_name"], slug=slug))


def _site(spec, network, port):
    """The network's Site, made or found, with its host name and BASE_URL's port."""
    site = network.site if network is not None and network.site_id else None
    if site is None and spec["default_site"]:
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.filter(hostname=spec["hostname"], network__isnull=True).first()
    if site is None:
        return Site.objects.create(
            hostname=spec["hostname"],
            port=port,
            root_page=_plain_root(spec),
            is_default_site=spec["default_site"] and not Site.objects.filter(is_default_site=True).exists(),
            site_name=spec["site_name"],
        )
    _place(site, spec["hostname"], port)
    site.site_name = site.site_name or spec["site_name"]
    site.save()
    return site


def _collection(network):
    """The network's collection (its images and documents), under the root collection."""
    if network.collection_id:
        return network.collection
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=network.short_name).first() or root.add_child(name=network.short_name)


def _find(spec):
    network = Network.objects.filter(slug=spec["slug"]).first()
    if network is None and spec["default_site"]:
        # Migration 0004 made one network (slug "red") for the default Site: it becomes this one.
        network = (
            Network.objects.filter(site__is_default_site=True).first()
            or Network.objects.filter(slug="red", site__isnull=True).first()
        )
    return network


def ensure(command):
    """Create or bring up to date the demo's networks, their Sites and collections; returns them."""
    port = base_url_port()
    networks = []
    for spec in NETWORKS:
        network = _find(spec)
        created = network is None
        if created:
            network = Network(slug=spec["slug"])
        network.slug = spec["slug"]
        for field in NETWORK_FIELDS:
            setattr(network, field, spec[field])
        network.site = _site(spec, network, port)
        network.save()
        if not network.collection_id:
            network.collection = _collection(network)
            network.save(update_fields=["collection"])
        networks.append(network)
        if created:
            command.stdout.write(f"  Network {network.short_name} ({network.site.hostname}:{network.site.port})")
    return networks
