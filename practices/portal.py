"""What the good-practices app declares to the core (registered in wagtail_hooks.py)."""

from django.utils.translation import gettext_lazy as _

from network_site.hooks import MenuItem


def menu_items(request, account):
    return [MenuItem(_("Good practices"), "practices_portal:list", order=85)]


def public_models():
    """Practices, their documents and photos show on the public library (their changes move the page cache)."""
    from .models import GoodPractice, GoodPracticeDocument, GoodPracticePhoto

    return [GoodPractice, GoodPracticeDocument, GoodPracticePhoto]


def portal_audited_models():
    from .models import GoodPractice

    return [GoodPractice]
