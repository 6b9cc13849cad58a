"""The duplicate check on the database: suggestions at intake, in scope, without exposing protected identities."""

import json

import pytest

from gandan.petitions import dupcheck
from gandan.petitions.models import DuplicateKey, Petition, StoredFingerprint

pytestmark = pytest.mark.django_db

LETTER = (
    "Gia đình ông Lê Văn Bình ở thôn Đồng Thịnh đã xây tường lấn sang đất vườn nhà tôi khoảng hai mét từ "
    "tháng 3 năm 2025. Tôi đã báo trưởng thôn nhiều lần nhưng chưa được giải quyết. Đề nghị UBND xã đo đạc "
    "lại ranh giới hai thửa đất và buộc gia đình ông Bình trả lại phần đất lấn chiếm."
)
PERSON = {
    "name": "Nguyễn Thị Hoa",
    "address": "Thôn Đồng Thịnh, xã Sông Lô",
    "phone": "0912345678",
    "id_number": "025190012345",
}


def _probe(content=LETTER, person=PERSON):
    return dupcheck.text_of(Petition(subject="Tranh chấp đất", content=content), [person])


def test_a_resent_letter_is_suggested_with_the_reasons(receive, desk_officer):
    first = receive(subject="Tranh chấp đất", content=LETTER, persons=[PERSON])
    resent = "KINH GUI UBND XA. " + LETTER.upper() + " Xin cam on."
    found = dupcheck.find(desk_officer, _probe(resent, {**PERSON, "phone": "+84 912 345 678"}))
    assert [s.petition for s in found] == [first]
    assert found[0].match.same_person


def test_a_different_matter_of_the_same_person_is_not_a_duplicate(receive, desk_officer):
    receive(subject="Tranh chấp đất", content=LETTER, persons=[PERSON])
    other = "Đề nghị xã sửa đèn chiếu sáng trên trục đường chính của thôn Cao Phong, đã hỏng từ lâu, trẻ em đi học tối."
    assert dupcheck.find(desk_officer, _probe(other)) == []


def test_petitions_of_another_commune_are_never_suggested(receive, other_commune_leader, other_commune):
    receive(subject="Tranh chấp đất", content=LETTER, persons=[PERSON])
    assert dupcheck.find(other_commune_leader, _probe()) == []


def test_keys_and_stored_fingerprints_hold_no_identity_in_clear(receive):
    p = receive(subject="Tranh chấp đất", content=LETTER, persons=[PERSON])
    stored = json.dumps(StoredFingerprint.objects.get(petition=p).data, ensure_ascii=False)
    assert "025190012345" not in stored and "0912345678" not in stored
    assert DuplicateKey.objects.filter(petition=p).count() >= 20


def test_a_protected_denunciation_is_matched_on_its_content_only(receive, desk_officer):
    p = receive("denunciation", subject="Tranh chấp đất", content=LETTER, persons=[PERSON])
    stored = StoredFingerprint.objects.get(petition=p).data
    assert not stored.get("n") and not stored.get("c") and not stored.get("p")
    # The same person writing about another matter: no suggestion, so nobody learns who denounced in p.
    other = "Đề nghị xã sửa đèn chiếu sáng trên trục đường chính của thôn Cao Phong, đã hỏng từ lâu, trẻ em đi học tối."
    assert dupcheck.find(desk_officer, _probe(other)) == []
    # The same text, from anyone, is still found (a forwarded copy), without an identity reason.
    found = dupcheck.find(desk_officer, _probe(person={"name": "Báo Phú Thọ", "address": "Việt Trì"}))
    assert [s.petition for s in found] == [p]
    assert not found[0].match.same_person


