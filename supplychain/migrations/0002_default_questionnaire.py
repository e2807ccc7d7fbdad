"""Ships the default questionnaire (ILO-IOE Guidance Tool, Spanish and English) and risk tables."""

from django.db import migrations


def forwards(apps, schema_editor):
    from supplychain import default_questionnaire, default_risk_tables

    default_questionnaire.load(apps)
    default_risk_tables.load(apps)


class Migration(migrations.Migration):
    dependencies = [("supplychain", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
