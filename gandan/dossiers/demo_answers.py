"""What the demo's citizens write and receive at the desk: plausible answers to a procedure's application fields,
well-formed ID numbers, the papers everyone brings, and what each result is called when it is handed over."""

import datetime as dt
import random
from typing import Any

from gandan.core.application_forms import CHOICE, DATE, IDNUMBER, LONGTEXT, NUMBER
from gandan.core.sample_names import sample_name
from gandan.dossiers.models import Procedure

# What the result of each demo procedure is called on the return record ("Giấy khai sinh số …").
RESULT_NAMES = {
    "1.001193": "Giấy khai sinh",
    "1.000656": "Trích lục khai tử",
    "1.000894": "Giấy chứng nhận kết hôn",
    "2.000815": "Bản sao chứng thực, số chứng thực",
    "2.000884": "Văn bản chứng thực chữ ký, số chứng thực",
    "1.010041": "Giấy xác nhận thông tin về cư trú",
    "2.000635": "Bản sao trích lục hộ tịch",
    "1.004873": "Giấy xác nhận tình trạng hôn nhân",
}


def needed_papers(procedure: Procedure) -> list[int]:
    """The papers every applicant brings (required, with no case such as filing for someone else)."""
    return [c.id for c in procedure.components.all() if c.required and not c.condition]


def id_number(rng: random.Random, *, born: int | None = None) -> str:
    """A well-formed 12-digit personal ID of Phú Thọ (province code 025): century-and-sex digit, year, serial."""
    year = born if born is not None else rng.randrange(1950, 2000)
    century = 0 if year < 2000 else 2
    return f"025{century + rng.choice((0, 1))}{year % 100:02d}{rng.randrange(10**6):06d}"


def sample_answers(
    procedure: Procedure, rng: random.Random, *, day: dt.date, village: Any, desk: Any
) -> dict:
    """Plausible answers to the procedure's application fields, as a citizen of `village` would give them on `day`:
    names from the sample pool, dates in the past that fit the field (a child born weeks ago, parents born decades
    ago, a death days ago), the village as the place, the first choice most often."""
    place = f"{village}, {desk.unit.name}, tỉnh Phú Thọ"
    answers: dict[str, str] = {}
    for spec in procedure.fields_schema:
        key = spec.key
        if spec.type == DATE:
            if key == "ngay_sinh":
                when = day - dt.timedelta(days=rng.randrange(3, 55))
            elif key in {"ngay_chet"}:
                when = day - dt.timedelta(days=rng.randrange(1, 14))
            elif key == "tu_ngay":
                when = day - dt.timedelta(days=rng.randrange(200, 4000))
            else:
                when = dt.date(rng.randrange(1960, 2002), rng.randrange(1, 13), rng.randrange(1, 29))
            if key in {"chong_ngay_sinh", "vo_ngay_sinh", "ngay_sinh_me", "ngay_sinh_cha"}:
                when = dt.date(rng.randrange(1988, 2002), rng.randrange(1, 13), rng.randrange(1, 29))
            answers[key] = f"{when:%d/%m/%Y}"
        elif spec.type == CHOICE:
            answers[key] = spec.choices[0] if rng.random() < 0.6 else rng.choice(spec.choices)
        elif spec.type == NUMBER:
            answers[key] = str(rng.randint(1, 4))
        elif spec.type == IDNUMBER:
            answers[key] = id_number(rng, born=rng.randrange(1975, 2002))
        elif spec.type == LONGTEXT:
            answers[key] = "Đề nghị UBND xã xem xét, giải quyết theo quy định."
        elif key.startswith("ten") or key.endswith("_ten"):
            answers[key] = sample_name(rng) if key not in {"ten_giay_to", "ten_van_ban"} else ""
        elif key.startswith("noi") or key.endswith("noi_cu_tru") or key == "que_quan":
            answers[key] = (
                "Trạm y tế xã " + desk.unit.name.removeprefix("Xã ") if key == "noi_sinh" else place
            )
        elif "dan_toc" in key:
            answers[key] = "Kinh"
        elif key == "quoc_tich":
            answers[key] = "Việt Nam"
        elif key == "nguyen_nhan":
            answers[key] = rng.choice(["Tuổi cao, bệnh già", "Bệnh hiểm nghèo", "Tai biến mạch máu não"])
        elif key == "quan_he":
            answers[key] = "Con"
        elif key == "lan_ket_hon":
            answers[key] = "Lần đầu / lần đầu"
        elif key == "co_quan_cap":
            answers[key] = "Trường THPT Sông Lô"
        elif key == "muc_dich":
            answers[key] = rng.choice(
                ["Bổ sung hồ sơ xin việc", "Làm thủ tục vay vốn ngân hàng", "Nhập học cho con"]
            )
        if key == "ten_giay_to":
            answers[key] = rng.choice(
                ["Bằng tốt nghiệp THPT", "Giấy khai sinh", "Sổ đỏ (GCN quyền sử dụng đất)"]
            )
        elif key == "ten_van_ban":
            answers[key] = rng.choice(["Giấy ủy quyền", "Đơn đề nghị vay vốn", "Bản cam kết"])
        if spec.required and not answers.get(key):
            answers[key] = "Có"
    return answers
