"""The categories with their questions and time limits, and the place points, as one in-memory catalogue per
process: every report received reads them, and they change a few times a year. One small query per use tells
whether anything changed (the tables' counts, largest ids, the categories' last change, the points' sums); only
then is the catalogue read again (bench open311.post_request: five queries and their objects on every POST before).
"""

from dataclasses import dataclass, field
from threading import Lock

from django.db import connection

from gandan.core import fieldreports as rules
from gandan.core.fieldreports import Place, Point
from gandan.fieldreports.models import Attribute, Category, PlacePoint, TimerRule
from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS


@dataclass
class Catalogue:
    categories: dict[str, Category] = field(
        default_factory=dict
    )  # active ones, by code, attributes prefetched
    questions: dict[int, list[rules.Question]] = field(default_factory=dict)  # by category id
    timers: dict[int, list[rules.TimerRule]] = field(default_factory=dict)  # by category id
    places: list[Place] = field(default_factory=list)


_lock = Lock()
_cache: dict[str, object] = {"token": None, "value": None}


def _q(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _q_col(name: str) -> str:
    return connection.ops.quote_name(name)


def _token() -> tuple:
    # Table and column names come from the models, quoted by the backend: nothing of a request reaches this text.
    category = _q(Category)
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {category}), (SELECT MAX(changed_at) FROM {category}), "  # noqa: S608
        f"(SELECT COUNT(*) FROM {_q(Attribute)}), (SELECT MAX(id) FROM {_q(Attribute)}), "
        f"(SELECT SUM(LENGTH(code) + LENGTH(datatype) + LENGTH(description) + {_q(Attribute)}.{_q_col('order')} "
        f"+ CASE WHEN required THEN 1 ELSE 0 END + CASE WHEN variable THEN 2 ELSE 0 END) FROM {_q(Attribute)}), "
        f"(SELECT COUNT(*) FROM {_q(TimerRule)}), (SELECT MAX(id) FROM {_q(TimerRule)}), "
        f"(SELECT SUM(days) FROM {_q(TimerRule)}), "
        f"(SELECT COUNT(*) FROM {_q(PlacePoint)}), (SELECT SUM(lat) + 3 * SUM(long) FROM {_q(PlacePoint)})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return (connection.vendor, *(str(v) for v in row))


def _load() -> Catalogue:
    found = Catalogue()
    for category in Category.objects.filter(active=True).prefetch_related("attributes"):
        found.categories[category.code] = category
        found.questions[category.pk] = [
            rules.Question(
                code=a.code,
                datatype=rules.Datatype(a.datatype),
                required=a.required,
                variable=a.variable,
                values=tuple(str(v.get("key", "")) for v in (a.values or [])),
            )
            for a in category.attributes.all()
        ]
    for category_id, valid_from, days in TimerRule.objects.values_list("category_id", "valid_from", "days"):
        found.timers.setdefault(category_id, []).append(rules.TimerRule(valid_from=valid_from, days=days))
    rows = PlacePoint.objects.filter(unit__valid_to__isnull=True).values_list(
        "unit_id", "unit__kind", "unit__parent_id", "lat", "long"
    )
    for unit_id, kind, parent_id, lat, long in rows:
        if kind in GRASSROOTS_KINDS and parent_id is not None:
            commune_id = parent_id
        elif kind in COMMUNE_KINDS:
            commune_id = unit_id
        else:
            continue
        found.places.append(Place(key=unit_id, commune_key=commune_id, point=Point(float(lat), float(long))))
    return found


def catalogue() -> Catalogue:
    token = _token()
    with _lock:
        if _cache["token"] != token or _cache["value"] is None:
            _cache["value"] = _load()
            _cache["token"] = token
        return _cache["value"]  # type: ignore[return-value]
