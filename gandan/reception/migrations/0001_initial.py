"""Citizen reception leaves the petitions app (issue #10): its three models move here WITHOUT touching a row.

The tables keep their names (`petitions_receptionday`, `petitions_receptionrecord`, `petitions_conclusionnotice`,
set by each model's Meta.db_table), so this migration creates the models in Django's state only; petitions'
0006 then removes them from petitions' state and points `Task.conclusion` here. On a fresh database the tables
were created by petitions' 0001 and simply change owner. The content types follow, so nothing keyed on them
(permissions) is left behind under the old app.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ["receptionday", "receptionrecord", "conclusionnotice"]


def content_types_follow(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not content_type.objects.using(db).filter(app_label="reception", model=model).exists():
            content_type.objects.using(db).filter(app_label="petitions", model=model).update(
                app_label="reception"
            )


def content_types_return(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not content_type.objects.using(db).filter(app_label="petitions", model=model).exists():
            content_type.objects.using(db).filter(app_label="reception", model=model).update(
                app_label="petitions"
            )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("petitions", "0005_lookup_secret"),
        ("units", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ReceptionDay",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("unit_path", models.CharField(editable=False, max_length=255)),
                        (
                            "leader_kind",
                            models.CharField(
                                choices=[
                                    ("commune_chairman", "Commune People's Committee chairman"),
                                    ("commune_party_secretary", "Commune Party secretary"),
                                    ("province_chairman", "Provincial People's Committee chairman"),
                                    ("province_party_secretary", "Provincial Party secretary"),
                                    ("other_head", "Head of another body"),
                                ],
                                max_length=30,
                                verbose_name="as",
                            ),
                        ),
                        ("day", models.DateField(verbose_name="date")),
                        ("place", models.CharField(max_length=300, verbose_name="place")),
                        ("ad_hoc", models.BooleanField(default=False, verbose_name="ad-hoc reception")),
                        ("ad_hoc_reason", models.TextField(blank=True, verbose_name="why ad hoc")),
                        ("held", models.BooleanField(default=False)),
                        ("cancelled_reason", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "leader",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="leader",
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="units.unit"
                            ),
                        ),
                    ],
                    options={
                        "db_table": "petitions_receptionday",
                        "ordering": ["-day", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="ConclusionNotice",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("number", models.CharField(max_length=60, verbose_name="number")),
                        ("issued_on", models.DateField(verbose_name="issued on")),
                        ("content", models.TextField(verbose_name="conclusions")),
                        (
                            "created_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "reception_day",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="conclusions",
                                to="reception.receptionday",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "petitions_conclusionnotice",
                        "ordering": ["-issued_on", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="ReceptionRecord",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("unit_path", models.CharField(editable=False, max_length=255)),
                        ("at", models.DateTimeField(verbose_name="received at")),
                        ("citizen_name", models.CharField(max_length=200, verbose_name="full name")),
                        ("citizen_address", models.CharField(max_length=300, verbose_name="address")),
                        (
                            "id_number",
                            models.CharField(
                                blank=True, max_length=20, verbose_name="citizen ID or passport"
                            ),
                        ),
                        (
                            "people_count",
                            models.PositiveIntegerField(default=1, verbose_name="number of people"),
                        ),
                        ("content", models.TextField(verbose_name="content")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("complaint", "Complaint"),
                                    ("denunciation", "Denunciation"),
                                    ("recommendation", "Recommendation"),
                                    ("reflection", "Reflection"),
                                    ("anonymous", "Anonymous information"),
                                ],
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                        (
                            "prior_body",
                            models.CharField(
                                blank=True, max_length=300, verbose_name="body that already handled it"
                            ),
                        ),
                        (
                            "competent",
                            models.BooleanField(default=True, verbose_name="within our competence"),
                        ),
                        ("guided_to", models.CharField(blank=True, max_length=300, verbose_name="guided to")),
                        (
                            "outcome",
                            models.CharField(
                                choices=[
                                    ("recorded", "Petition recorded"),
                                    ("guided", "Guided to the competent body"),
                                    ("answered", "Answered on the spot"),
                                    ("refused", "Reception refused"),
                                ],
                                default="recorded",
                                max_length=20,
                                verbose_name="outcome",
                            ),
                        ),
                        ("refusal_reason", models.TextField(blank=True, verbose_name="reason for refusal")),
                        (
                            "documents_received",
                            models.TextField(blank=True, verbose_name="documents received"),
                        ),
                        ("follow_up", models.TextField(blank=True, verbose_name="follow-up of the outcome")),
                        ("note", models.TextField(blank=True, verbose_name="notes")),
                        (
                            "officer",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "petition",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="reception_records",
                                to="petitions.petition",
                            ),
                        ),
                        (
                            "reception_day",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="records",
                                to="reception.receptionday",
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="units.unit"
                            ),
                        ),
                    ],
                    options={
                        "db_table": "petitions_receptionrecord",
                        "ordering": ["-at", "-id"],
                    },
                ),
                migrations.AddIndex(
                    model_name="receptionday",
                    index=models.Index(fields=["unit_path", "day"], name="receptionday_period"),
                ),
                migrations.AddConstraint(
                    model_name="receptionday",
                    constraint=models.UniqueConstraint(
                        fields=("leader", "day"), name="one_reception_day_per_leader_day"
                    ),
                ),
                migrations.AddIndex(
                    model_name="receptionrecord",
                    index=models.Index(fields=["unit_path", "at"], name="reception_period"),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
