"""Plausible petitions in bulk, for the benchmarks (a million); the demo tells its year through the services
(`demo_story.py`, which borrows this file's MATTERS: the words of the commune's people).

Like the desk's seeding, this bypasses the services on purpose: it writes history that "already happened" in
batches, with consistent codes, statuses, statutory deadlines and search entries. Never used for real work.

`real_keys=False` (the bulk of the benchmark) stores synthetic duplicate keys: the same number per petition as a
real fingerprint gives, with a petitioner's person keys repeated across his petitions, so the key table has the
size and shape of a real one, without the ~2 ms per petition of computing real fingerprints a million times."""

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from gandan.core import duplicates as dup
from gandan.core import petition_clocks as pc
from gandan.core.sample_names import sample_name
from gandan.petitions import dupcheck, rules
from gandan.petitions.models import (
    Channel,
    Clock,
    Kind,
    Petition,
    PetitionCounter,
    Petitioner,
    ProtectedIdentity,
    Status,
    StoredFingerprint,
)
from gandan.petitions.search import PETITION, petition_text
from gandan.petitions.services.clocks import rule_for
from gandan.search.services import bulk_index
from gandan.workcalendar.selectors import work_calendar

VILLAGES = [
    "Đồng Thịnh",
    "Cao Phong",
    "Đồng Mỏ",
    "Bảo Sơn",
    "Tứ Yên",
    "Lãng Sơn",
    "Đức Bác",
    "Phương Khoan",
    "Nhạo Sơn",
    "Quang Yên",
    "Đồng Quế",
    "Hải Lựu",
]
# (kind, share, subject templates, content sentences). {v}: village, {n}: a person, {k}: a number.
MATTERS = [
    (
        Kind.COMPLAINT,
        0.30,
        [
            "Khiếu nại quyết định thu hồi đất tại thôn {v}",
            "Khiếu nại về mức bồi thường giải phóng mặt bằng đường liên xã",
            "Khiếu nại việc không cấp giấy chứng nhận quyền sử dụng đất",
        ],
        [
            "Gia đình tôi bị thu hồi {k} mét vuông đất nông nghiệp tại xứ đồng {v}.",
            "Mức bồi thường {k}.000 đồng một mét vuông thấp hơn giá thị trường.",
            "Tôi đã nộp đủ hồ sơ từ tháng {m} nhưng chưa được cấp giấy chứng nhận.",
            "Quyết định số {k}/QĐ-UBND không xem xét phần đất trồng cây lâu năm của gia đình tôi.",
            "Đề nghị xem xét lại quyết định và đo đạc lại diện tích thực tế.",
        ],
    ),
    (
        Kind.DENUNCIATION,
        0.12,
        [
            "Tố cáo trưởng thôn {v} thu tiền trái quy định",
            "Tố cáo cán bộ địa chính xã gây khó khăn khi làm thủ tục",
            "Tố cáo việc khai thác cát trái phép trên sông Lô",
        ],
        [
            "Ông {n} tự ý thu của mỗi hộ {k}0.000 đồng mà không có biên lai.",
            "Việc thu tiền diễn ra từ tháng {m} đến nay, nhiều hộ không đồng ý.",
            "Có {k} xe tải chở cát ra vào bến ban đêm gây sạt lở bờ sông.",
            "Tôi có ảnh chụp và danh sách các hộ đã nộp tiền kèm theo đơn.",
            "Đề nghị cơ quan có thẩm quyền kiểm tra, xử lý nghiêm theo quy định.",
        ],
    ),
    (
        Kind.RECOMMENDATION,
        0.28,
        [
            "Kiến nghị sửa chữa đường liên thôn {v}",
            "Kiến nghị lắp đèn chiếu sáng tuyến đường trục thôn {v}",
            "Kiến nghị hỗ trợ nước sạch cho các hộ thôn {v}",
        ],
        [
            "Đoạn đường dài khoảng {k}00 mét bị sụt lún, mùa mưa đi lại rất khó khăn.",
            "Nhiều học sinh đi học qua đoạn đường này phải lội bùn.",
            "Đã có {k} vụ va quẹt xe máy vì không có đèn chiếu sáng.",
            "Nguồn nước giếng khoan của {k}0 hộ bị nhiễm đá vôi.",
            "Kính đề nghị UBND xã đưa vào kế hoạch đầu tư năm tới.",
        ],
    ),
    (
        Kind.REFLECTION,
        0.30,
        [
            "Phản ánh ô nhiễm từ trại lợn ở thôn {v}",
            "Phản ánh tiếng ồn của xưởng mộc gần khu dân cư thôn {v}",
            "Phản ánh việc đổ rác thải ra kênh mương nội đồng",
        ],
        [
            "Mùi hôi từ trại lợn của ông {n} bốc lên nồng nặc nhất là buổi chiều.",
            "Nước thải chảy thẳng ra mương tưới tiêu của {k}0 hộ.",
            "Xưởng mộc hoạt động cả sau 22 giờ, ảnh hưởng giấc ngủ của người già và trẻ nhỏ.",
            "Rác thải sinh hoạt bị đổ xuống kênh gây tắc dòng chảy vào mùa vụ tháng {m}.",
            "Đề nghị chính quyền kiểm tra và có biện pháp xử lý dứt điểm.",
        ],
    ),
]
STATUS_SHARES = [
    (0.55, Status.RESOLVED),
    (0.10, Status.FORWARDED),
    (0.07, Status.GUIDED),
    (0.05, Status.FILED),
    (0.03, Status.NOT_ACCEPTED),
    (0.03, Status.MERGED),
    (0.02, Status.WITHDRAWN),
]
OPEN_STATUSES = (Status.RECEIVED, Status.ACCEPTED)
CHANNELS = [Channel.DIRECT, Channel.POST, Channel.ONLINE, Channel.RECEPTION, Channel.FRONT, Channel.FORWARDED]


