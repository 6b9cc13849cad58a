"""How citizens really write: the surface forms the corpus gives to a message (pure, seeded by the caller's Random).

A message is first written in clean Vietnamese from a template (`expand`), then dressed by its writer: the door it
came through (`wrap`: a petition's boilerplate, a hotline officer's note, a team's note, an SMS line), and the way
the writer types (`dress`: without diacritics, half without, abbreviations, dialect spellings, typos, capitals).
"""

import random
import re
import unicodedata

# --- expansion of templates -----------------------------------------------------------------------------------

_CHOICE = re.compile(r"\[([^\[\]]*)\]")


def expand(template: str, rng: random.Random, slots: dict[str, str]) -> str:
    """`[a|b|c]` picks one alternative (an empty one drops the phrase); `{name}` is a slot."""
    text = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    for name, value in slots.items():
        text = text.replace("{" + name + "}", value)
    return re.sub(r"\s+", " ", text).strip()


# --- people and personal data ----------------------------------------------------------------------------------

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Phan",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hà",
    "Ngô",
    "Dương",
    "Lưu",
]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Hữu", "Thị Thu", "Thanh", "Quang", "Ngọc", "Xuân", "Công"]
GIVEN = [
    "Hùng", "Lan", "Tuấn", "Hoa", "Bình", "Mạnh", "Hương", "Thắng", "Dũng", "Nga", "Sơn", "Hải", "Tâm", "Lợi",
    "Thuỷ", "Cường", "Khánh", "Liên", "Phúc", "Toàn", "Vinh", "Yến", "Chiến", "Huệ", "Quý", "Thơm", "Đạt", "Nhàn",
]  # fmt: skip


def person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def phone(rng: random.Random) -> str:
    digits = rng.choice(["09", "03", "08", "07"]) + "".join(rng.choice("0123456789") for _ in range(8))
    style = rng.randrange(4)
    if style == 0:
        return digits
    if style == 1:
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    if style == 2:
        return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"
    return "+84 " + digits[1:]


def citizen_id(rng: random.Random) -> str:
    """A 12-digit CCCD (province 025 or 026) or a 9-digit old CMND."""
    if rng.random() < 0.75:
        return rng.choice(["025", "026"]) + "".join(rng.choice("0123456789") for _ in range(9))
    return "13" + "".join(rng.choice("0123456789") for _ in range(7))


def email(rng: random.Random, name: str) -> str:
    base = fold(name).replace(" ", rng.choice(["", ".", "_"]))
    return f"{base}{rng.randrange(60, 99)}@{rng.choice(['gmail.com', 'yahoo.com.vn', 'gmail.com', 'outlook.com'])}"


# --- spelling --------------------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Without diacritics, lower case kept as typed."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def has_diacritics(text: str) -> bool:
    return fold(text) != text


# Abbreviations people type (left: the clean form, right: what they write). Applied word-boundary, per message.
ABBREVIATIONS: list[tuple[str, list[str]]] = [
    ("Ủy ban nhân dân", ["UBND", "UB", "ủy ban"]),
    ("Mặt trận Tổ quốc", ["MTTQ", "mặt trận"]),
    ("Hội đồng nhân dân", ["HĐND", "HDND"]),
    ("giấy chứng nhận quyền sử dụng đất", ["sổ đỏ", "GCN QSDĐ", "bìa đỏ", "QSDĐ"]),
    ("quyền sử dụng đất", ["QSDĐ", "QSDD"]),
    ("không", ["ko", "k", "khong", "hok", "kg"]),
    ("được", ["đc", "dc", "đươc"]),
    ("người", ["ng", "nguoi"]),
    ("nước", ["nc", "nươc"]),
    ("với", ["vs", "voi"]),
    ("gì", ["j", "gi"]),
    ("rồi", ["r", "ròi"]),
    ("bao giờ", ["bh", "bao h"]),
    ("trước", ["trc"]),
    ("biết", ["bít", "bik"]),
    ("vậy", ["v", "z"]),
    ("quá", ["wá", "qá"]),
    ("thôi", ["thui"]),
    ("cán bộ", ["cb", "cán bộ"]),
    ("cảm ơn", ["cảm ơn", "cám ơn", "thanks"]),
    ("xã", ["xã", "x."]),
    ("thôn", ["thôn", "th."]),
    ("thì", ["thỳ", "thi"]),
    ("mình", ["mk", "mik"]),
    ("điện thoại", ["đt", "dt"]),
    ("chính quyền", ["chính quyền", "cq"]),
]

