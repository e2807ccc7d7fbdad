"""Accounts' own e-mail addresses recorded unverified (e.g. by an anonymous password-reset request)
become verified: they blocked two-factor activation (members.adapters.vouch_for_the_accounts_own_address)."""

from django.db import migrations
from django.db.models import F
from django.db.models.functions import Lower


def verify_own_addresses(apps, schema_editor):
    EmailAddress = apps.get_model("account", "EmailAddress")
    own = EmailAddress.objects.annotate(lower=Lower("email"), own=Lower("user__email")).filter(
        verified=False, lower=F("own")
    )
    EmailAddress.objects.filter(pk__in=list(own.values_list("pk", flat=True))).update(verified=True)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0006_networks"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(verify_own_addresses, migrations.RunPython.noop)]
