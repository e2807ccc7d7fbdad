"""The scope of the records that belong to every network that is a party to them (an agreement).

``network_site.networks.scoped_manager`` with a path through a many-to-many relation
(``"networks"``) filters ``networks__in=[...]`` when the scope holds several networks, which joins
one row per matching network: an agreement between Costa Rica and Ecuador would be listed twice to
someone reading both. ``party_manager`` is the same scoped manager whose querysets turn
``distinct()`` on whenever that filter applies, so each record comes once.
"""

from django_scopes.state import get_scope

from django.db import models

from network_site.networks import scoped_manager


def party_manager(queryset_class, path):
    """A scoped manager (``path`` through a many-to-many) whose rows are never repeated."""
    scoped_class = scoped_manager(queryset_class, path)._queryset_class

    def _apply_network_scope(self):
        if self._network_scoped:
            return
        scoped_class._apply_network_scope(self)
        current = get_scope()
        if current.get("_enabled", True) and isinstance(current.get("network"), (list, tuple)):
            self.query.distinct = True

    party_class = type(
        f"Party{scoped_class.__name__}", (scoped_class,), {"_apply_network_scope": _apply_network_scope}
    )
    return models.Manager.from_queryset(party_class)()
