"""The province seed's dossiers older than the recent window, one month of working days per statement (bench/province.py).

The same story as gandan/dossiers/seeding.py tells row by row, in SQL: received on a working day between 7:00 and
17:00, an appointment after the procedure's time in working days of the real calendar (bench_workday), 8 % finished
late (one to three working days after it, the current appointment moved), returned within two days of the result;
3 % refused at the desk, 2 % withdrawn, and of the cases still open by then only a stale 2 % left open (as a desk
that keeps up). Then each row's search entry, with the same text as gandan.dossiers.search.dossier_document."""

from typing import Any

from django.db import connection

from bench.province_sql import insert_columns

TZ = "Asia/Ho_Chi_Minh"
LATE_SHARE = 0.08
ONLINE_SHARE = 0.3


def procedure_days(procedure: Any) -> int:
    """Working days from receipt to appointment, as gandan.dossiers.seeding._appointment counts them."""
    from gandan.dossiers.models import TimeUnit

    if procedure.time_unit == TimeUnit.SAME_DAY:
        return 0
    if procedure.time_unit == TimeUnit.WORKING_HOURS:
        return -(-procedure.time_value // 8)
    return int(procedure.time_value)


def max_procedure_days(procedures: list) -> int:
    return max(procedure_days(p) for p in procedures)


def _statuses() -> dict[str, int]:
    from gandan.dossiers.models import Status

    return {s.name: int(s.value) for s in Status}


def insert_dossiers(days: list, count: int, procedures: list, communes: int, today: Any) -> None:
    from gandan.dossiers.models import Dossier, DossierCounter
    from gandan.dossiers.search import DOSSIER, PHONE_MARK, PHONE_PART_FROM
    from gandan.dossiers.seeding import OPEN_RECENT
    from gandan.search.models import KIND_SHIFT
    from gandan.search.services import _kind_number, index_key

    s = _statuses()
    open_codes = sorted(int(x) for x in OPEN_RECENT)
    params: dict[str, Any] = {
        "count": count,
        "days": days,
        "communes": communes,
        "proc_ids": [p.pk for p in procedures],
        "proc_days": [procedure_days(p) for p in procedures],
        "proc_fees": [int(p.fee or 0) for p in procedures],
        "proc_folded": [index_key(p.name) for p in procedures],
        "open_codes": open_codes,
        "stale": 0.02
        * 0.33,  # stale share × the share of open outcomes (gandan/dossiers/seeding.py OUTCOMES)
        "late": LATE_SHARE,
        "online": ONLINE_SHARE,
        "tz": TZ,
        "now": today,
        **{f"s_{name.lower()}": value for name, value in s.items()},
    }
    given = {
        "code": "x.unit_code || '-' || to_char(x.day, 'YYMMDD') || '-' || lpad(x.seq::text, 4, '0')",
        "procedure_id": "x.procedure_id",
        "unit_id": "x.unit_id",
        "unit_path": "x.unit_path",
        "channel": "x.channel",
        "status": "x.status",
        "applicant_name": "x.applicant_name",
        "applicant_phone": "x.phone",
        "phone_last4": "right(x.phone, 4)",
        "applicant_address": "x.unit_name",
        "submitted_at": "x.submitted",
        "fee": "x.fee",
        "received_at": "x.received",
        "appointment": "x.appointment",
        "current_appointment": "CASE WHEN x.late AND x.status <> %(s_withdrawn)s THEN x.done_day "
        "ELSE x.appointment END",
        "stat_due_at": "(x.appointment + time '23:59:59') AT TIME ZONE %(tz)s",
        "finished_at": "CASE WHEN x.status = %(s_refused)s THEN x.submitted + x.wait "
        "WHEN x.done_day IS NOT NULL THEN least((x.done_day + time '14:00' + x.fin_min) AT TIME ZONE %(tz)s, now()) END",
        "returned_at": "CASE WHEN x.status = %(s_returned)s THEN least((x.done_day + time '14:00' + x.fin_min) "
        "AT TIME ZONE %(tz)s + x.ret_hours, now()) END",
        "supplement_count": "CASE WHEN x.status = %(s_supplement)s THEN 1 ELSE 0 END",
        "paused_since": "CASE WHEN x.status = %(s_supplement)s THEN x.received + interval '1 day' END",
        "created_at": "x.submitted",
        "updated_at": "coalesce(x.received, x.submitted)",
    }
    columns, values = insert_columns(Dossier, given, params)
    statement = f"""
    WITH r AS (
        SELECT 1 + floor(random() * %(communes)s)::int AS u,
               1 + floor(random() * cardinality(%(proc_ids)s::bigint[]))::int AS p,
               (%(days)s::date[])[1 + floor(random() * cardinality(%(days)s::date[]))::int] AS day,
               make_interval(mins => 420 + floor(random() * 600)::int) AS at,
               random() AS rs, random() AS rl, random() < %(online)s AS online,
               make_interval(mins => floor(random() * 90)::int) AS wait,
               floor(random() * 2)::int AS early, 1 + floor(random() * 3)::int AS late_days,
               make_interval(hours => 1 + floor(random() * 47)::int) AS ret_hours,
               make_interval(mins => floor(random() * 60)::int) AS fin_min,
               1 + floor(random() * (SELECT count(*) FROM bench_name))::int AS n,
               '09' || lpad(floor(random() * 100000000)::bigint::text, 8, '0') AS phone
        FROM generate_series(1, %(count)s)
    ), st AS (
        SELECT r.*,
               CASE WHEN rs < 0.03 THEN %(s_refused)s WHEN rs < 0.05 THEN %(s_withdrawn)s
                    WHEN rs < 0.05 + %(stale)s
                    THEN (%(open_codes)s::int[])[1 + floor(random() * cardinality(%(open_codes)s::int[]))::int]
                    ELSE %(s_returned)s END AS status,
               (r.day + r.at) AT TIME ZONE %(tz)s AS submitted
        FROM r
    ), a AS (
        SELECT st.*, wa.result AS appointment,
               CASE WHEN st.status NOT IN (%(s_new)s, %(s_refused)s) THEN st.submitted + st.wait END AS received
        FROM st
        LEFT JOIN bench_workday wa ON wa.day = st.day AND wa.n = (%(proc_days)s::int[])[st.p]
            AND st.status NOT IN (%(s_new)s, %(s_refused)s)
    ), f AS (
        SELECT a.*, a.rl < %(late)s AS late,
               CASE WHEN a.status IN (%(s_processed)s, %(s_returned)s, %(s_withdrawn)s) THEN greatest(
                   CASE WHEN a.rl < %(late)s THEN wl.result ELSE a.appointment - a.early END, a.day) END AS done_day
        FROM a LEFT JOIN bench_workday wl ON wl.day = a.appointment AND wl.n = a.late_days
    ), x AS (
        SELECT f.*, u.id AS unit_id, u.path AS unit_path, u.code AS unit_code, u.name AS unit_name,
               nm.name AS applicant_name, (%(proc_ids)s::bigint[])[f.p] AS procedure_id,
               (%(proc_fees)s::int[])[f.p] AS fee,
               CASE WHEN f.online THEN 2 ELSE 1 END AS channel,
               coalesce(c.last, 0) + row_number() OVER (PARTITION BY f.u, f.day ORDER BY f.submitted) AS seq
        FROM f JOIN bench_unit u ON u.idx = f.u JOIN bench_name nm ON nm.idx = f.n
        LEFT JOIN dossiers_dossiercounter c ON c.unit_id = u.id AND c.day = f.day
    )
    INSERT INTO dossiers_dossier ({columns}) SELECT {values} FROM x
    """  # noqa: S608  (column names from the model, values as parameters)
    statement = statement.replace("CASE WHEN f.online THEN 2 ELSE 1 END", _channel_sql())
    number = _kind_number(DOSSIER, create=True)
    phone_parts = " || ' ' || ".join(
        f"'{PHONE_MARK}' || substr(d.applicant_phone, {i})" for i in range(1, 10 - PHONE_PART_FROM + 2)
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM dossiers_dossier")
        last = cursor.fetchone()[0]
        cursor.execute(statement, params)
        cursor.execute(
            f"""INSERT INTO search_searchdocument (id, kind, object_id, unit_path, folded, updated_at)
            SELECT (%(number)s::bigint << {KIND_SHIFT}) | d.id, %(kind)s, d.id, d.unit_path,
                   replace(d.code, '-', ' ') || ' ' || nm.folded || ' ' || d.applicant_phone || ' ' || {phone_parts}
                   || ' ' || u.folded || ' ' || (%(proc_folded)s::text[])[array_position(%(proc_ids)s::bigint[],
                   d.procedure_id)], now()
            FROM dossiers_dossier d JOIN bench_name nm ON nm.name = d.applicant_name
            JOIN bench_unit u ON u.id = d.unit_id
            WHERE d.id > %(last)s""",  # noqa: S608
            {**params, "number": number, "kind": DOSSIER, "last": last},
        )
        cursor.execute(
            f"""INSERT INTO {DossierCounter._meta.db_table} (unit_id, day, last)
            SELECT unit_id, (submitted_at AT TIME ZONE %(tz)s)::date, max(split_part(code, '-', 3)::int)
            FROM dossiers_dossier WHERE id > %(last)s GROUP BY 1, 2
            ON CONFLICT (unit_id, day) DO UPDATE SET last = greatest(EXCLUDED.last,
                {DossierCounter._meta.db_table}.last)""",  # noqa: S608
            {"tz": TZ, "last": last},
        )


def _channel_sql() -> str:
    from gandan.dossiers.models import Channel

    return f"CASE WHEN f.online THEN {int(Channel.ONLINE)} ELSE {int(Channel.IN_PERSON)} END"
