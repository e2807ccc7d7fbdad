"""A network's staff and what they may do: roles become Django groups and Wagtail permissions.

A ``StaffMembership`` (user, network, role) is all an administrator records; saving or deleting one
brings the user's groups in line (``sync_staff``):

- the role's group, shared by every network ("Secretaría", "Edición"): model permissions (the
  secretariat: every permission of the apps in ``settings.SECRETARIAT_PERMISSION_APPS``; editors:
  the admin's door only, their work is pages, images and documents). The installation's
  administrator may change them in the admin's Groups;
- the network's group for that role ("Secretaría · Ecuador"): Wagtail page permissions on the
  network's page tree and collection permissions on its collection, so the explorer, images and
  documents show that network's only.

Which records the admin shows is the scope's business (``network_site.networks``); these groups say
what staff may do with them.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import GroupCollectionPermission, GroupPagePermission, GroupSitePermission

from network_site.models import StaffMembership, StaffRole

ROLE_GROUPS = {StaffRole.SECRETARIAT: "Secretaría", StaffRole.EDITOR: "Edición"}
#: What each role may do on its network's page tree…
PAGE_PERMISSIONS = {
    StaffRole.SECRETARIAT: ("add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"),
    StaffRole.EDITOR: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
#: …and its collection (Wagtail checks images' and documents' permissions on its own models).
COLLECTION_PERMISSIONS = [
    *(
        (app, f"{act}_{kind}")
        for app, kind in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for act in ("add", "change", "delete", "choose")
    ),
    ("wagtailcore", "add_collection"),
    ("wagtailcore", "change_collection"),
]


def _permissions(pairs):
    wanted = set(pairs)
    labels = {label for label, _codename in wanted}
    found = Permission.objects.filter(content_type__app_label__in=labels).select_related("content_type")
    return [each for each in found if (each.content_type.app_label, each.codename) in wanted]


def _site_setting_permissions():
    """The "change" permissions of every per-site setting (Wagtail's ``BaseSiteSetting`` models)."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from wagtail.contrib.settings.models import BaseSiteSetting

    models = [model for model in apps.get_models() if issubclass(model, BaseSiteSetting)]
    types = ContentType.objects.get_for_models(*models).values()
    return list(Permission.objects.filter(content_type__in=types, codename__startswith="change_"))


def role_group(role):
    """The group every staff member of ``role`` is in (created with its default permissions)."""
    group, created = Group.objects.get_or_create(name=ROLE_GROUPS[role])
    if created:
        permissions = _permissions([("wagtailadmin", "access_admin")])
        if role == StaffRole.SECRETARIAT:
            apps = getattr(settings, "SECRETARIAT_PERMISSION_APPS", [])
            site_settings = _site_setting_permissions()
            permissions += [
                each
                for each in Permission.objects.filter(content_type__app_label__in=apps)
                if each.pk not in {permission.pk for permission in site_settings}
            ]
        group.permissions.add(*permissions)
    return group


def network_group(network, role):
    """The group of ``network``'s staff of ``role``: its page tree and its collection."""
    group, _ = Group.objects.get_or_create(name=f"{ROLE_GROUPS[role]} · {network.short_name}")
    root = network.site.root_page if network.site_id else None
    if root is not None:
        for permission in _permissions(("wagtailcore", codename) for codename in PAGE_PERMISSIONS[role]):
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    if network.site_id and role == StaffRole.SECRETARIAT:
        # Site settings (logo, menus, reporting rules) are changed per Site: the network's only.
        for permission in _site_setting_permissions():
            GroupSitePermission.objects.get_or_create(group=group, site_id=network.site_id, permission=permission)
    if network.collection_id:
        for permission in _permissions(COLLECTION_PERMISSIONS):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection_id=network.collection_id, permission=permission
            )
    return group


def regional_group():
    """The group ``REGIONAL_GROUP`` (the initiative's staff): the admin's door and every view permission.

    Its members read every network (``network_site.networks.is_regional_staff``)."""
    from network_site.networks import REGIONAL_GROUP

    group, created = Group.objects.get_or_create(name=REGIONAL_GROUP)
    if created:
        # Every record's view permission, not the installation's accounts (users, groups, staff).
        private = Permission.objects.filter(content_type__app_label__in=["auth", "wagtailusers"]) | (
            Permission.objects.filter(
                content_type__app_label="network_site", content_type__model__in=["user", "staffmembership"]
            )
        )
        group.permissions.add(
            *Permission.objects.filter(codename__startswith="view_").exclude(pk__in=private.values("pk")),
            *_permissions([("wagtailadmin", "access_admin")]),
        )
    return group


def _managed_groups():
    """Every group this module manages (role groups and the networks' groups)."""
    names = set(ROLE_GROUPS.values())
    return Group.objects.filter(name__in=names) | Group.objects.filter(
        name__regex=r"^(" + "|".join(ROLE_GROUPS.values()) + r") · "
    )


@transaction.atomic
def sync_staff(user):
    """Bring ``user``'s managed groups in line with their memberships (other groups are left alone)."""
    wanted = set()
    for membership in StaffMembership.objects.filter(user=user).select_related("network__site"):
        wanted.add(role_group(membership.role).pk)
        wanted.add(network_group(membership.network, membership.role).pk)
    managed = set(_managed_groups().values_list("pk", flat=True))
    current = set(user.groups.filter(pk__in=managed).values_list("pk", flat=True))
    user.groups.remove(*(current - wanted))
    user.groups.add(*(wanted - current))
    if wanted and not user.is_staff:
        type(user).objects.filter(pk=user.pk).update(is_staff=True)


def membership_changed(sender, instance, **kwargs):
    sync_staff(instance.user)


def connect_signals():
    from django.db.models.signals import post_delete, post_save

    post_save.connect(membership_changed, sender=StaffMembership, dispatch_uid="staff_membership_saved")
    post_delete.connect(membership_changed, sender=StaffMembership, dispatch_uid="staff_membership_deleted")
