from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("members", "0003_membership_history_in_audit_log")]

    operations = [migrations.DeleteModel(name="MembershipChange")]
