"""Who may do what with good practices in the admin (one place).

- A network's secretariat (Django's model permissions on ``GoodPractice``) proposes and edits its
  own network's practices while they are proposed or returned (the admin's scope keeps it to its
  network's rows); it never publishes.
- Regional staff (the group ``network_site.networks.REGIONAL_GROUP``, and superusers) see every
  network's practices, review them (publish, or return with a comment) and may change any of them.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from network_site.networks import is_regional_staff


def is_regional(user):
    return bool(getattr(user, "is_staff", False)) and is_regional_staff(user)


class PracticePermissionPolicy(ModelPermissionPolicy):
    """The model permissions, and everything for regional staff."""

    def user_has_permission(self, user, action):
        return is_regional(user) or super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return is_regional(user) or super().user_has_any_permission(user, actions)
