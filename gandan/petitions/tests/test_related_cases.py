"""The duplicate check's second answer, "the same matter, other people", as a clerk uses it: shown apart from the
merge at intake and on the case, linked (never merged), each link audited, the linked cases listed on both sides,
and the API saying which answer each suggestion is."""

import pytest
from django.urls import reverse

from gandan.audit.models import Event
from gandan.errors import DomainError
from gandan.petitions.models import Petition, RelatedCase, Status
from gandan.petitions.selectors import related_cases
from gandan.petitions.services import petition_relate
from gandan.petitions.tests.test_double_submit import token_in
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

ROAD = (
    "Đường ĐT 307 đoạn từ cầu Đồng Giang đến ngã ba chợ Cầu bị bong tróc, nhiều ổ gà sâu, xe tải chạy suốt ngày "
    "đêm làm bụi bay vào nhà. Đề nghị xã báo cấp trên sửa chữa đoạn đường và cắm biển hạn chế tải trọng."
)
FIRST = {"name": "Nguyễn Thị Hoa", "address": "Thôn Đồng Thịnh, xã Sông Lô", "phone": "0912345678"}
NEIGHBOUR_TEXT = (
    "Tôi bán hàng ven đường ĐT307, xe tải chở đất đá chạy qua làm đường lún sâu, bụi mù mịt cả ngày."
)


def _form(token: str, **extra) -> dict:
    return {
        "kind": "reflection",
        "channel": "direct",
        "subject": "Đường ĐT307 lún, bụi",
        "content": NEIGHBOUR_TEXT,
        "name": "Nguyễn Thị Mơ",
        "address": "Thôn Đồng Giang, xã Sông Lô",
        "phone": "0356471209",
        "email": "",
        "id_number": "",
        "submission_token": token,
        **extra,
    }


def test_intake_shows_the_same_matter_apart_and_links_the_new_petition_to_it(receive, desk_officer):
    first = receive("reflection", subject="Đường ĐT 307 xuống cấp", content=ROAD, persons=[FIRST])
    client = client_for(desk_officer)
    shown = client.post(reverse("petitions:intake"), _form(token_in(client.get(reverse("petitions:intake")))))

    page = shown.content.decode()
    assert shown.status_code == 200 and "Cùng sự việc, người khác" in page and "Cùng đường ĐT 307" in page
    assert "Đơn này đã gửi trước đây?" not in page  # not offered as a merge
    assert f'name="relate" value="{first.pk}"' in page and 'name="duplicate_choice" value="new"' in page

    saved = client.post(
        reverse("petitions:intake"),
        _form(token_in(shown), duplicate_choice="new", relate=[str(first.pk)]),
    )
    new = Petition.objects.exclude(pk=first.pk).get(subject="Đường ĐT307 lún, bụi")
    assert saved.status_code == 302 and new.status != Status.MERGED and new.master_id is None
    assert related_cases(desk_officer, new) == [first] and related_cases(desk_officer, first) == [new]
    assert Event.objects.filter(action="petitions.related_linked").count() == 1
    detail = client.get(reverse("petitions:detail", args=[first.pk])).content.decode()
    assert "Các vụ việc cùng sự việc" in detail and new.code in detail


def test_a_case_is_linked_from_its_page_and_linking_again_changes_nothing(receive, desk_officer):
    first = receive("reflection", subject="Đường ĐT 307 xuống cấp", content=ROAD, persons=[FIRST])
    second = receive(
        "reflection",
        subject="Đường ĐT307 lún",
        content=NEIGHBOUR_TEXT,
        persons=[{"name": "Nguyễn Thị Mơ", "address": "Thôn Đồng Giang, xã Sông Lô", "phone": "0356471209"}],
    )
    client = client_for(desk_officer)
    page = client.get(reverse("petitions:detail", args=[second.pk])).content.decode()
    assert "Liên kết là cùng sự việc" in page and f'value="{first.pk}"' in page

    for _ in range(2):
        client.post(reverse("petitions:relate", args=[second.pk]), {"related": [str(first.pk)]})
    assert RelatedCase.objects.count() == 1
    assert Event.objects.filter(action="petitions.related_linked").count() == 1
    page = client.get(reverse("petitions:detail", args=[second.pk])).content.decode()
    assert "Liên kết là cùng sự việc" not in page  # already linked: listed, no longer suggested


def test_nothing_is_linked_to_itself_or_across_communes(
    receive, desk_officer, other_commune_leader, other_commune
):
    mine = receive("reflection", subject="Đường ĐT 307 xuống cấp", content=ROAD, persons=[FIRST])
    theirs = receive("reflection", unit=other_commune, by=other_commune_leader, content=ROAD, persons=[FIRST])
    with pytest.raises(DomainError) as self_link:
        petition_relate(petition=mine, related=[mine], by=desk_officer)
    assert self_link.value.code == "relate_self"
    with pytest.raises(DomainError) as foreign:
        petition_relate(petition=mine, related=[theirs], by=desk_officer)
    assert foreign.value.code == "relate_out_of_scope"
    response = client_for(desk_officer).post(
        reverse("petitions:relate", args=[mine.pk]), {"related": [theirs.pk]}
    )
    assert response.status_code == 404 and not RelatedCase.objects.exists()


def test_the_api_says_which_answer_each_suggestion_is(receive, desk_officer):
    first = receive("reflection", subject="Đường ĐT 307 xuống cấp", content=ROAD, persons=[FIRST])
    response = client_for(desk_officer).post(
        "/api/v1/petitions/duplicate-check",
        {"kind": "reflection", "content": NEIGHBOUR_TEXT, "persons": [{"name": "Nguyễn Thị Mơ"}]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert [(row["id"], row["kind"]) for row in response.json()] == [(first.pk, "same_matter")]
    assert "Cùng đường ĐT 307" in response.json()[0]["reasons"]


def test_the_reasons_are_shown_in_the_language_of_the_page(receive, desk_officer):
    first = receive("reflection", subject="Đường ĐT 307 xuống cấp", content=ROAD, persons=[FIRST])
    client = client_for(desk_officer)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    shown = client.post(reverse("petitions:intake"), _form(token_in(client.get(reverse("petitions:intake")))))

    page = shown.content.decode()
    assert "Both letters name đường ĐT 307" in page and "Cùng đường ĐT 307" not in page
    assert f'name="relate" value="{first.pk}"' in page
