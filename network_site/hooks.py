"""The contract between the core and the apps: every project hook named once, and what it returns.

An app contributes by registering a function for one of these names in its ``wagtail_hooks.py``
(``@hooks.register(hooks.PORTAL_MENU_ITEMS)``); the part that renders the contribution loops
over ``wagtail.hooks.get_hooks(name)``. Signatures and an example: docs/architecture.md.
Hook functions run a fixed number of queries, whatever the size of the data.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

#: ``fn() -> list[Model | PublicModel]``: the app's models whose changes public pages show (pages
#: count already); saving or deleting one drops the cached public pages of its network and the
#: regional site (network_site.page_cache). ``PublicModel(model, affects=rule)`` when only some
#: saves show (a draft does not): ``rule(instance, created=bool, update_fields=frozenset|None)``.
PUBLIC_MODELS = "public_models"
#: ``fn() -> list[Model]``: the app's models that organisations change in the portal; every save and
#: deletion of one inside a portal view is written to the audit log with the user and organisation
#: (network_site.audit).
PORTAL_AUDITED_MODELS = "portal_audited_models"
#: ``fn(request) -> dict``: what the public site's header, footer and <head> show (keys: docs/architecture.md).
SITE_LAYOUT = "site_layout"
#: ``fn(request) -> dict``: what the portal's layout shows; ``account`` is handed to the menu hook.
PORTAL_LAYOUT = "portal_layout"
#: ``fn(request, account) -> list[MenuItem]``: entries of the portal's navigation.
PORTAL_MENU_ITEMS = "portal_menu_items"
#: ``fn(request, account) -> list[DashboardPanel]``: panels of the portal's dashboard.
PORTAL_DASHBOARD_PANELS = "portal_dashboard_panels"
#: ``fn(request, panels)`` appends Wagtail ``Component``s: Wagtail's own admin dashboard hook.
ADMIN_DASHBOARD_PANELS = "construct_homepage_panels"
#: ``fn(today) -> list[Q]``: conditions on ``Organization`` rows, each true when the organisation is
#: overdue with something the app asks of it; reporting compliance counts them as overdue.
COMPLIANCE_ITEMS = "compliance_items"
#: ``fn(request) -> list[KeyFigure]``: figures of the home page.
HOME_KEY_FIGURES = "home_key_figures"
#: ``fn(request, organization) -> list[Section]``: sections of a member's public profile.
MEMBER_PROFILE_SECTIONS = "member_profile_sections"
#: ``fn(request, filters) -> list[Section]``: sections of the observatory page.
OBSERVATORY_SECTIONS = "observatory_sections"
#: ``fn(network) -> str | None``: prepares what a new network needs from the app (its home page, its
#: questionnaire...), inside ``activate(network)``; idempotent; returns a line for the command's output.
NETWORK_CREATED = "network_created"


@dataclass(frozen=True)
class PublicModel:
    """A model of the ``public_models`` hook whose saves show on public pages only when ``affects``
    says so (deletions always count). ``affects(instance, created=…, update_fields=…) -> bool``:
    ``update_fields`` is the frozenset a save named, None for a full save."""

    model: type
    affects: Callable[..., bool]


@dataclass
class KeyFigure:
    """One figure of the home page."""

    label: str
    value: object
    order: int = 100
    help_text: str = ""


class Section(NamedTuple):
    """A block of a page that another app renders: a template and its context."""

    template_name: str
    context: dict


@dataclass
class MenuItem:
    """One entry of the portal's navigation (sorted by ``order``; members uses 10-40)."""

    label: str
    url_name: str
    order: int = 100
    url_kwargs: dict = field(default_factory=dict)
    #: Whether the item is "current" only on its exact URL (otherwise: on every URL below it).
    exact: bool = False
    url: str = ""
    is_current: bool = False


@dataclass
class DueItem:
    """Something the organisation has to do, listed in the dashboard's "what is due"."""

    title: str
    url: str = ""
    due_date: datetime.date | None = None
    overdue: bool = False
    kind: str = ""  # a short label, e.g. "Progress report"


@dataclass
class DashboardPanel:
    """One panel of the portal's dashboard; its ``due`` items are merged into "what is due"."""

    title: str
    template_name: str
    context: dict = field(default_factory=dict)
    order: int = 100
    due: list = field(default_factory=list)
