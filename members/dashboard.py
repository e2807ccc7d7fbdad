"""The portal dashboard's one extension point.

An app adds to the dashboard by registering a Wagtail hook in its `wagtail_hooks.py`::

    from wagtail import hooks
    from members.dashboard import DashboardPanel, DueItem

    @hooks.register("portal_dashboard_panels")
    def commitments_panels(request, account):
        return [DashboardPanel(title=..., template_name="commitments/portal/_panel.html",
                               context={...}, order=20, due=[DueItem(...)])]

The hook receives the request and the user's PortalAccount and returns a list of
`DashboardPanel`. Due items of every panel are merged into the "what is due" list at the
top of the dashboard, soonest first. Panels must run a fixed number of queries.
"""

import datetime
from dataclasses import dataclass, field

from wagtail import hooks

HOOK_NAME = "portal_dashboard_panels"


@dataclass
class DueItem:
    title: str
    url: str = ""
    due_date: datetime.date | None = None
    overdue: bool = False
    kind: str = ""  # a short label, e.g. "Progress report"


@dataclass
class DashboardPanel:
    title: str
    template_name: str
    context: dict = field(default_factory=dict)
    order: int = 100
    due: list = field(default_factory=list)


def collect_panels(request, account):
    """All panels from every app, in order, and their due items merged (soonest first)."""
    panels = []
    for hook in hooks.get_hooks(HOOK_NAME):
        panels.extend(hook(request, account) or [])
    panels.sort(key=lambda panel: panel.order)
    due = [item for panel in panels for item in panel.due]
    due.sort(key=lambda item: (not item.overdue, item.due_date or datetime.date.max))
    return panels, due
