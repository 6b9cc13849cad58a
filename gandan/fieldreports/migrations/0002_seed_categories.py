"""The starting categories, their extra questions and time limits (data/categories.json): data an official edits,
not code. Loaded once; a later edit in the pages is never overwritten."""

import datetime as dt
import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "categories.json"


def seed(apps, schema_editor):
    Category = apps.get_model("fieldreports", "Category")
    Attribute = apps.get_model("fieldreports", "Attribute")
    TimerRule = apps.get_model("fieldreports", "TimerRule")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    valid_from = dt.date.fromisoformat(data["valid_from"])
    for order, row in enumerate(data["categories"], start=1):
        if Category.objects.filter(code=row["code"]).exists():
            continue
        category = Category.objects.create(
            code=row["code"],
            name=row["name"],
            description=row.get("description", ""),
            keywords=row.get("keywords", ""),
            group=row.get("group", ""),
            level=row.get("level", "commune"),
            order=order * 10,
        )
        for number, attribute in enumerate(row.get("attributes", []), start=1):
            Attribute.objects.create(
                category=category,
                code=attribute["code"],
                datatype=attribute["datatype"],
                required=attribute.get("required", False),
                description=attribute["description"],
                datatype_description=attribute.get("datatype_description", ""),
                order=number,
                values=attribute.get("values", []),
            )
        TimerRule.objects.create(category=category, valid_from=valid_from, days=row["days"], source=data["source"])


class Migration(migrations.Migration):
    dependencies = [("fieldreports", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
