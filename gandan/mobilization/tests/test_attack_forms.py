"""Bad input on the module's forms and services, as an officer in a hurry types it: each refusal says in Vietnamese
what to do, next to the field, and nothing is saved."""

import pytest
from django.urls import reverse

from gandan.errors import DomainError
from gandan.mobilization.models import Initiative, Member, Team
from gandan.mobilization.tests.initiatives_support import register
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db
pytest_plugins = ["gandan.mobilization.tests.initiatives_fixtures"]  # the cast and the media folder


def test_a_member_without_a_role_is_told_to_tick_member_not_that_the_field_is_required(officer, home_commune):
    team = Team.objects.filter(commune_path=home_commune.path, dissolved_on__isnull=True).first()
    before = Member.objects.count()
    response = client_for(officer).post(
        reverse("mobilization:member_new", args=[team.pk]), {"full_name": "Hoàng Văn Tư"}
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "Chọn ít nhất một vai trò" in page and "Thành viên" in page
    assert Member.objects.count() == before


def test_a_figure_too_large_says_so_instead_of_asking_for_a_number_of_0_or_more(officer):
    before = Initiative.objects.count()
    with pytest.raises(DomainError) as caught:
        register(officer, name="Mô hình số liệu lớn", figures=[{"label": "Hộ tham gia", "value": 10**16}])
    message = caught.value.errors["figures.0.value"][0]
    assert "từ 0 trở lên" not in message and "quá lớn" in message
    assert Initiative.objects.count() == before
