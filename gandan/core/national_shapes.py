"""Our records in the shapes of the national systems (DOMAIN.md design implication 30): dossiers as the national
public-service portal (DVCQG) synchronises them, petitions and reception-book lines as the national database on
citizen reception, petition handling, complaints and denunciations (the "KNTC database", Decrees 154/155/156/2026)
expects them, as far as DOMAIN.md knows it.

Pure Python. The adapters (gandan.exports) read the rows and hand plain facts in; every table below is data, each
entry with the DOMAIN.md section it comes from and its confidence: [S] secondary source, [U] unconfirmed (no field
list of the KNTC database was read: its names follow the columns of the reception book, Form 03/TCD, and are ours
until the national interface specification is at hand). An official corrects a [U] here, without touching the rest.

What is never exported (DOMAIN.md §3 Art. 47/56, §9.2, design implications 14 and 27):
- a denunciator's identity, whatever the case says (a waiver of protection included) — and nothing of whoever sent
  anonymous information; `petition_shape` and `reception_shape` drop the person for those kinds themselves, so an
  adapter that passed a name by mistake still exports none;
- citizen ID numbers, phones, e-mails and the applicant of a dossier (the national indicators need none of them),
  nor any of them typed into a free text (`_text`: the record's people, then any phone, ID number or e-mail);
  for a denunciation or anonymous information, a free text carries no name or address of the record's people;
- the full text of a petition and of its decision (sensitive; the summary, kind, status and dates are what the
  registers count).
"""

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from gandan.core.redaction import Identity, redact
from gandan.core.vnnlp.pii import mask_pii

# --- Code lists ---------------------------------------------------------------------------------------------------

#: Our dossier statuses → the DVCQG synchronisation status codes (DOMAIN.md §1.3 [S]). Ours are those codes already
#: (gandan.dossiers.rules.Status), so the table is the identity; it stays a table so that a renumbering is one edit.
DOSSIER_STATUS_CODES: Mapping[int, int] = {
    1: 1,  # Mới đăng ký (newly registered)
    2: 2,  # Được tiếp nhận (accepted)
    3: 3,  # Không được tiếp nhận (refused at intake)
    4: 4,  # Đang xử lý (in progress)
    5: 5,  # Yêu cầu bổ sung giấy tờ (more papers requested)
    6: 6,  # Yêu cầu thực hiện nghĩa vụ tài chính (payment requested)
    7: 7,  # Công dân yêu cầu rút hồ sơ (withdrawn)
    8: 8,  # Dừng xử lý (stopped)
    9: 9,  # Đã xử lý xong (processed)
    10: 10,  # Đã trả kết quả (result returned)
}

#: Our dossier channels → `KenhThucHien` (DOMAIN.md §1.3 [S]): the same numbers (gandan.dossiers.models.Channel).
DOSSIER_CHANNEL_CODES: Mapping[int, int] = {
    1: 1,  # Trực tiếp (in person)
    2: 2,  # Trực tuyến (online)
    3: 3,  # Bưu chính công ích (public postal service)
}

#: Petition kinds → `LoaiDon`: KN complaint, TC denunciation, KNPA recommendation or reflection (DOMAIN.md §4.1,
#: classification by content, Circular 07/2014 Art. 6 [P; codes S]). Anonymous information is not a denunciation
#: (§3 Art. 25 [P]); its code is ours [U].
PETITION_KIND_CODES: Mapping[str, str] = {
    "complaint": "KN",
    "denunciation": "TC",
    "recommendation": "KNPA",
    "reflection": "KNPA",
    "anonymous": "NDTC_KHONG_RO_NGUOI_GUI",  # [U] "thông tin có nội dung tố cáo" without a sender
}

#: Petition channels → `NguonDon`, the sources of petitions of Circular 07/2014 Art. 5 (DOMAIN.md §4.1 [P]); the
#: codes are ours [U].
PETITION_SOURCE_CODES: Mapping[str, str] = {
    "reception": "TIEP_CONG_DAN",  # received at a citizen reception
    "direct": "TRUC_TIEP",  # delivered in person or via the suggestion box
    "post": "BUU_CHINH",  # by post
    "online": "TRUC_TUYEN",  # on the portal (Law 136/2025 online channel, §5.1 [S])
    "forwarded": "CO_QUAN_CHUYEN",  # forwarded by another body
    "front": "MTTQ_CHUYEN",  # forwarded by the Fatherland Front
    "deputy": "DAI_BIEU_CHUYEN",  # forwarded by a deputy
    "press": "BAO_CHI_CHUYEN",  # forwarded by the press
    "leader": "LANH_DAO_CHUYEN",  # passed down by a leader
}

