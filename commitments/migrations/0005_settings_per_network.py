import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def to_the_default_site(apps, schema_editor):
    """The one (generic) row of an installation that held one network becomes its Site's settings."""
    CommitmentsSettings = apps.get_model("commitments", "CommitmentsSettings")
    Site = apps.get_model("wagtailcore", "Site")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    rows = list(CommitmentsSettings.objects.order_by("pk"))
    if site is None:
        CommitmentsSettings.objects.all().delete()
        return
    for extra in rows[1:]:
        extra.delete()
    if rows:
        CommitmentsSettings.objects.filter(pk=rows[0].pk).update(site=site)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0004_networks"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="commitmentssettings",
            name="site",
            field=models.OneToOneField(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                to="wagtailcore.site",
            ),
        ),
        migrations.AddField(
            model_name="commitmentssettings",
            name="report_deadline_days",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="The deadline of each progress report (blank: the installation's default, usually 30 days).",
                null=True,
                validators=[django.core.validators.MaxValueValidator(180)],
                verbose_name="days to report after a period ends",
            ),
        ),
        migrations.RunPython(to_the_default_site, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="commitmentssettings",
            name="site",
            field=models.OneToOneField(
                editable=False, on_delete=django.db.models.deletion.CASCADE, to="wagtailcore.site"
            ),
        ),
    ]
