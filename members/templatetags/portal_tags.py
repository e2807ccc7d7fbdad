"""Template tags of the member portal's own pages (the frame is the core's: ``site_tags``)."""

from django import template
from django.template.loader import get_template

from network_site.pages import live_page

register = template.Library()


@register.simple_tag
def portal_badge_state(organization):
    """The badge modifier of an organisation's membership (partner institutions have none)."""
    if organization.is_partner:
        return "partner"
    return organization.membership_status


@register.simple_tag(takes_context=True)
def render_panel(context, panel):
    """Render one dashboard panel's template with its own context (plus request, account, panel)."""
    request = context.get("request")
    panel_context = {**panel.context, "panel": panel, "account": context.get("account"), "request": request}
    return get_template(panel.template_name).render(panel_context, request)


@register.simple_tag
def join_url():
    """The URL of the live "Join the network" page in the active language ("" when there is none)."""
    from members.models import JoinPage

    page = live_page(JoinPage)
    return page.url if page is not None else ""