#: Petition statuses → `TrangThaiXuLy`, the outcomes DOMAIN.md names; the codes are ours [U].
PETITION_STATUS_CODES: Mapping[str, str] = {
    "received": "CHO_XU_LY",  # received, to be classified (§4.1)
    "accepted": "DA_THU_LY",  # accepted, Form 01-XLĐ (§4.1 Art. 21; §2 Art. 27; §3 Art. 29)
    "suspended": "TAM_DINH_CHI",  # suspension, Form 14a (§2, Law 136/2025 Art. 11a [S])
    "resolved": "DA_GIAI_QUYET",  # decision, conclusion or answer issued (§2 Art. 28, §3 Art. 30)
    "not_accepted": "KHONG_THU_LY",  # not accepted, with reasons (§2 Art. 11, §3 Art. 29)
    "guided": "HUONG_DAN",  # citizen guided to the competent body (§4.1 reply; Form 03/TCD col. 10)
    "forwarded": "CHUYEN_DON",  # forwarded, Form 06-XLĐ (§4.1 Art. 21)
    "filed": "LUU_DON",  # filed without action, kept 1 year (§4.1 Art. 28)
    "merged": "TRUNG_DON",  # a duplicate linked to its master case (design implication 17)
    "withdrawn": "RUT_DON",  # withdrawn (§2 Art. 10; §3 Decree 156/2026 Art. 4 [S])
    "terminated": "DINH_CHI",  # resolution terminated (§2, Decree 155/2026 Art. 28a [S])
    "lead": "KIEM_TRA_THEO_THONG_TIN",  # anonymous information used for an inspection (§3 Art. 25)
}

#: Reception outcomes → `KetQuaTiep` (Form 03/TCD columns 9–11, DOMAIN.md §5.2 [S]); the codes are ours [U].
RECEPTION_OUTCOME_CODES: Mapping[str, str] = {
    "recorded": "TIEP_NHAN_DON",  # petition recorded (col. 11, accepting body)
    "guided": "HUONG_DAN",  # guided to the competent body (col. 10)
    "answered": "TRA_LOI_TRUC_TIEP",  # answered on the spot (§5.1 Art. 18(4))
    "refused": "TU_CHOI_TIEP",  # reception refused, Form 01/TCD (§5.2)
}

#: Kinds whose sender is never exported: a denunciator (protected, §3 Art. 56) and anonymous information.
UNNAMED_KINDS = frozenset({"denunciation", "anonymous"})


# --- Facts handed in by the adapters -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Supplement:
    requested_at: dt.datetime
    received_at: dt.datetime | None


@dataclass(frozen=True)
class DossierFacts:
    code: str
    unit_code: str
    procedure_code: str
    procedure_name: str
    procedure_field: str
    status: int
    channel: int
    submitted_at: dt.datetime
    received_at: dt.datetime | None
    appointment: dt.date | None  # the original appointment (statistics use it: design implication 8)
    current_appointment: dt.date | None  # after apologies (Form 04)
    finished_at: dt.datetime | None
    returned_at: dt.datetime | None
    fee: int
    paid_at: dt.datetime | None
    supplements: tuple[Supplement, ...]
    result_number: str
    result_link: str  # "" when no electronic result is kept
    updated_at: dt.datetime


@dataclass(frozen=True)
class Person:
    name: str
    address: str
    phone: str = ""
    email: str = ""
    id_number: str = ""


