"""Error messages a person meets read as Vietnamese: a GET on a POST-only address gets a Vietnamese page (not a
blank 405), and a number below its minimum is worded without Django's stray space before the period."""

from django.utils import translation

from gandan.dossiers.forms import ReturnForm


def test_get_on_a_post_only_staff_url_shows_a_vietnamese_page(client, desk_officer):
    client.force_login(desk_officer)
    response = client.get("/staff/inbox/1/open/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 405
    assert "POST" in response["Allow"]
    assert "Không mở trực tiếp được trang này" in response.content.decode()


def test_a_negative_fee_is_refused_in_plain_vietnamese():
    with translation.override("vi"):
        form = ReturnForm(
            data={
                "result_number": "GKS 1",
                "method": "in_person",
                "receiver_is_applicant": "1",
                "fee_amount": "-5",
            }
        )
        assert not form.is_valid()
        assert form.errors["fee_amount"] == ["Giá trị phải lớn hơn hoặc bằng 0."]
