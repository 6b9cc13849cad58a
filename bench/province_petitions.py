"""The province seed's petitions older than the recent window, one month of working days per statement
(bench/province.py).

As gandan/petitions/seeding.py writes them, in SQL: the matters' own words (a pool of texts drawn from its MATTERS
with its `_text`), a third of the letters from petitioners who write again (a pool of people), codes numbered per
commune and year after the counters, the closed statuses of letters older than 45 days (STATUS_SHARES), denunciations
under protection (their person in ProtectedIdentity, none in Petitioner), and the duplicate keys: as many per
petition as a real fingerprint gives, the person keys shared by a petitioner's letters (`_synthetic_keys`)."""

import random
from typing import Any

from django.db import connection

from bench.province_sql import insert_columns

TZ = "Asia/Ho_Chi_Minh"
TEXTS = 4_000
PEOPLE = 20_000
LETTERS_PER_MATTER = 50  # as gandan/petitions/seeding.py _MATTER_POOL: ~50 letters share a matter key
PROTECTED_DISPLAY = "Người tố cáo (được bảo vệ)"


def prepare_petitions(rng: random.Random, scale: float) -> None:
    """The TEMP pools the monthly statements draw from: texts, people, matter keys."""
    from bench.province import FULL_PETITIONS
    from gandan.core.sample_names import sample_name
    from gandan.petitions import dupcheck
    from gandan.petitions.models import Kind
    from gandan.petitions.seeding import MATTERS, VILLAGES, _person, _text
    from gandan.search.services import index_key

    weights = [m[1] for m in MATTERS]
    texts = []
    for i in range(TEXTS):
        kind, _share, subjects, sentences = rng.choices(MATTERS, weights=weights)[0]
        village = rng.choice(VILLAGES)
        subject = rng.choice(subjects).format(v=village)
        content = _text(rng, sentences, village, sample_name(rng))
        texts.append(
            (i + 1, str(kind), subject, content, index_key(f"{subject} {content}"), kind == Kind.DENUNCIATION)
        )
    people = []
    for i in range(PEOPLE):
        person = _person(rng, rng.choice(VILLAGES))
        keys = [
            dupcheck.key_number(f"{tag}:{person[field]}")
            for tag, field in (("c", "id_number"), ("p", "phone"), ("n", "name"))
        ]
        people.append(
            (
                i + 1,
                person["name"],
                person["address"],
                person["phone"],
                person["id_number"],
                index_key(person["name"]),
                keys,
            )
        )
    matters = max(1_000, round(FULL_PETITIONS * scale / LETTERS_PER_MATTER))
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_text (idx int PRIMARY KEY, kind text, subject text, content text, folded text,"
            " protected boolean)"
        )
        cursor.executemany("INSERT INTO bench_text VALUES (%s, %s, %s, %s, %s, %s)", texts)
        cursor.execute(
            "CREATE TEMP TABLE bench_person (idx int PRIMARY KEY, name text, address text, phone text,"
            " id_number text, folded text, keys bigint[])"
        )
        cursor.executemany("INSERT INTO bench_person VALUES (%s, %s, %s, %s, %s, %s, %s)", people)
        cursor.execute(
            "CREATE TEMP TABLE bench_matter AS SELECT g AS idx, 0::bigint AS key FROM generate_series(1, %s) g",
            [matters],
        )
        cursor.executemany(
            "UPDATE bench_matter SET key = %s WHERE idx = %s",
            [(dupcheck.key_number(f"m:{i}"), i) for i in range(1, matters + 1)],
        )
        cursor.execute(
            "ALTER TABLE bench_matter ADD PRIMARY KEY (idx); ANALYZE bench_text, bench_person, bench_matter"
        )


def _closed_statuses() -> tuple[list[str], list[float]]:
    from gandan.petitions.seeding import STATUS_SHARES

    total = sum(share for share, _status in STATUS_SHARES)
    statuses = [str(status) for _share, status in STATUS_SHARES]
    running, bounds = 0.0, []
    for share, _status in STATUS_SHARES:
        running += share / total
        bounds.append(running)
    bounds[-1] = 1.0
    return statuses, bounds