@dataclass(frozen=True)
class PetitionFacts:
    code: str
    unit_code: str
    kind: str
    channel: str
    status: str
    received_at: dt.datetime
    subject: str
    signers: int
    competent: bool
    sent_to_many: bool
    above_level: bool
    handled_to: str
    instance: int
    complex_case: bool
    accepted_on: dt.date | None
    resolved_on: dt.date | None
    statutory_due: dt.date | None
    master_code: str
    protected: bool
    updated_at: dt.datetime
    sender: Person | None = None  # dropped for UNNAMED_KINDS and protected cases, whatever is passed
    # Everyone the record names (its petitioners): their ID numbers, phones and e-mails never leave in a text, nor,
    # for UNNAMED_KINDS and protected cases, their names and addresses (a waived denunciation keeps its petitioners).
    people: tuple[Person, ...] = ()


@dataclass(frozen=True)
class ReceptionFacts:
    number: int  # our line number: the record's id (stable)
    unit_code: str
    at: dt.datetime
    kind: str
    people_count: int
    content: str
    prior_body: str
    competent: bool
    guided_to: str
    outcome: str
    petition_code: str
    follow_up: str
    leader_kind: str
    ad_hoc: bool
    protected: bool
    updated_at: dt.datetime
    citizen: Person | None = None  # dropped for UNNAMED_KINDS and protected lines, whatever is passed
    people: tuple[Person, ...] = ()  # the citizen received, as PetitionFacts.people


# --- The field tables ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NationalField:
    name: str  # the national field name
    value: Callable[[Any], Any]  # from the facts
    source: str  # where DOMAIN.md says so, with its confidence


