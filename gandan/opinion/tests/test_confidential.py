"""A protected denunciation is heard by the opinion module, but its words are the case's: they may tell who wrote
them (a given name, a wife's name, "the house at the end of the lane") though the identity fields were masked. Its
signal counts like any other; its text is shown only to the officers granted access on the case, in the issue's
page and in its spreadsheet; and it never titles an issue."""

import datetime as dt
import io

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gandan.accounts.models import User
from gandan.opinion.models import Issue, Signal
from gandan.opinion.services.processing import process_pending
from gandan.opinion.services.refresh import issue_refresh
from gandan.petitions.models import IdentityGrant
from gandan.petitions.services import petition_receive
from gandan.tests_support import client_for
from gandan.units.models import Unit

pytestmark = pytest.mark.django_db

# Told in the letter itself, beyond the identity fields the intake masks.
GIVEN_AWAY = ["đầu xóm", "Đinh Thị Hảo", "anh Khánh"]
DENOUNCED = (
    "Tôi là anh Khánh ở đầu xóm Bến Đò, vợ là Đinh Thị Hảo. Tôi tố cáo ông trưởng thôn thu tiền làm đường bê "
    "tông thôn Bến Đò mỗi hộ 2 triệu đồng mà không công khai sổ sách."
)
OPEN = "Trưởng thôn Bến Đò thu tiền làm đường bê tông mỗi hộ 2 triệu đồng mà không công khai sổ sách thu chi."


@pytest.fixture
def ben_do(home_commune):
    return Unit.objects.get(parent=home_commune, name="Thôn Bến Đò", valid_to__isnull=True)


def _receive(commune, village, kind, content, by, hours, name):
    return petition_receive(
        unit=commune,
        channel="direct",
        place=village,
        persons=[{"name": name, "address": "Thôn Bến Đò, xã Sông Lô", "phone": "0966123789"}],
        parts=[{"kind": kind, "subject": "Thu tiền làm đường bê tông thôn Bến Đò", "content": content}],
        by=by,
        at=timezone.now() - dt.timedelta(hours=hours),
    )[0]


@pytest.fixture
def scene(home_commune, ben_do, desk_officer):
    """The denunciation first, then two villagers' reflections on the same money: one issue of three signals."""
    denunciation = _receive(
        home_commune, ben_do, "denunciation", DENOUNCED, desk_officer, 30, "Hoàng Văn Khánh"
    )
    for hours, name in ((20, "Trần Văn Ba"), (10, "Nguyễn Thị Hoa")):
        _receive(home_commune, ben_do, "reflection", OPEN, desk_officer, hours, name)
    process_pending()
    signal = Signal.objects.get(source_kind="petition", source_id=str(denunciation.pk))
    return {"denunciation": denunciation, "signal": signal, "issue": signal.issue}


def test_the_denunciation_is_heard_with_the_others_and_only_its_signal_is_confidential(scene):
    assert scene["denunciation"].protected
    issue = scene["issue"]
    assert issue.signal_count == 3
    assert list(Signal.objects.filter(issue=issue, confidential=True)) == [scene["signal"]]
    # Its words are kept for the engine (they group it with the others) …
    assert "Đinh Thị Hảo" in scene["signal"].text
    # … but never title the issue, though it came first.
    assert "Khánh" not in issue.title and "Hảo" not in issue.title
    assert issue.title.startswith("Trưởng thôn Bến Đò thu tiền")


