"""What the regional site's layout shows, given to the core through the ``site_layout`` hook.

On the regional site (the Site no network owns) the header names the initiative: the Wagtail
Site's name (*Settings → Sites*), e.g. "Iniciativa Regional América Latina y el Caribe libre de
trabajo infantil". National sites are left as the other apps' hooks make them. No query once warm
(the site comes from the request, the network lookup is cached).
"""

from wagtail.models import Site

from network_site.networks import network_for_site


def site_layout(request):
    site = Site.find_for_request(request)
    if site is None or not site.site_name or network_for_site(site) is not None:
        return {}
    return {"site_name": site.site_name}