# Northern rural spellings: l/n, s/x, tr/ch, d/gi confusions; and a few dialect words.
DIALECT: list[tuple[str, str]] = [
    ("nước", "lước"),
    ("làm", "nàm"),
    ("lúa", "núa"),
    ("năm", "lăm"),
    ("lên", "nên"),
    ("nói", "lói"),
    ("sản xuất", "xản suất"),
    ("sạch", "xạch"),
    ("trường", "chường"),
    ("giải quyết", "dải quyết"),
    ("không", "hông"),
    ("gì", "chi"),
    ("thế", "rứa"),
    ("bây giờ", "bi giờ"),
    ("đường", "đừơng"),
]


def _sub_word(text: str, word: str, replacement: str) -> str:
    pattern = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", re.IGNORECASE)
    return pattern.sub(lambda m: replacement, text)


def abbreviate(text: str, rng: random.Random, rate: float) -> str:
    for word, forms in ABBREVIATIONS:
        if rng.random() < rate:
            text = _sub_word(text, word, rng.choice(forms))
    return text


def dialect(text: str, rng: random.Random, rate: float) -> str:
    for word, replacement in DIALECT:
        if rng.random() < rate:
            text = _sub_word(text, word, replacement)
    return text


def typos(text: str, rng: random.Random, per_word: float) -> str:
    words = text.split(" ")
    for i, w in enumerate(words):
        if len(w) < 3 or rng.random() >= per_word or any(ch.isdigit() for ch in w):
            continue
        j = rng.randrange(len(w) - 1)
        kind = rng.randrange(4)
        if kind == 0:  # swapped letters
            w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        elif kind == 1:  # a letter dropped
            w = w[:j] + w[j + 1 :]
        elif kind == 2:  # a letter doubled
            w = w[: j + 1] + w[j] + w[j + 1 :]
        else:  # the tone mark lost on one word only
            w = fold(w)
        words[i] = w
    return " ".join(words)


def half_folded(text: str, rng: random.Random) -> str:
    """Some words typed without their marks (a phone keyboard switching modes mid-message)."""
    share = rng.uniform(0.25, 0.7)
    return " ".join(fold(w) if rng.random() < share else w for w in text.split(" "))


def shout(text: str, rng: random.Random) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", text)
    k = rng.randrange(len(sentences))
    sentences[k] = sentences[k].upper().rstrip(".") + rng.choice(["!!!", "!!", " !!!!", "??!!"])
    return " ".join(sentences)


def run_on(text: str) -> str:
    """One breathless sentence: full stops become commas, no capital letters after them."""
    parts = [p.strip() for p in re.split(r"[.;]\s+", text) if p.strip()]
    return ", ".join(p[0].lower() + p[1:] if i else p for i, p in enumerate(parts))


# --- writers -------------------------------------------------------------------------------------------------

STYLES = ["clean", "clean", "clean", "folded", "folded", "half", "sms", "angry", "dialect", "teen"]


def dress(text: str, rng: random.Random, style: str) -> str:
    """The message as this writer types it."""
    if style == "clean":
        return typos(text, rng, 0.01)
    if style == "folded":
        return typos(fold(abbreviate(text, rng, 0.25)), rng, 0.03)
    if style == "half":
        return half_folded(abbreviate(text, rng, 0.4), rng)
    if style == "sms":
        return typos(fold(abbreviate(run_on(text), rng, 0.8)).lower(), rng, 0.04)
    if style == "angry":
        return shout(abbreviate(text, rng, 0.3), rng)
    if style == "dialect":
        return typos(dialect(text, rng, 0.6), rng, 0.02)
    if style == "teen":
        return typos(abbreviate(run_on(text), rng, 0.9).lower(), rng, 0.03)
    raise ValueError(style)


# --- doors -----------------------------------------------------------------------------------------------------

SOURCES = ["petition", "reception", "hotline", "rating", "comment", "team_note", "field_report"]

