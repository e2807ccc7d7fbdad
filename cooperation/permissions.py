"""Who may do what on the cooperation board (one place; the admin's views and menus ask here).

- A network's staff post and edit their own network's demands and offers (Django's model
  permissions; the scope keeps them to their network's rows).
- Regional staff (the group ``REGIONAL_GROUP``, and superusers) see every network's posts and are
  the only ones who make agreements (matching a demand with offers), edit them and their
  activities.
- A network's staff see the agreements their network is a party to (``view_…`` permission) and
  add follow-up notes to the activities their network is responsible for.
"""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from network_site.networks import is_regional_staff


def is_regional(user):
    return bool(getattr(user, "is_staff", False)) and is_regional_staff(user)


def can_match(user):
    """Whether the user may make agreements (match a demand with offers): regional staff only."""
    return is_regional(user)


def can_follow_up(user, activity, networks=None):
    """Whether the user may add a follow-up note to ``activity``.

    Regional staff: any activity. A network's staff (with ``add_activityupdate``): an activity
    their network is responsible for, or, when it names no network, one of an agreement their
    network is a party to (``networks``: the request's admin networks, None for every network).
    """
    if is_regional(user):
        return True
    if not user.has_perm("cooperation.add_activityupdate"):
        return False
    own = {network.pk for network in (networks or [])}
    if activity.responsible_network_id is not None:
        return activity.responsible_network_id in own
    parties = {network.pk for network in activity.agreement.networks.all()}
    return bool(own & parties)


class BoardPermissionPolicy(ModelPermissionPolicy):
    """Demands and offers: the model permissions, and everything for regional staff."""

    def user_has_permission(self, user, action):
        return is_regional(user) or super().user_has_permission(user, action)


class RegionalPermissionPolicy(ModelPermissionPolicy):
    """Agreements and activities: regional staff make and change them; a network's staff with the
    ``view`` permission read those of their network's agreements."""

    def user_has_permission(self, user, action):
        if is_regional(user):
            return True
        if action == "view":
            return super().user_has_permission(user, action)
        return False


def register():
    """Called once from the app's ready()."""
    from .models import CooperationActivity, CooperationAgreement, CooperationDemand, CooperationOffer

    for model in (CooperationDemand, CooperationOffer):
        register_permission_policy(model, BoardPermissionPolicy(model), exact_class=True)
    for model in (CooperationAgreement, CooperationActivity):
        register_permission_policy(model, RegionalPermissionPolicy(model), exact_class=True)