def test_an_officer_without_a_grant_sees_that_a_denunciation_came_not_what_it_says(scene):
    page = client_for(User.objects.get(username="danvan.songlo")).get(
        reverse("opinion:issue", args=[scene["issue"].pk])
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Trưởng thôn Bến Đò thu tiền" in text  # the other signals are there
    assert "nội dung được bảo mật" in text
    for words in GIVEN_AWAY:
        assert words not in text, words


def test_an_officer_granted_access_on_the_case_reads_it(scene, commune_leader):
    """The board is the leaders' (the desk officer who holds the intake grant does not see it): the chairman reads
    the letter once he holds a grant on the case, as its resolver, and not before."""
    url = reverse("opinion:issue", args=[scene["issue"].pk])
    client = client_for(commune_leader)
    assert "Đinh Thị Hảo" not in client.get(url).content.decode()
    IdentityGrant.objects.create(
        petition=scene["denunciation"],
        user=commune_leader,
        role="resolver",
        reason="Giải quyết",
        at=timezone.now(),
    )
    assert "Đinh Thị Hảo" in client.get(url).content.decode()


def test_the_issue_s_spreadsheet_withholds_it_too(scene, commune_leader):
    response = client_for(commune_leader).get(reverse("opinion:issue_export", args=[scene["issue"].pk]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None)
    assert "Trưởng thôn Bến Đò thu tiền" in cells and "nội dung được bảo mật" in cells
    for words in GIVEN_AWAY:
        assert words not in cells, words


def test_an_issue_told_only_by_a_denunciation_is_titled_neutrally_also_after_a_refresh(
    home_commune, ben_do, desk_officer
):
    alone = _receive(home_commune, ben_do, "denunciation", DENOUNCED, desk_officer, 5, "Hoàng Văn Khánh")
    process_pending()
    issue = Issue.objects.get(signals__source_id=str(alone.pk))
    assert issue.title == "Đơn tố cáo (nội dung được bảo mật)"
    issue_refresh(issue)
    assert issue.title == "Đơn tố cáo (nội dung được bảo mật)"


def test_signals_recorded_before_the_flag_are_marked_by_the_migration(scene):
    """The data step of migration 0006, run on the database as it is now."""
    from importlib import import_module

    Signal.objects.update(confidential=False)
    Issue.objects.filter(pk=scene["issue"].pk).update(
        representative=scene["signal"], title="Tôi là anh Khánh …"
    )
    import_module("gandan.opinion.migrations.0006_signal_confidential").mark_protected(apps, None)
    assert list(Signal.objects.filter(confidential=True)) == [scene["signal"]]
    issue = Issue.objects.get(pk=scene["issue"].pk)
    assert issue.title == "Đơn tố cáo (nội dung được bảo mật)"
    assert issue.memory["best_open"] is False  # the next signal that is not a denunciation's titles it again
    # An official's own title is kept.
    Issue.objects.filter(pk=issue.pk).update(title="Thu tiền làm đường", title_fixed=True)
    import_module("gandan.opinion.migrations.0006_signal_confidential").mark_protected(apps, None)
    assert Issue.objects.get(pk=issue.pk).title == "Thu tiền làm đường"


def test_a_denunciation_that_matches_an_issue_best_does_not_take_its_title(
    home_commune, ben_do, desk_officer
):
    """The villager's reflection opened the issue; the denunciation, in nearly the same words, is the signal most
    like it — and still does not represent it (its title would be the neutral line, or its words)."""
    first = _receive(home_commune, ben_do, "reflection", OPEN, desk_officer, 30, "Trần Văn Ba")
    _receive(
        home_commune, ben_do, "denunciation", OPEN + " " + DENOUNCED, desk_officer, 20, "Hoàng Văn Khánh"
    )
    process_pending()
    issue = Issue.objects.get(signals__source_id=str(first.pk))
    assert issue.signal_count == 2
    assert issue.representative.source_id == str(first.pk)
    assert issue.title.startswith("Trưởng thôn Bến Đò thu tiền")


def test_a_statement_in_the_reception_book_kept_secret_is_confidential_too(home_commune, desk_officer):
    """A denunciation told at the desk and not made a petition, or any statement whose citizen asked for secrecy:
    heard by the engine, its words withheld on the board (no officer holds a grant on a book's statement)."""
    from gandan.reception.services import reception_record_add

    for kind, secrecy in (("denunciation", False), ("reflection", True), ("reflection", False)):
        # A denunciation recorded at the desk becomes a petition; one for another body is guided there.
        guided = {"outcome": "guided", "guided_to": "Thanh tra tỉnh"} if kind == "denunciation" else {}
        reception_record_add(
            unit=home_commune,
            at=timezone.now() - dt.timedelta(hours=2),
            citizen_name="Phạm Văn Đức",
            citizen_address="Thôn Bến Đò, xã Sông Lô",
            content=OPEN + f" ({kind}, {secrecy})",
            kind=kind,
            secrecy=secrecy,
            by=desk_officer,
            **guided,
        )
    signals = {
        s.text.rsplit("(", 1)[1]: s.confidential for s in Signal.objects.filter(source_kind="reception")
    }
    assert signals == {"denunciation, False)": True, "reflection, True)": True, "reflection, False)": False}
    process_pending()
    issue = Signal.objects.filter(source_kind="reception").first().issue
    page = client_for(User.objects.get(username="chutich.songlo")).get(
        reverse("opinion:issue", args=[issue.pk])
    )
    text = page.content.decode()
    assert "(reflection, False)" in text
    assert "(denunciation, False)" not in text and "(reflection, True)" not in text