_PETITION_OPEN = [
    "Kính gửi: {org} {commune}. Tôi tên là {name}, sinh năm {year}, trú tại {village}, {commune}. {ident}",
    "Kính gửi {org} {commune}, tôi tên là {name}, hiện cư trú tại {village}. {ident}",
    "ĐƠN KIẾN NGHỊ. Kính gửi: Chủ tịch {org} {commune}; đồng kính gửi {org2}. Người làm đơn: {name}, {village}. {ident}",
    "Kính gửi các cấp lãnh đạo {commune}. Chúng tôi là các hộ dân {village} ({people} hộ ký tên dưới đây), đại diện: {name}. {ident}",
]
_PETITION_BODY = [
    "Tôi làm đơn này để trình bày việc sau: {body}",
    "Nội dung kiến nghị: {body}",
    "Nay tôi làm đơn này kính mong các cấp xem xét việc: {body}",
    "{body}",
]
_PETITION_CLOSE = [
    " Kính đề nghị {org} {commune} xem xét giải quyết sớm. Tôi xin chân thành cảm ơn!",
    " Rất mong được các cấp quan tâm giải quyết. Xin trân trọng cảm ơn.",
    " Tôi xin cam đoan những nội dung trên là đúng sự thật.",
    " Kính mong lãnh đạo xã sớm có câu trả lời cho bà con.",
]
_HOTLINE = [
    "Đường dây nóng ghi nhận: ông/bà {name} ({village}) gọi đến phản ánh {body_lc}",
    "Tiếp nhận qua đường dây nóng lúc {hour}h: người dân {village} phản ánh {body_lc} SĐT người gọi: {phone}.",
    "Cuộc gọi đến: {body}",
]
_RECEPTION = [
    "Tiếp công dân: công dân {name}, trú tại {village}, trình bày: {body}",
    "Ông/bà {name} đến trụ sở trình bày {body_lc}",
    "Buổi tiếp dân định kỳ: bà con {village} phản ánh {body_lc}",
]
_TEAM = [
    "Tổ dân vận {village} ghi nhận: {body_lc}",
    "Ghi chép của tổ dân vận: qua nắm tình hình, bà con {village} bức xúc vì {body_lc}",
    "Tổ trưởng tổ dân vận báo cáo nhanh: {body}",
]
_FIELD = [
    "Báo cáo kiểm tra thực địa ngày {date}: {body}",
    "Cán bộ địa chính - xây dựng đi kiểm tra hiện trường tại {village}: {body}",
    "Kiểm tra hiện trường theo phản ánh của nhân dân: {body}",
]
_COMMENT = [
    "{body}",
    "{body}",
    "Cho hỏi {body_lc}",
    "{body} Ai có trách nhiệm không vậy?",
    "Bức xúc quá! {body}",
]


def wrap(source: str, body: str, rng: random.Random, ctx: dict[str, str]) -> str:
    """The body as it reaches Gần Dân through this door, with the writer's personal data where it belongs."""
    body = body.strip()
    if body and body[-1] not in ".!?":
        body += "."
    lowered = body[0].lower() + body[1:] if body else body
    name = ctx.get("name") or person(rng)
    slots = dict(
        ctx,
        body=body,
        body_lc=lowered,
        name=name,
        org=rng.choice(["UBND", "Ủy ban nhân dân", "UBND"]),
        org2=rng.choice(["MTTQ xã", "HĐND xã", "Đảng ủy xã"]),
        year=str(rng.randrange(1948, 2001)),
        hour=str(rng.randrange(6, 22)),
        phone=phone(rng),
        people=ctx.get("people", str(rng.randrange(5, 40))),
    )
    if source == "petition":
        ident = rng.choice(
            [
                f"CCCD số {citizen_id(rng)}, điện thoại {phone(rng)}.",
                f"Số CCCD: {citizen_id(rng)}.",
                f"SĐT liên hệ: {phone(rng)}.",
                f"Email: {email(rng, name)}.",
                "",
            ]
        )
        slots["ident"] = ident
        openers = _PETITION_OPEN if "people" in ctx else _PETITION_OPEN[:3]
        text = rng.choice(openers) + " " + rng.choice(_PETITION_BODY) + rng.choice(_PETITION_CLOSE)
        if rng.random() < 0.3:
            text = rng.choice(_PETITION_BODY) + rng.choice(_PETITION_CLOSE)  # a short petition
    elif source == "hotline":
        text = rng.choice(_HOTLINE)
    elif source == "reception":
        text = rng.choice(_RECEPTION)
    elif source == "team_note":
        text = rng.choice(_TEAM)
    elif source == "field_report":
        text = rng.choice(_FIELD)
    elif source == "comment":
        text = rng.choice(_COMMENT)
        if rng.random() < 0.08:
            text += f" Liên hệ {rng.choice([phone(rng), email(rng, name)])}"
    else:  # rating and anything short: the body alone
        text = "{body}"
    for key, value in slots.items():
        text = text.replace("{" + key + "}", value)
    return text
