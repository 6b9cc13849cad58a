"""The national shapes (DOMAIN.md §1.3, §5.2, design implication 30): every state has its code, every field its
source, and no denunciator's identity ever comes out, whatever the facts handed in."""

import dataclasses
import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

from gandan.core import national_shapes as ns

UTC7 = dt.timezone(dt.timedelta(hours=7))
times = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(UTC7)
)
days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1))
texts = st.text(max_size=40)
persons = st.builds(ns.Person, name=st.text(min_size=3, max_size=30), address=texts)

dossiers = st.builds(
    ns.DossierFacts,
    code=texts,
    unit_code=texts,
    procedure_code=texts,
    procedure_name=texts,
    procedure_field=texts,
    status=st.sampled_from(sorted(ns.DOSSIER_STATUS_CODES)),
    channel=st.sampled_from(sorted(ns.DOSSIER_CHANNEL_CODES)),
    submitted_at=times,
    received_at=st.none() | times,
    appointment=st.none() | days,
    current_appointment=st.none() | days,
    finished_at=st.none() | times,
    returned_at=st.none() | times,
    fee=st.integers(0, 10**9),
    paid_at=st.none() | times,
    supplements=st.lists(st.builds(ns.Supplement, requested_at=times, received_at=st.none() | times)).map(
        tuple
    ),
    result_number=texts,
    result_link=texts,
    updated_at=times,
)

petitions = st.builds(
    ns.PetitionFacts,
    code=texts,
    unit_code=texts,
    kind=st.sampled_from(sorted(ns.PETITION_KIND_CODES)),
    channel=st.sampled_from(sorted(ns.PETITION_SOURCE_CODES)),
    status=st.sampled_from(sorted(ns.PETITION_STATUS_CODES)),
    received_at=times,
    subject=texts,
    signers=st.integers(1, 100_000),
    competent=st.booleans(),
    sent_to_many=st.booleans(),
    above_level=st.booleans(),
    handled_to=texts,
    instance=st.sampled_from([1, 2]),
    complex_case=st.booleans(),
    accepted_on=st.none() | days,
    resolved_on=st.none() | days,
    statutory_due=st.none() | days,
    master_code=texts,
    protected=st.booleans(),
    updated_at=times,
    sender=st.none() | persons,
)

receptions = st.builds(
    ns.ReceptionFacts,
    number=st.integers(1, 2**31 - 1),
    unit_code=texts,
    at=times,
    kind=st.sampled_from(sorted(ns.PETITION_KIND_CODES)),
    people_count=st.integers(1, 100_000),
    content=texts,
    prior_body=texts,
    competent=st.booleans(),
    guided_to=texts,
    outcome=st.sampled_from(sorted(ns.RECEPTION_OUTCOME_CODES)),
    petition_code=texts,
    follow_up=texts,
    leader_kind=texts,
    ad_hoc=st.booleans(),
    protected=st.booleans(),
    updated_at=times,
    citizen=st.none() | persons,
)


def test_every_field_names_its_source_and_names_are_unique():
    for table in ns.FIELD_TABLES.values():
        names = [f.name for f in table]
        assert len(names) == len(set(names))
        assert all(f.source.strip() for f in table)
        assert all(f.name.isascii() and f.name[0].isupper() for f in table)


def test_dossier_codes_are_the_dvcqg_lists():
    # DOMAIN.md §1.3: statuses 1–10 and channels 1–3, both ways.
    assert sorted(ns.DOSSIER_STATUS_CODES.values()) == list(range(1, 11))
    assert sorted(ns.DOSSIER_CHANNEL_CODES.values()) == [1, 2, 3]


@given(dossiers)
def test_a_dossier_has_every_field_in_the_table_order_and_is_json(facts):
    shape = ns.dossier_shape(facts)
    assert list(shape) == [f.name for f in ns.DOSSIER_FIELDS]
    assert shape["TrangThaiHoSo"] == ns.DOSSIER_STATUS_CODES[facts.status]
    assert shape["KenhThucHien"] == ns.DOSSIER_CHANNEL_CODES[facts.channel]
    assert len(shape["DanhSachBoSung"]) == len(facts.supplements)
    assert shape["DaThanhToan"] is (facts.paid_at is not None)
    assert shape["NgayHenTra"] == (facts.appointment.isoformat() if facts.appointment else None)
    assert json.loads(json.dumps(shape)) == shape


@given(petitions)
def test_a_denunciator_or_an_anonymous_sender_is_never_in_a_petition(facts):
    shape = ns.petition_shape(facts)
    if facts.kind in ("denunciation", "anonymous") or facts.protected:
        assert shape["NguoiGui"] is None
    elif facts.sender is not None:
        assert shape["NguoiGui"] == {"HoTen": facts.sender.name, "DiaChi": facts.sender.address}
    assert shape["LoaiDon"] == ns.PETITION_KIND_CODES[facts.kind]
    assert shape["DongNguoi"] is (facts.signers >= 5)
    assert list(shape) == [f.name for f in ns.PETITION_FIELDS]


@given(receptions)
def test_a_denunciator_is_never_in_a_reception_line(facts):
    shape = ns.reception_shape(facts)
    if facts.kind in ("denunciation", "anonymous") or facts.protected:
        assert shape["CongDan"] is None
    elif facts.citizen is not None:
        assert shape["CongDan"]["HoTen"] == facts.citizen.name
    assert shape["KetQuaTiep"] == ns.RECEPTION_OUTCOME_CODES[facts.outcome]
    assert list(shape) == [f.name for f in ns.RECEPTION_FIELDS]
    assert json.loads(json.dumps(shape)) == shape


# --- Free texts: what an officer typed into a summary or a follow-up ------------------------------------------------

names = st.sampled_from(["Trần Văn Bình", "Nguyễn Thị Hoa", "Lê Minh Tuấn", "Phạm Quốc Anh"])
words = st.text(alphabet="abcdeghiklmnopqrstuvxyăâđêôơư ", max_size=30)
numbers = st.sampled_from(["0912 345 678", "0912.345.678", "+84 912 345 678", "025123456789"])


@given(petitions, receptions, names, words, numbers, st.sampled_from(sorted(ns.PETITION_KIND_CODES)))
def test_no_text_names_an_unnamed_sender_or_carries_anyone_s_phone_or_id_number(
    petition, reception, name, before, number, kind
):
    person = ns.Person(name, "", phone="0912345678", id_number="025123456789")
    typed = f"{before} ông {name}, số {number}, đề nghị".strip()
    petition = dataclasses.replace(petition, kind=kind, subject=typed, handled_to=typed, people=(person,))
    reception = dataclasses.replace(
        reception,
        kind=kind,
        content=typed,
        follow_up=typed,
        guided_to=typed,
        prior_body=typed,
        people=(person,),
    )
    for facts, shape, fields in (
        (petition, ns.petition_shape(petition), ("NoiDungTomTat", "CoQuanCoThamQuyen")),
        (
            reception,
            ns.reception_shape(reception),
            ("NoiDung", "TheoDoiKetQua", "HuongDan", "CoQuanDaGiaiQuyet"),
        ),
    ):
        for field in fields:
            assert number not in shape[field] and "345" not in shape[field]
            unnamed = facts.kind in ns.UNNAMED_KINDS or facts.protected
            assert (name in shape[field]) is not unnamed  # named kinds keep the name the book shows
            assert "đề nghị" in shape[field]  # the rest of the text leaves