def _person(rng: random.Random, village: str) -> dict:
    return {
        "name": sample_name(rng),
        "address": f"Thôn {village}",
        "phone": f"09{rng.randrange(10**8):08d}",
        "id_number": f"025{rng.choice('0123')}{rng.randrange(40, 100):02d}{rng.randrange(10**6):06d}",
    }


def _text(rng: random.Random, sentences: list[str], village: str, person: str) -> str:
    picked = rng.sample(sentences, k=rng.randint(3, len(sentences)))
    fill = {"v": village, "n": person, "k": rng.randint(2, 99), "m": rng.randint(1, 12)}
    return " ".join(s.format(**fill) for s in picked)


def seed_petitions(
    *,
    count: int,
    units: list,
    start: dt.date,
    end: dt.date,
    seed: int = 2026,
    real_keys: bool = True,
    batch: int = 5000,
    progress: Callable[[int], None] | None = None,
    assignees: dict | None = None,
) -> int:
    assignees = assignees or {}
    rng = random.Random(seed)
    calendar = work_calendar()
    tz = timezone.get_current_timezone()
    now = timezone.now()
    today = timezone.localdate()
    span = max((end - start).days, 1)
    counters: dict[tuple[int, int], int] = defaultdict(int)
    for c in PetitionCounter.objects.filter(unit__in=units):
        counters[(c.unit_id, c.year)] = c.last
    people_pool: list[dict] = []  # petitioners who write again (a third of petitions)
    weights = [m[1] for m in MATTERS]
    rule_cache: dict = {}
    created = 0
    while created < count:
        size = min(batch, count - created)
        rows: list[Petition] = []
        people: list[dict[str, Any]] = []
        clocks: list[tuple[int, Clock]] = []
        for _ in range(size):
            unit = units[rng.randrange(len(units))]
            kind, _share, subjects, sentences = rng.choices(MATTERS, weights=weights)[0]
            village = rng.choice(VILLAGES)
            person = rng.choice(people_pool) if people_pool and rng.random() < 0.33 else _person(rng, village)
            if len(people_pool) < 5000:
                people_pool.append(person)
            day = start + dt.timedelta(days=rng.randrange(span + 1))
            received = dt.datetime.combine(day, dt.time(7 + rng.randrange(10), rng.randrange(60)), tzinfo=tz)
            if received > now:
                received = now - dt.timedelta(minutes=rng.randrange(1, 600))
                day = timezone.localtime(received).date()
            age = (today - day).days
            status = Status.RECEIVED if age < 7 else Status.ACCEPTED
            if (
                age >= 45 or rng.random() < 0.15
            ):  # the unit keeps up: old cases are closed, one way or another
                status = rng.choices([c for _s, c in STATUS_SHARES], weights=[s for s, _c in STATUS_SHARES])[
                    0
                ]
            counters[(unit.id, day.year)] += 1
            protected = kind == Kind.DENUNCIATION
            subject = rng.choice(subjects).format(v=village)
            content = _text(rng, sentences, village, sample_name(rng))
            due = None
            accepted_on = (
                day + dt.timedelta(days=3)
                if status not in (Status.RECEIVED, Status.FILED, Status.GUIDED, Status.FORWARDED)
                else None
            )
            if status in OPEN_STATUSES:
                role = Clock.Role.INTAKE if status == Status.RECEIVED else Clock.Role.RESOLVE
                key = (
                    rules.intake_clock_key(rules.Kind(kind))
                    if role == Clock.Role.INTAKE
                    else rules.resolution_clock_key(rules.Kind(kind))
                )
                begin = day if role == Clock.Role.INTAKE else accepted_on
                assert (
                    key is not None and begin is not None
                )  # open statuses have a clock, accepted ones a date
                rule = rule_cache.get((key, day)) or rule_cache.setdefault((key, day), rule_for(key, day))
                due = pc.deadline(begin, rule.days, pc.DayUnit(rule.unit), calendar=calendar)
                clocks.append(
                    (len(rows), Clock(role=role, rule=rule, started_on=begin, original_due=due, due=due))
                )
            petition = Petition(
                code=f"DT-{unit.code}-{day.year % 100:02d}-{counters[(unit.id, day.year)]:05d}",
                unit=unit,
                unit_path=unit.path,
                kind=kind,
                channel=rng.choice(CHANNELS),
                status=status,
                received_at=received,
                received_on=day,
                subject=subject,
                content=content,
                petitioner_display="Người tố cáo (được bảo vệ)" if protected else person["name"],
                phone_last4=person["phone"][-4:],
                protected=protected,
                statutory_due=due,
                accepted_on=accepted_on,
                resolved_on=min(day + dt.timedelta(days=rng.randint(10, 40)), today)
                if status == Status.RESOLVED
                else None,
                assignee=assignees.get(unit.id) if status == Status.ACCEPTED else None,
            )
            rows.append(petition)
            people.append(person)
        with transaction.atomic():
            Petition.objects.bulk_create(rows, batch_size=1000)
            for index, clock in clocks:
                clock.petition = rows[index]
            Clock.objects.bulk_create([c for _i, c in clocks], batch_size=2000)
            Petitioner.objects.bulk_create(
                [
                    Petitioner(petition=p, position=0, **person)
                    for p, person in zip(rows, people, strict=True)
                    if not p.protected
                ],
                batch_size=2000,
            )
            ProtectedIdentity.objects.bulk_create(
                [
                    ProtectedIdentity(petition=p, persons=[person], original_text=p.content)
                    for p, person in zip(rows, people, strict=True)
                    if p.protected
                ],
                batch_size=2000,
            )
            keys: list[tuple[int, int]] = []
            fingerprints: list[Any] = []
            for p, person in zip(rows, people, strict=True):
                if real_keys:
                    key_rows, stored = dupcheck.stored_rows(p, dupcheck.text_of(p, [person]))
                    keys.extend((k.key, p.pk) for k in key_rows)
                    fingerprints.append(stored)
                else:
                    keys.extend((k, p.pk) for k in _synthetic_keys(rng, person))
            # ~23 keys per petition: plain executemany, as Django model instances cost 20 µs each here.
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO petitions_duplicatekey (key, petition_id) VALUES (%s, %s)", keys
                )
            StoredFingerprint.objects.bulk_create(fingerprints, batch_size=1000)
            bulk_index(
                PETITION, ((p.pk, p.unit_path, petition_text(p, [p.petitioner_display])) for p in rows)
            )
        created += size
        if progress:
            progress(size)
    _sync_counters(counters)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return created


