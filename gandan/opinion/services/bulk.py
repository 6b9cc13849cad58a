"""Updating many rows fast: one prepared UPDATE executed for every row (Django's bulk_update builds a CASE
expression per field and row, which costs more than the grouping itself at a hundred thousand signals)."""

from collections.abc import Iterable, Sequence

from django.db import connection, models


def rows_update(model: type[models.Model], fields: Sequence[str], objects: Iterable[models.Model]) -> int:
    """UPDATE `fields` of each object by primary key, with the values the objects hold (converted as Django
    would). Returns how many rows were sent."""
    meta = model._meta
    concrete = [field for name in fields if isinstance(field := meta.get_field(name), models.Field)]
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(str(field.column))} = %s" for field in concrete)
    assert meta.pk is not None
    # Only quoted names from the model's metadata go into the text; every value is a parameter.
    sql = f"UPDATE {quote(meta.db_table)} SET {sets} WHERE {quote(str(meta.pk.column))} = %s"  # noqa: S608
    params = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in concrete] + [obj.pk]
        for obj in objects
    ]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
    return len(params)


def rows_insert(model: type[models.Model], objects: Iterable[models.Model]) -> int:
    """INSERT the objects (their primary keys are left to the database and not read back), with every concrete
    field's value as Django would save it (auto_now_add included). Returns how many rows were sent."""
    meta = model._meta
    concrete = [
        field
        for field in meta.concrete_fields
        if isinstance(field, models.Field) and not (field.primary_key and isinstance(field, models.AutoField))
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in concrete)
    holes = ", ".join("%s" for _ in concrete)
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({holes})"  # noqa: S608 (names, not values)
    params = [
        [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in concrete]
        for obj in objects
    ]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
    return len(params)
