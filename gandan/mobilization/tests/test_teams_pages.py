"""The tổ dân vận pages as an officer uses them: the coverage with its flagged gaps, filters and search without
diacritics; the province's communes with their totals and drill-down; a team with its members; the forms that set
up a team and add, change and end members, with the services' errors shown in Vietnamese; the import and its
template; the Excel export. Another commune's officer gets 404."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gandan.mobilization.models import Member, Team
from gandan.mobilization.selectors.teams import coverage
from gandan.mobilization.tests.teams_support import OFFICER, OTHER_OFFICER, new_village, user, xlsx
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

TEAMS = reverse("mobilization:teams")


@pytest.fixture
def officer(db):
    return user(OFFICER)


@pytest.fixture
def client(officer):
    return client_for(officer)


@pytest.fixture
def team(home_commune):
    """The demo team of Thôn Lũng Hạ, xã Sông Lô: it has no leader."""
    return Team.objects.get(
        village__parent=home_commune, village__name="Thôn Lũng Hạ", dissolved_on__isnull=True
    )


def _text(response) -> str:
    return response.content.decode()


def test_the_commune_officer_sees_each_village_with_its_team_and_gaps(client):
    page = _text(client.get(TEAMS))
    assert "Thôn Lũng Hạ" in page and "Chưa có tổ trưởng" in page
    assert "Thôn Bến Đò" in page and "Chưa có tổ dân vận" in page
    assert "Thành lập tổ" in page  # the village without a team offers to set it up


def test_the_gaps_filter_and_the_search_without_diacritics(client):
    only_gaps = _text(client.get(TEAMS, {"gaps": "on"}))
    assert "Thôn Lũng Hạ" in only_gaps and "Thôn Bãi Sậy" not in only_gaps
    found = _text(client.get(TEAMS, {"q": "ben do"}))
    assert "Thôn Bến Đò" in found and "Thôn Lũng Hạ" not in found
    nothing = _text(client.get(TEAMS, {"q": "khong co thon nay"}))
    assert "Không có thôn nào khớp" in nothing


def test_the_province_sees_its_communes_with_totals_and_opens_one(province_supervisor, home_commune):
    client = client_for(province_supervisor)
    page = _text(client.get(TEAMS))
    totals = coverage(province_supervisor).totals
    assert f'<th class="num">{totals.members}</th>' in page  # the totals row
    assert f'<th class="num">{totals.without_team}</th>' in page
    assert "Thôn Lũng Hạ" not in page  # the communes' figures, not their villages
    found = _text(client.get(TEAMS, {"q": "song lo"}))
    assert "Xã Sông Lô" in found and "Xã Tam Sơn" not in found
    assert "Chưa có tổ trưởng: 1" in found
    opened = _text(client.get(TEAMS, {"commune": home_commune.pk}))
    assert "Thôn Lũng Hạ" in opened and "Chưa có tổ trưởng" in opened


def test_another_communes_officer_cannot_open_this_commune_or_its_team(team, home_commune):
    client = client_for(user(OTHER_OFFICER))
    assert client.get(TEAMS, {"commune": home_commune.pk}).status_code == 404
    assert client.get(reverse("mobilization:team", args=[team.pk])).status_code == 404


def test_a_team_shows_its_members_with_roles_term_and_phone(client, team):
    member = team.members.exclude(phone="").first()
    page = _text(client.get(reverse("mobilization:team", args=[team.pk])))
    assert member.full_name in page and member.phone in page
    assert "Bí thư chi bộ" in page and "Chưa có tổ trưởng" in page


def test_setting_up_a_team_then_adding_its_leader(client, home_commune):
    village = new_village(home_commune, "Thôn Đồng Gianh Mới")
    response = client.post(
        reverse("mobilization:team_new"), {"village": village.pk, "established_on": "01/07/2025"}
    )
    team = Team.objects.get(village=village)
    assert response.status_code == 302 and response["Location"] == reverse(
        "mobilization:team", args=[team.pk]
    )
    url = reverse("mobilization:member_new", args=[team.pk])
    response = client.post(url, {"full_name": "Nguyễn Văn An", "roles": ["leader", "cell_secretary"]})
    assert response.status_code == 302
    refused = client.post(url, {"full_name": "Trần Văn Bình", "roles": ["leader"], "phone": "123"})
    assert refused.status_code == 422
    page = _text(refused)
    assert "Nguyễn Văn An đã là tổ trưởng" in page and "0912345678" in page
    assert team.members.count() == 1


def test_a_member_is_changed_and_their_term_ended(client, team):
    member = team.members.filter(term_end__isnull=True).first()
    edit = reverse("mobilization:member_edit", args=[member.pk])
    response = client.post(edit, {"full_name": member.full_name, "roles": ["leader", *member.roles]})
    assert response.status_code == 302
    member.refresh_from_db()
    assert "leader" in member.roles
    today = timezone.localdate()
    response = client.post(
        reverse("mobilization:member_end", args=[member.pk]), {"on": today.strftime("%d/%m/%Y")}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.term_end == today
    page = _text(client.get(reverse("mobilization:team", args=[team.pk])))
    assert "1 thành viên cũ" in page


def test_dissolving_a_team_from_its_page(client, team):
    today = timezone.localdate().strftime("%d/%m/%Y")
    response = client.post(reverse("mobilization:team_dissolve", args=[team.pk]), {"on": today})
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.dissolved_on is not None


def test_the_province_supervisor_may_not_open_the_forms(province_supervisor, team):
    client = client_for(province_supervisor)
    assert client.get(reverse("mobilization:team_new")).status_code == 403
    assert client.get(reverse("mobilization:member_new", args=[team.pk])).status_code == 403


def test_importing_a_file_and_the_lines_to_fix(client, home_commune):
    village = new_village(home_commune, "Thôn Khe Nước")
    url = reverse("mobilization:teams_import")
    bad = io.BytesIO(xlsx([["Thôn Không Có", "Nguyễn Văn An", "Tổ trưởng", "", "", ""]]))
    bad.name = "to-dan-van.xlsx"
    response = client.post(url, {"commune": home_commune.pk, "file": bad})
    assert response.status_code == 422
    assert "Dòng 2" in _text(response) and "Chưa lưu dữ liệu" in _text(response)
    good = io.BytesIO(xlsx([["Khe Nuoc", "Nguyễn Văn An", "Tổ trưởng", "", "", ""]]))
    good.name = "to-dan-van.xlsx"
    response = client.post(url, {"commune": home_commune.pk, "file": good})
    assert response.status_code == 302
    assert Member.objects.get(team__village=village).full_name == "Nguyễn Văn An"


def test_the_template_and_the_export_are_workbooks(client):
    template = client.get(reverse("mobilization:teams_import_template"))
    book = load_workbook(io.BytesIO(b"".join(template.streaming_content)))
    assert [c.value for c in book.worksheets[0][1]][:2] == ["Thôn/Tổ dân phố", "Họ và tên"]
    export = client.get(reverse("mobilization:teams_export"))
    book = load_workbook(io.BytesIO(b"".join(export.streaming_content)))
    summary = [list(r) for r in book["Tổng hợp"].iter_rows(values_only=True)]
    assert any(r[1] == "Xã Sông Lô" for r in summary) and summary[-1][1] == "Tổng cộng"
    villages = [r[2] for r in book["Thôn, tổ dân phố"].iter_rows(values_only=True)]
    assert "Thôn Lũng Hạ" in villages


def test_most_missing_first_puts_the_village_without_a_team_on_top(client):
    page = _text(client.get(TEAMS, {"order": "gaps"}))
    assert page.index("Thôn Bến Đò") < page.index("Thôn Lũng Hạ") < page.index("Thôn Bãi Sậy")