def _time(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


DOSSIER_FIELDS: tuple[NationalField, ...] = (
    NationalField("MaHoSo", lambda f: f.code, "§1.2 dossier code, Circular 01/2018 Art. 19 [S]"),
    NationalField("MaDonVi", lambda f: f.unit_code, "§1.2 receiving unit's code [S]; the GSO code here [U]"),
    NationalField("MaTTHC", lambda f: f.procedure_code, "§1.1 procedure of the national catalogue [U name]"),
    NationalField("TenTTHC", lambda f: f.procedure_name, "§1.1 [U name]"),
    NationalField("TenLinhVuc", lambda f: f.procedure_field, "§1.2 sector/field [S]; name [U]"),
    NationalField("TrangThaiHoSo", lambda f: DOSSIER_STATUS_CODES[f.status], "§1.3 DVCQG status codes [S]"),
    NationalField("KenhThucHien", lambda f: DOSSIER_CHANNEL_CODES[f.channel], "§1.3 channel codes [S]"),
    NationalField("NgayNopHoSo", lambda f: _time(f.submitted_at), "§1.4 submission [U name]"),
    NationalField("NgayTiepNhan", lambda f: _time(f.received_at), "§1.6, implication 30 [S]"),
    NationalField(
        "NgayHenTra",
        lambda f: _day(f.appointment),
        "§1.6 the original appointment, implications 8 and 30 [S]",
    ),
    NationalField(
        "NgayHenTraMoi", lambda f: _day(f.current_appointment), "§1.4 Form 04 new appointment [U name]"
    ),
    NationalField(
        "NgayKetThucXuLy",
        lambda f: _time(f.finished_at),
        "§1.6 first terminal state: processed > returned > stopped/refused, or withdrawn [S]",
    ),
    NationalField("NgayTraKetQua", lambda f: _time(f.returned_at), "§1.3 status 10 [U name]"),
    NationalField(
        "DanhSachBoSung",
        lambda f: [
            {"NgayYeuCauBoSung": _time(s.requested_at), "NgayNhanBoSung": _time(s.received_at)}
            for s in f.supplements
        ],
        "§1.6 supplement requested/completed, implications 5 and 30 [S; names U]",
    ),
    NationalField("CoPhi", lambda f: f.fee > 0, "§1.7 index 3.6, fee-bearing dossier [S; name U]"),
    NationalField("DaThanhToan", lambda f: f.paid_at is not None, "implication 30 payment flag [S; name U]"),
    NationalField(
        "ThanhToanTrucTuyen",
        lambda f: None,
        "§1.7 index 3.6 online payment [S]: not recorded by Gần Dân, always null",
    ),
    NationalField("SoGiayToKetQua", lambda f: f.result_number, "§1.5 Form 06 result returned [U name]"),
    NationalField(
        "DuongDanKetQua",
        lambda f: f.result_link or None,
        "§1.7 index 4.1 e-result, implication 30 result-file link [S; name U]",
    ),
    NationalField(
        "TaiSuDungDuLieu",
        lambda f: None,
        "§1.7 index 4.3 reuse flag, implication 30 [S]: not recorded by Gần Dân, always null",
    ),
    NationalField("NgayCapNhat", lambda f: _time(f.updated_at), "ours: the last change exported [U]"),
)


def _sender(f: PetitionFacts | ReceptionFacts, person: Person | None) -> dict[str, str] | None:
    if person is None or _unnamed(f):
        return None
    return {"HoTen": person.name, "DiaChi": person.address}


def _unnamed(f: PetitionFacts | ReceptionFacts) -> bool:
    return f.protected or f.kind in UNNAMED_KINDS


def _text(f: PetitionFacts | ReceptionFacts, value: str) -> str:
    """A free text (a summary, a content, a follow-up) as it may leave: without the ID numbers, phones and e-mails of
    the record's people, and for an unnamed kind without their names and addresses either (an officer's subject
    "Ông Trần Văn Bình tố cáo …" of a waived denunciation, a follow-up typed after the statement was redacted);
    then without any phone, ID number or e-mail at all (gandan.core.vnnlp.pii), whoever's it is."""
    if not value:
        return value
    hide_person = _unnamed(f)
    people = f.people
    if not hide_person and "@" not in value and not any(ch.isdigit() for ch in value):
        people = ()  # no number or address of a named kind's people to look for (a collective petition names hundreds)
    for person in people:
        identity = Identity(
            name=person.name if hide_person else "",
            address=person.address if hide_person else "",
            phone=person.phone,
            email=person.email,
            id_number=person.id_number,
        )
        if any((identity.name, identity.address, identity.phone, identity.email, identity.id_number)):
            value = redact(value, identity).text
    return mask_pii(value)


PETITION_FIELDS: tuple[NationalField, ...] = (
    NationalField("MaDon", lambda f: f.code, "§4.1 receipt book entry (Decree 20/2008 Art. 9) [P; name U]"),
    NationalField("MaDonVi", lambda f: f.unit_code, "handling unit, GSO code [U]"),
    NationalField("NgayNhanDon", lambda f: _time(f.received_at), "§4.1, §3 Art. 24(1) date of receipt [P]"),
    NationalField("NguonDon", lambda f: PETITION_SOURCE_CODES[f.channel], "§4.1 Art. 5 sources [P; codes U]"),
    NationalField("LoaiDon", lambda f: PETITION_KIND_CODES[f.kind], "§4.1 Art. 6(1) by content [P]"),
    NationalField("TrangThaiXuLy", lambda f: PETITION_STATUS_CODES[f.status], "§2–§4 outcomes [codes U]"),
    NationalField("NoiDungTomTat", lambda f: _text(f, f.subject), "Form 03/TCD col. 5 summary, §5.2 [S]"),
    NationalField("SoNguoi", lambda f: f.signers, "§4.1 Art. 6(4) signers; Form 03/TCD col. 7 [S]"),
    NationalField("DongNguoi", lambda f: f.signers >= 5, "§4.1 Art. 6(4) many people: ≥5 [P]"),
    NationalField("ThuocThamQuyen", lambda f: f.competent, "§4.1 Art. 6(3); Form 03/TCD col. 9 [S]"),
    NationalField("GuiNhieuNoi", lambda f: f.sent_to_many, "§4.1 Art. 6(2) sent to many bodies [P]"),
    NationalField("VuotCap", lambda f: f.above_level, "implication 17 vượt cấp [U name]"),
    NationalField("CoQuanCoThamQuyen", lambda f: _text(f, f.handled_to), "Form 03/TCD col. 10–11 [S]"),
    NationalField("LanGiaiQuyet", lambda f: f.instance, "§2 Art. 33, 1st or 2nd instance [P]"),
    NationalField("VuViecPhucTap", lambda f: f.complex_case, "§2 Decree 155/2026 Art. 3a; §3 Art. 30 [S/P]"),
    NationalField("NgayThuLy", lambda f: _day(f.accepted_on), "§2 Art. 27, §3 Art. 29 [P]"),
    NationalField("HanGiaiQuyet", lambda f: _day(f.statutory_due), "§2 Art. 28/37, §3 Art. 30 [P]"),
    NationalField("NgayGiaiQuyet", lambda f: _day(f.resolved_on), "§2–§3 decision date [P; name U]"),
    NationalField("MaDonTrung", lambda f: f.master_code or None, "implication 17 master case [U name]"),
    NationalField("BaoVeNguoiToCao", lambda f: f.protected, "§3 Art. 47/56: identity under protection [P]"),
    NationalField(
        "NguoiGui",
        lambda f: _sender(f, f.sender),
        "Form 03/TCD col. 3 name, address [S]; null for denunciations and anonymous information (§3 Art. 56 [P])",
    ),
    NationalField("NgayCapNhat", lambda f: _time(f.updated_at), "ours: the last change exported [U]"),
)

RECEPTION_FIELDS: tuple[NationalField, ...] = (
    NationalField("STT", lambda f: f.number, "Form 03/TCD col. 1 line no. [S]; ours: the record's id"),
    NationalField("MaDonVi", lambda f: f.unit_code, "receiving unit, GSO code [U]"),
    NationalField("NgayTiep", lambda f: _time(f.at), "Form 03/TCD col. 2 [S]"),
    NationalField(
        "CongDan",
        lambda f: _sender(f, f.citizen),
        "Form 03/TCD col. 3 name, address [S]; null for denunciations (§3 Art. 56 [P], §5.2 Decree 154 Art. 12)",
    ),
    NationalField(
        "NoiDung", lambda f: _text(f, f.content), "Form 03/TCD col. 5 [S]; a denunciation's is redacted"
    ),
    NationalField("LoaiDon", lambda f: PETITION_KIND_CODES[f.kind], "Form 03/TCD col. 6 [S]; §4.1 codes"),
    NationalField("SoNguoi", lambda f: f.people_count, "Form 03/TCD col. 7 [S]"),
    NationalField("CoQuanDaGiaiQuyet", lambda f: _text(f, f.prior_body), "Form 03/TCD col. 8 [S]"),
    NationalField("ThuocThamQuyen", lambda f: f.competent, "Form 03/TCD col. 9 [S]"),
    NationalField("HuongDan", lambda f: _text(f, f.guided_to), "Form 03/TCD col. 10 [S]"),
    NationalField("MaDonThuLy", lambda f: f.petition_code or None, "Form 03/TCD col. 11 [S]: our petition"),
    NationalField("KetQuaTiep", lambda f: RECEPTION_OUTCOME_CODES[f.outcome], "§5.2 outcomes [codes U]"),
    NationalField("TheoDoiKetQua", lambda f: _text(f, f.follow_up), "Form 03/TCD col. 12 [S]"),
    NationalField("LanhDaoTiep", lambda f: f.leader_kind or None, "§5.1 who receives [P; values ours U]"),
    NationalField("TiepDotXuat", lambda f: f.ad_hoc, "§5.1 Art. 18(3) ad-hoc reception [P]"),
    NationalField("NgayCapNhat", lambda f: _time(f.updated_at), "ours: the last change exported [U]"),
)


def _shape(fields: tuple[NationalField, ...], facts: Any) -> dict[str, Any]:
    return {f.name: f.value(facts) for f in fields}


def dossier_shape(facts: DossierFacts) -> dict[str, Any]:
    """One dossier as DVCQG synchronises it. A status or channel without a national code raises KeyError."""
    return _shape(DOSSIER_FIELDS, facts)


def petition_shape(facts: PetitionFacts) -> dict[str, Any]:
    """One petition for the national KNTC database; never a denunciator's identity."""
    return _shape(PETITION_FIELDS, facts)


def reception_shape(facts: ReceptionFacts) -> dict[str, Any]:
    """One line of the reception book for the national KNTC database; never a denunciator's identity."""
    return _shape(RECEPTION_FIELDS, facts)


#: The field tables by export kind (documentation and tests).
FIELD_TABLES: Mapping[str, tuple[NationalField, ...]] = {
    "dossiers": DOSSIER_FIELDS,
    "petitions": PETITION_FIELDS,
    "reception": RECEPTION_FIELDS,
}