def insert_petitions(days: list, count: int, communes: int, today: Any) -> None:
    from gandan.core import duplicates as dup
    from gandan.petitions.models import Petition, PetitionCounter, Petitioner, ProtectedIdentity, Status
    from gandan.petitions.search import PETITION
    from gandan.petitions.seeding import CHANNELS
    from gandan.search.models import KIND_SHIFT
    from gandan.search.services import _kind_number

    statuses, bounds = _closed_statuses()
    status_case = " ".join(
        f"WHEN rs < {bound!r} THEN '{status}'" for status, bound in zip(statuses, bounds, strict=True)
    )
    not_accepted = [str(Status.RECEIVED), str(Status.FILED), str(Status.GUIDED), str(Status.FORWARDED)]
    params: dict[str, Any] = {
        "count": count,
        "days": days,
        "communes": communes,
        "channels": [str(c) for c in CHANNELS],
        "tz": TZ,
        "today": today,
        "resolved": str(Status.RESOLVED),
        "not_accepted": not_accepted,
        "protected_display": PROTECTED_DISPLAY,
    }
    sequence = "pg_get_serial_sequence('petitions_petition', 'id')"
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_batch")
        cursor.execute(
            f"""CREATE TEMP TABLE bench_batch AS
            WITH r AS (
                SELECT 1 + floor(random() * %(communes)s)::int AS u,
                       1 + floor(random() * (SELECT count(*) FROM bench_text))::int AS t,
                       1 + floor(random() * (SELECT count(*) FROM bench_person))::int AS pe,
                       1 + floor(random() * (SELECT count(*) FROM bench_matter))::int AS m,
                       (%(days)s::date[])[1 + floor(random() * cardinality(%(days)s::date[]))::int] AS day,
                       make_interval(mins => 420 + floor(random() * 600)::int) AS at,
                       random() AS rs, 10 + floor(random() * 31)::int AS resolve_days,
                       (%(channels)s::text[])[1 + floor(random() * cardinality(%(channels)s::text[]))::int] AS channel
                FROM generate_series(1, %(count)s)
            ), s AS (
                SELECT r.*, CASE {status_case} END AS status, (r.day + r.at) AT TIME ZONE %(tz)s AS received
                FROM r
            )
            SELECT nextval({sequence}) AS id, s.*, u.id AS unit_id, u.path AS unit_path, u.code AS unit_code,
                   coalesce(c.last, 0) + row_number() OVER (
                       PARTITION BY s.u, extract(year FROM s.day) ORDER BY s.received) AS seq
            FROM s JOIN bench_unit u ON u.idx = s.u
            LEFT JOIN {PetitionCounter._meta.db_table} c
                ON c.unit_id = u.id AND c.year = extract(year FROM s.day)::int""",  # noqa: S608
            params,
        )
        given = {
            "id": "b.id",
            "code": "'DT-' || b.unit_code || '-' || to_char(b.day, 'YY') || '-' || lpad(b.seq::text, 5, '0')",
            "unit_id": "b.unit_id",
            "unit_path": "b.unit_path",
            "kind": "t.kind",
            "channel": "b.channel",
            "status": "b.status",
            "received_at": "b.received",
            "received_on": "b.day",
            "subject": "t.subject",
            "content": "t.content",
            "petitioner_display": "CASE WHEN t.protected THEN %(protected_display)s ELSE pe.name END",
            "phone_last4": "right(pe.phone, 4)",
            "protected": "t.protected",
            "accepted_on": "CASE WHEN b.status <> ALL(%(not_accepted)s::text[]) THEN b.day + 3 END",
            "resolved_on": "CASE WHEN b.status = %(resolved)s THEN least(b.day + b.resolve_days, %(today)s::date) END",
            "created_at": "b.received",
            "updated_at": "b.received",
        }
        columns, values = insert_columns(Petition, given, params)
        joins = "FROM bench_batch b JOIN bench_text t ON t.idx = b.t JOIN bench_person pe ON pe.idx = b.pe"
        cursor.execute(f"INSERT INTO petitions_petition ({columns}) SELECT {values} {joins}", params)
        given = {
            "petition_id": "b.id", "position": "0", "name": "pe.name", "address": "pe.address",
            "phone": "pe.phone", "id_number": "pe.id_number",
        }  # fmt: skip
        columns, values = insert_columns(Petitioner, given, params)
        cursor.execute(
            f"INSERT INTO {Petitioner._meta.db_table} ({columns}) SELECT {values} {joins} WHERE NOT t.protected",
            params,
        )
        given = {
            "petition_id": "b.id",
            "persons": "jsonb_build_array(jsonb_build_object('name', pe.name, 'address', pe.address,"
            " 'phone', pe.phone, 'id_number', pe.id_number))",
            "original_text": "t.content",
        }
        columns, values = insert_columns(ProtectedIdentity, given, params)
        cursor.execute(
            f"INSERT INTO {ProtectedIdentity._meta.db_table} ({columns}) SELECT {values} {joins} WHERE t.protected",
            params,
        )
        # Three person keys, one of the matter, one per LSH band (random: unrelated texts share none).
        cursor.execute(
            f"""INSERT INTO petitions_duplicatekey (key, petition_id)
            SELECT unnest(pe.keys || m.key), b.id FROM bench_batch b JOIN bench_person pe ON pe.idx = b.pe
                JOIN bench_matter m ON m.idx = b.m
            UNION ALL
            SELECT (random() * 9.2e18)::bigint, b.id FROM bench_batch b CROSS JOIN generate_series(1, {dup.BANDS})""",  # noqa: S608
        )
        cursor.execute(
            f"""INSERT INTO search_searchdocument (id, kind, object_id, unit_path, folded, updated_at)
            SELECT (%(number)s::bigint << {KIND_SHIFT}) | b.id, %(kind)s, b.id, b.unit_path,
                   'dt ' || b.unit_code || ' ' || to_char(b.day, 'YY') || ' ' || lpad(b.seq::text, 5, '0') || ' '
                   || t.folded || CASE WHEN t.protected THEN '' ELSE ' ' || pe.folded END, now()
            {joins}""",
            {"number": _kind_number(PETITION, create=True), "kind": PETITION},
        )
        cursor.execute(
            f"""INSERT INTO {PetitionCounter._meta.db_table} (unit_id, year, last)
            SELECT unit_id, extract(year FROM day)::int, max(seq) FROM bench_batch GROUP BY 1, 2
            ON CONFLICT (unit_id, year) DO UPDATE SET last = greatest(EXCLUDED.last,
                {PetitionCounter._meta.db_table}.last)""",  # noqa: S608
        )
        cursor.execute("DROP TABLE bench_batch")
