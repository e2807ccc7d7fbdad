"""Template tags of the member portal's layout (navigation built from the `portal_menu_items` hook)."""

from django import template
from django.template.loader import get_template

from members.access import portal_account_for
from members.portal_hooks import collect_menu_items
from network_site.pages import live_page

register = template.Library()


@register.inclusion_tag("members/portal/_nav.html", takes_context=True)
def portal_nav(context):
    """The portal's navigation: the organisation and every app's menu items."""
    request = context["request"]
    account = portal_account_for(request.user)
    items = collect_menu_items(request, account) if account is not None else []
    return {
        "request": request,
        "user": request.user,
        "account": account,
        "items": items,
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
        "LANGUAGES": context.get("LANGUAGES"),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("members/portal/_tools.html", takes_context=True)
def portal_tools(context):
    """The account menu (password, two-factor authentication, log out) and the language switch."""
    request = context["request"]
    return {
        "request": request,
        "user": request.user,
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
        "LANGUAGES": context.get("LANGUAGES"),
        "csrf_token": context.get("csrf_token"),
    }


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
