from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("commitments", "0002_status_history_in_audit_log")]

    operations = [
        migrations.DeleteModel(name="CommitmentEvent"),
        migrations.DeleteModel(name="ReportEvent"),
    ]
