"""Writing many rows fast: one prepared statement executed for every row. Django's bulk_update builds a CASE
expression per field and row, and bulk_create builds its statement field by field in Python; at a hundred thousand
signals either costs more than the grouping itself.

Values are converted as Django would save them, except where that is known to change nothing: a str, int, bool,
float or None in a text, number, boolean or integer-keyed relation field goes to the driver as it is (Django's
conversion of those is a call chain that returns the same value; it cost a tenth of an import), and an aware
datetime goes straight to the backend's adaptation (the rest of Django's chain returns it unchanged)."""

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from django.db import connection, models

#: Fields whose saved form of a plain value is the value itself (these classes exactly: a subclass may convert).
_PLAIN_FIELDS = frozenset(
    {
        models.CharField,
        models.TextField,
        models.BooleanField,
        models.IntegerField,
        models.SmallIntegerField,
        models.BigIntegerField,
        models.PositiveIntegerField,
        models.PositiveSmallIntegerField,
        models.PositiveBigIntegerField,
        models.FloatField,
        models.AutoField,
        models.BigAutoField,
    }
)
_PLAIN_VALUES = frozenset({str, int, bool, float, type(None)})


def _plain(field: "models.Field[Any, Any]") -> bool:
    if isinstance(field, models.ForeignKey):
        return type(field) is models.ForeignKey and _plain(field.target_field)
    return type(field) in _PLAIN_FIELDS


def _converter(field: "models.Field[Any, Any]") -> Callable[[Any], Any]:
    """value → what the driver receives, for `field`."""
    prep = field.get_db_prep_save
    if type(field) is models.DateTimeField:
        # An aware datetime is saved as the backend adapts it: Django's own preparation of one returns it as it is.
        adapt = connection.ops.adapt_datetimefield_value

        def convert_datetime(value: Any) -> Any:
            if type(value) is datetime and value.utcoffset() is not None:
                return adapt(value)
            return prep(value, connection)

        return convert_datetime
    if not _plain(field):
        return lambda value: prep(value, connection)
    plain = _PLAIN_VALUES

    def convert(value: Any) -> Any:
        return value if type(value) in plain else prep(value, connection)

    return convert


Read = tuple["models.Field[Any, Any]", str, Callable[[Any], Any], bool]


def _insert_plan(model: type[models.Model]) -> tuple[str, int, list[Read]]:
    """The quoted column list of an INSERT of `model` (every concrete field but an automatic key), how many
    columns, and how each object's value of each is read: (field, attribute, converter, whether pre_save sets it —
    auto_now, auto_now_add; elsewhere pre_save only reads the attribute)."""
    concrete = [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.Field) and not (field.primary_key and isinstance(field, models.AutoField))
    ]
    quote = connection.ops.quote_name
    reads: list[Read] = [
        (field, field.attname, _converter(field), type(field).pre_save is not models.Field.pre_save)
        for field in concrete
    ]
    return ", ".join(quote(str(field.column)) for field in concrete), len(concrete), reads


def _values(obj: models.Model, reads: list[Read]) -> list[Any]:
    return [
        convert(field.pre_save(obj, True) if presave else getattr(obj, attname))
        for field, attname, convert, presave in reads
    ]


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
    reads = [(field.attname, _converter(field)) for field in concrete]
    params = [[convert(getattr(obj, attname)) for attname, convert in reads] + [obj.pk] for obj in objects]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
    return len(params)


def rows_insert(model: type[models.Model], objects: Iterable[models.Model]) -> int:
    """INSERT the objects (their primary keys are left to the database and not read back), with every concrete
    field's value as Django would save it (auto_now_add included). Returns how many rows were sent."""
    columns, count, reads = _insert_plan(model)
    holes = ", ".join(["%s"] * count)
    table = connection.ops.quote_name(model._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({holes})"  # noqa: S608 (names, not values)
    params = [_values(obj, reads) for obj in objects]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
    return len(params)


def rows_upsert(
    model: type[models.Model],
    key: Sequence[str],
    fields: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    add: bool = False,
) -> int:
    """INSERT rows of (`key` fields…, `fields`…) values, or where a row with that key exists UPDATE its `fields`
    to the new values (`add`: add the new values to the stored ones). The key must be unique in the table. Values
    are sent as given (plain values: str, int, a date)."""
    meta = model._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    key_columns = [quote(str(meta.get_field(name).column)) for name in key]  # type: ignore[union-attr]
    value_columns = [quote(str(meta.get_field(name).column)) for name in fields]  # type: ignore[union-attr]
    columns = ", ".join(key_columns + value_columns)
    holes = ", ".join("%s" for _ in key_columns + value_columns)
    sets = ", ".join(
        f"{column} = {table}.{column} + excluded.{column}" if add else f"{column} = excluded.{column}"
        for column in value_columns
    )
    # Names from the model's metadata only; every value is a parameter. SQLite (3.24+) and PostgreSQL both read it.
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES ({holes}) "  # noqa: S608
        f"ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET {sets}"
    )
    params = [list(row) for row in rows]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
    return len(params)


def rows_create(model: type[models.Model], objects: Sequence[models.Model]) -> int:
    """INSERT the objects and set their new primary keys (as bulk_create does, without building each statement
    field by field): a few hundred rows a statement, their keys read back with RETURNING where the database can
    (SQLite 3.35+, PostgreSQL); elsewhere Django's bulk_create. Returns how many rows were inserted."""
    if not objects:
        return 0
    if not connection.features.can_return_rows_from_bulk_insert:
        model.objects.bulk_create(objects, batch_size=500)  # type: ignore[attr-defined]
        return len(objects)
    meta = model._meta
    assert meta.pk is not None
    columns, count, reads = _insert_plan(model)
    quote = connection.ops.quote_name
    row_holes = "(" + ", ".join(["%s"] * count) + ")"
    per_statement = max(1, min(500, 30_000 // max(1, count)))  # under SQLite's 32,766 parameters
    with connection.cursor() as cursor:
        for start in range(0, len(objects), per_statement):
            part = objects[start : start + per_statement]
            params: list[Any] = []
            for obj in part:
                params += _values(obj, reads)
            # Names from the model's metadata only; every value is a parameter.
            sql = (
                f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "  # noqa: S608
                f"{', '.join([row_holes] * len(part))} RETURNING {quote(str(meta.pk.column))}"
            )
            cursor.execute(sql, params)
            keys = [row[0] for row in cursor.fetchall()]
            for obj, key in zip(part, keys, strict=True):
                obj.pk = key
                obj._state.adding = False
                obj._state.db = connection.alias
    return len(objects)