def test_the_duplicate_check_endpoint_lists_matches_and_saves_nothing(receive, desk_officer):
    from gandan.tests_support import client_for

    first = receive(subject="Tranh chấp đất", content=LETTER, persons=[PERSON])
    count = Petition.objects.count()
    client = client_for(desk_officer)
    body = {
        "kind": "complaint",
        "subject": "Tranh chấp đất",
        "content": LETTER,
        "persons": [{"name": PERSON["name"], "address": PERSON["address"], "phone": PERSON["phone"]}],
    }
    response = client.post("/api/v1/petitions/duplicate-check", body, content_type="application/json")
    assert response.status_code == 200
    found = response.json()
    assert [f["code"] for f in found] == [first.code] and found[0]["same_person"]
    assert Petition.objects.count() == count
    bad = client.post("/api/v1/petitions/duplicate-check", {"content": ""}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["code"]


def test_the_search_page_says_more_than_the_cap_instead_of_counting_every_match(
    receive, desk_officer, monkeypatch
):
    from django.urls import reverse

    from gandan.petitions import views
    from gandan.tests_support import client_for

    monkeypatch.setattr(views, "SEARCH_COUNT_CAP", 2)
    for n in range(4):
        receive(subject=f"Phản ánh xưởng gỗ gây ồn số {n}", content="Xưởng gỗ chạy máy cưa sau 22 giờ.")
    page = client_for(desk_officer).get(reverse("petitions:worklist"), {"worklist": "all", "q": "xuong go"})
    text = page.content.decode()
    assert "Có hơn 2 đơn phù hợp" in text
    assert text.count(">Phản ánh xưởng gỗ gây ồn số") == 3  # the pages reach the cap + 1, no further


RESENT = "KINH GUI UBND XA. " + LETTER.upper() + " Xin cam on."


def _same_person_found(officer) -> list:
    found = dupcheck.find(officer, _probe(RESENT, {**PERSON, "phone": "+84 912 345 678"}))
    return [(s.petition, s.match.same_person) for s in found]


def test_rotating_the_secret_key_keeps_person_matching(receive, desk_officer, settings):
    first = receive(subject="Tranh chấp đất", content=LETTER, persons=[PERSON])

    settings.SECRET_KEY = "a-new-secret-key-after-a-leak-" + "x" * 40

    assert _same_person_found(desk_officer) == [(first, True)]


def test_after_a_new_dupcheck_key_the_rekey_command_restores_matching(receive, desk_officer, settings):
    from django.core.management import call_command

    first = receive(subject="Tranh chấp đất", content=LETTER, persons=[PERSON])
    protected = receive("denunciation", subject="Tranh chấp đất", content=LETTER, persons=[PERSON])
    settings.GANDAN_DUPCHECK_KEY = "a-new-dupcheck-key"
    assert _same_person_found(desk_officer) == []  # the stored digests were made with the old key

    call_command("dupcheck_rekey", batch_size=1, verbosity=0)

    assert set(_same_person_found(desk_officer)) == {(protected, False), (first, True)}
    # The protected denunciation is still stored without identity, and matched on its content only.
    stored = StoredFingerprint.objects.get(petition=protected).data
    assert not stored.get("n") and not stored.get("c") and not stored.get("p")


def test_gandan_run_s_stale_check_rekeys_only_when_the_key_changed(receive, desk_officer, settings):
    from django.core.management import call_command

    first = receive(subject="Tranh chấp đất", content=LETTER, persons=[PERSON])
    assert not dupcheck.keys_stale()
    call_command("dupcheck_rekey", if_stale=True, verbosity=0)  # nothing to do: the digests are current
    assert _same_person_found(desk_officer) == [(first, True)]

    settings.GANDAN_DUPCHECK_KEY = "the-key-of-an-upgraded-installation"
    assert dupcheck.keys_stale()

    call_command("dupcheck_rekey", if_stale=True, verbosity=0)

    assert not dupcheck.keys_stale()
    assert _same_person_found(desk_officer) == [(first, True)]


ROAD = (
    "Đường ĐT 307 đoạn từ cầu Đồng Giang đến ngã ba chợ Cầu bị bong tróc, nhiều ổ gà sâu, xe tải chạy suốt ngày "
    "đêm làm bụi bay vào nhà. Đề nghị xã báo cấp trên sửa chữa đoạn đường và cắm biển hạn chế tải trọng."
)
NEIGHBOUR = {"name": "Nguyễn Thị Mơ", "address": "Thôn Đồng Giang, xã Sông Lô", "phone": "0356471209"}


def test_a_neighbour_on_the_same_road_is_a_related_case_not_a_duplicate(receive, desk_officer):
    first = receive(subject="Đường ĐT 307 xuống cấp", content=ROAD, persons=[PERSON])
    other = "Tôi bán hàng ven đường ĐT307, xe tải chở đất đá chạy qua làm đường lún sâu, bụi mù mịt cả ngày."
    assert dupcheck.find(desk_officer, _probe(other, NEIGHBOUR)) == []
    found = dupcheck.find(desk_officer, _probe(other, NEIGHBOUR), related=True)
    assert [(s.petition, s.kind) for s in found] == [(first, "same_matter")]
    assert "Cùng đường ĐT 307" in found[0].match.reasons


def test_a_family_member_with_the_household_phone_is_the_same_petition(receive, desk_officer):
    first = receive(subject="Tranh chấp đất", content=LETTER, persons=[PERSON])
    husband = {"name": "Lê Văn Hải", "address": PERSON["address"], "phone": PERSON["phone"]}
    reminder = (
        "Vợ tôi đã gửi đơn về việc gia đình ông Lê Văn Bình xây tường lấn đất vườn mà chưa được trả lời."
    )
    found = dupcheck.find(desk_officer, _probe(reminder, husband))
    assert [(s.petition, s.kind) for s in found] == [(first, "same_petition")]
    assert "Cùng hộ: cùng số điện thoại, khác tên người gửi" in found[0].match.reasons


def test_a_new_protected_denunciation_is_compared_on_its_content_only(receive, desk_officer):
    first = receive(subject="Tranh chấp đất", content=LETTER, persons=[PERSON])
    probe = Petition(subject="Tố cáo", content=LETTER, protected=True)
    found = dupcheck.find(desk_officer, dupcheck.text_of(probe, [PERSON]))
    assert [s.petition for s in found] == [first]  # the same text: a copy, whoever sent it
    assert not found[0].match.same_person
    assert not any("điện thoại" in r or "họ tên" in r or "căn cước" in r for r in found[0].match.reasons)


def test_a_fingerprint_stored_before_the_matter_fields_still_reads_and_compares():
    old_row = {
        "c": "",
        "p": "",
        "n": ["nguyen", "thi", "hoa"],
        "o": False,
        "pl": ["dong thinh"],
        "a": [],
        "s": [],
        "w": [],
    }
    fp = dupcheck._from_json(old_row)
    assert fp.matter == dupcheck.dup.MatterFeatures() and not fp.protected and fp.household == ()
    assert dupcheck._from_json(dupcheck._to_json(fp)) == fp


def test_a_reminder_dating_the_earlier_letter_finds_it_by_the_day_it_was_received(receive, desk_officer):
    import datetime as dt

    from django.utils import timezone

    at = timezone.make_aware(dt.datetime(2026, 9, 15, 9, 30))
    first = receive(subject="Tranh chấp đất", content=LETTER, persons=[PERSON], at=at)
    reminder = "Tôi đã gửi đơn hôm 15/9 mà đến nay chưa thấy xã trả lời, nhà ông Bình vẫn chưa trả đất."
    probe = dupcheck.text_of(
        Petition(
            subject="Hỏi kết quả",
            content=reminder,
            received_at=timezone.make_aware(dt.datetime(2026, 11, 10)),
        ),
        [PERSON],
    )
    found = dupcheck.find(desk_officer, probe)
    assert [(s.petition, s.kind) for s in found] == [(first, "same_petition")]
    assert "Đơn nêu đơn đã gửi ngày 15/09, trùng ngày nhận đơn kia (15/09/2026)" in found[0].match.reasons


def test_gandan_run_s_stale_check_sees_a_fingerprint_read_by_an_older_check(receive):
    p = receive(subject="Tranh chấp đất", content=LETTER, persons=[PERSON])
    assert not dupcheck.keys_stale()
    stored = StoredFingerprint.objects.get(petition=p)
    stored.data = {
        k: v for k, v in stored.data.items() if k != "ld"
    }  # as stored before letters' dates were read
    stored.save()
    assert dupcheck.keys_stale()


def test_a_reminder_of_a_matter_come_back_is_not_merged_with_the_closed_occurrence(receive, desk_officer):
    import datetime as dt

    from django.utils import timezone

    lights = (
        "Đèn chiếu sáng đường trục thôn Đồng Thịnh từ cổng làng đến nhà văn hóa có 9 bóng không sáng, tấm pin bị "
        "bong. Đề nghị xã yêu cầu đơn vị lắp đặt bảo hành, thay thế đèn đường trục thôn."
    )
    back = (
        "Đèn đường trục thôn Đồng Thịnh (cổng làng – nhà văn hóa) được thay mới tháng 3/2025, nhưng từ tháng 7/2026 "
        "lại tắt gần hết. Đề nghị xã kiểm tra sửa chữa đèn đường trục thôn sớm."
    )
    old = receive(
        subject="Đèn đường",
        content=lights,
        persons=[PERSON],
        at=timezone.make_aware(dt.datetime(2024, 11, 5)),
    )
    new = receive(
        subject="Đèn đường", content=back, persons=[PERSON], at=timezone.make_aware(dt.datetime(2026, 9, 10))
    )
    reminder = (
        "Tôi đã phản ánh đèn đường trục thôn Đồng Thịnh không sáng, 2 tháng chưa thấy trả lời, đèn vẫn tắt."
    )
    probe = dupcheck.text_of(
        Petition(
            subject="Hỏi kết quả", content=reminder, received_at=timezone.make_aware(dt.datetime(2026, 11, 9))
        ),
        [PERSON],
    )
    found = dupcheck.find(desk_officer, probe, related=True)
    # The 2024 letter was answered by the new lights; the clerk merges the reminder with the 2026 letter only.
    assert [(s.petition, s.kind) for s in found] == [(new, "same_petition")]
    assert old not in [s.petition for s in found]


def test_a_body_s_stored_cover_letter_is_compared_in_full_with_the_citizen_s_own_letter(
    receive, desk_officer
):
    # A body's letter names no person as its sender; it is still not a protected case, to be compared on content.
    front = receive(
        subject="Chuyển đơn",
        content="Ủy ban MTTQ xã Sông Lô nhận được đơn của bà Nguyễn Thị Hoa, thôn Đồng Thịnh, phản ánh gia đình ông "
        "Lê Văn Bình xây tường lấn sang đất vườn nhà bà. Kính chuyển UBND xã xem xét giải quyết.",
        persons=[{"name": "Ủy ban MTTQ Việt Nam xã Sông Lô", "address": "xã Sông Lô"}],
    )
    found = dupcheck.find(desk_officer, _probe(), related=True)
    assert [(s.petition, s.kind) for s in found] == [(front, "same_petition")]
    assert "Văn bản chuyển đơn nêu tên người gửi đơn kia" in found[0].match.reasons