_BANDS = dup.BANDS


# Keys of what a letter is about (a plot, a road, a farm: gandan.core.duplicates.matter_keys) are shared by the
# letters on one matter: a synthetic one is drawn from this many, ~50 letters each at a million petitions.
_MATTER_POOL = 20_000


def _synthetic_keys(rng: random.Random, person: dict) -> list[int]:
    """As many keys as a real fingerprint: three person keys (stable per person), one per LSH band (random:
    unrelated texts practically never share a band) and one of what the letter is about (shared with a few dozen
    other letters)."""
    person_keys = [
        dupcheck.key_number(f"{tag}:{person[field]}")
        for tag, field in (("c", "id_number"), ("p", "phone"), ("n", "name"))
    ]
    matter_key = dupcheck.key_number(f"m:{rng.randrange(_MATTER_POOL)}")
    return sorted(set(person_keys) | {matter_key} | {rng.getrandbits(63) for _ in range(_BANDS)})


def _sync_counters(counters: dict[tuple[int, int], int]) -> None:
    existing = {
        (c.unit_id, c.year): c for c in PetitionCounter.objects.filter(unit_id__in={u for u, _y in counters})
    }
    new, changed = [], []
    for (unit_id, year), last in counters.items():
        counter = existing.get((unit_id, year))
        if counter is None:
            new.append(PetitionCounter(unit_id=unit_id, year=year, last=last))
        elif counter.last < last:
            counter.last = last
            changed.append(counter)
    PetitionCounter.objects.bulk_create(new)
    PetitionCounter.objects.bulk_update(changed, ["last"])
