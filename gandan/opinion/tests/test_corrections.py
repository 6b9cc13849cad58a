"""Officials correct the grouping: rename, set the topic (the topic learns), correct one signal, dismiss and reopen,
merge, split — each recorded in the audit trail, each refusal a clear message with nothing changed."""

import io

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from gandan.audit.models import Event
from gandan.core.vnnlp import terms
from gandan.errors import DomainError
from gandan.opinion.curation import IssueRef, learned_counts, merge_problems, split_problems
from gandan.opinion.models import Issue, Signal, Topic, TopicTerm
from gandan.opinion.services import issues as services
from gandan.opinion.tests.factories import issue_signals, make_issue, villages_of
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def dust(home_commune):
    v = villages_of(home_commune)
    return make_issue(
        home_commune,
        "Bụi trạm trộn",
        [
            (v[0], 1, "Bụi trạm trộn bê tông"),
            (v[1], 2, "Khói lò gạch cay mắt"),
            (v[1], 3, "Bụi bê tông bay vào nhà"),
        ],
    )


@pytest.fixture
def dust_again(home_commune):
    v = villages_of(home_commune)
    return make_issue(home_commune, "Bụi bê tông thôn", [(v[2], 1, "Xe bê tông làm bụi đường")])


@pytest.fixture
def tam_son_issue(other_commune):
    return make_issue(other_commune, "Trại lợn", [(villages_of(other_commune)[0], 1, "Trại lợn xả thải")])


def _events(action: str) -> int:
    return Event.objects.filter(action=action).count()


# --- Rename ---------------------------------------------------------------------------------------------------------


def test_rename_is_kept_and_audited(dust, commune_leader):
    url = reverse("opinion:issue_rename", args=[dust.pk])
    response = client_for(commune_leader).post(url, {"title": "  Bụi từ trạm trộn bê tông  thôn Bãi Sậy "})
    assert response.status_code == 302
    dust.refresh_from_db()
    assert (dust.title, dust.title_fixed) == ("Bụi từ trạm trộn bê tông thôn Bãi Sậy", True)
    assert _events("opinion.issue_rename") == 1


def test_an_empty_title_is_refused(dust, commune_leader):
    response = client_for(commune_leader).post(
        reverse("opinion:issue_rename", args=[dust.pk]), {"title": "   "}
    )
    assert response.status_code == 400
    dust.refresh_from_db()
    assert dust.title == "Bụi trạm trộn"


def test_a_reader_cannot_correct(dust, inspector):
    response = client_for(inspector).post(reverse("opinion:issue_rename", args=[dust.pk]), {"title": "X"})
    assert response.status_code == 403


# --- Topics and learning ----------------------------------------------------------------------------------------


def test_setting_the_issue_topic_sets_its_signals_and_teaches_the_topic(dust, commune_leader):
    env = Topic.objects.get(code="environment")
    response = client_for(commune_leader).post(
        reverse("opinion:issue_topic", args=[dust.pk]), {"topic": env.pk}
    )
    assert response.status_code == 302
    dust.refresh_from_db()
    assert dust.topic == env and dust.topic_fixed
    assert {(s.topic_id, s.topic_set_by_id) for s in issue_signals(dust)} == {(env.pk, commune_leader.pk)}
    learned = dict(TopicTerm.objects.filter(topic=env).values_list("term", "weight"))
    assert learned["bui"] == 2  # two signals of three carry it
    assert learned["lo_gach"] == 1
    # Confirming the same topic again teaches nothing twice.
    services.issue_topic_set(issue=dust, topic=env, by=commune_leader)
    assert TopicTerm.objects.get(topic=env, term="bui").weight == 2
    assert _events("opinion.issue_topic_set") == 2


def test_correcting_one_signal(dust, commune_leader):
    roads = Topic.objects.get(code="roads")
    signal = issue_signals(dust)[1]
    client_for(commune_leader).post(reverse("opinion:signal_topic", args=[signal.pk]), {"topic": roads.pk})
    signal.refresh_from_db()
    assert signal.topic == roads and signal.topic_set_by == commune_leader
    assert set(TopicTerm.objects.filter(topic=roads).values_list("term", flat=True)) == set(
        terms(signal.text)
    )
    assert _events("opinion.signal_topic_set") == 1


def test_an_inactive_topic_cannot_be_chosen(dust, commune_leader):
    roads = Topic.objects.get(code="roads")
    roads.active = False
    roads.save()
    with pytest.raises(DomainError):
        services.issue_topic_set(issue=dust, topic=roads, by=commune_leader)
    assert not TopicTerm.objects.filter(topic=roads).exists()


def test_another_commune_cannot_correct_a_signal(dust, other_commune_leader):
    signal = issue_signals(dust)[0]
    env = Topic.objects.get(code="environment")
    response = client_for(other_commune_leader).post(
        reverse("opinion:signal_topic", args=[signal.pk]), {"topic": env.pk}
    )
    assert response.status_code == 404


@given(st.lists(st.lists(st.sampled_from(["bui", "lo", "khoi", "duong"]), max_size=6), max_size=8))
def test_learning_counts_each_term_once_per_signal(term_lists):
    counts = learned_counts(term_lists)
    for term, n in counts.items():
        assert n == sum(term in found for found in term_lists)


# --- Dismiss and reopen -------------------------------------------------------------------------------------------


def test_dismiss_needs_a_reason_and_is_confirmed(dust, commune_leader):
    client = client_for(commune_leader)
    url = reverse("opinion:issue_dismiss", args=[dust.pk])
    assert client.get(url).status_code == 200  # the confirmation page
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    dust.refresh_from_db()
    assert dust.status == "open"
    assert client.post(url, {"reason": "Tin nhắn rác"}).status_code == 302
    dust.refresh_from_db()
    assert dust.status == "dismissed"
    page = client.get(reverse("opinion:issue", args=[dust.pk])).content.decode()
    assert "Tin nhắn rác" in page
    client.post(reverse("opinion:issue_reopen", args=[dust.pk]))
    dust.refresh_from_db()
    assert dust.status == "open"
    assert _events("opinion.issue_dismiss") == 1 and _events("opinion.issue_reopen") == 1


def test_dismissing_an_issue_closes_its_open_alerts_saying_why(dust, commune_leader):
    from django.utils import timezone

    from gandan.opinion.models import Alert

    alert = Alert.objects.create(
        issue=dust, unit=dust.unit, unit_path=dust.unit_path, level=2, raised_at=timezone.now(), reasons=[]
    )
    services.issue_dismiss(issue=dust, reason="Tin nhắn rác", by=commune_leader)

    alert.refresh_from_db()
    assert alert.status == "closed"
    assert alert.events.get(action="close").note == "Vấn đề đã được bỏ qua: Tin nhắn rác"


def test_an_open_issue_cannot_be_reopened(dust, commune_leader):
    with pytest.raises(DomainError):
        services.issue_reopen(issue=dust, by=commune_leader)


# --- Merge ----------------------------------------------------------------------------------------------------------


def test_merge_moves_the_signals_and_refreshes_the_target(dust, dust_again, commune_leader):
    client = client_for(commune_leader)
    url = reverse("opinion:issue_merge", args=[dust_again.pk])
    listing = client.get(url)
    assert [i.pk for i in listing.context["page_obj"].object_list] == [dust.pk]
    confirm = client.get(url, {"target": dust.pk})
    assert "Bụi trạm trộn" in confirm.content.decode() and confirm.context["target"] == dust
    response = client.post(url, {"target": dust.pk})
    assert response.status_code == 302 and response["Location"] == reverse("opinion:issue", args=[dust.pk])
    dust.refresh_from_db()
    dust_again.refresh_from_db()
    assert (dust_again.status, dust_again.merged_into_id) == ("merged", dust.pk)
    assert dust.signal_count == 4 and Signal.objects.filter(issue=dust).count() == 4
    assert len(dust.places) == 3
    assert _events("opinion.issue_merge") == 1


@pytest.mark.parametrize("case", ["itself", "other_commune", "nothing"])
def test_bad_merges_are_refused_with_a_message(dust, tam_son_issue, province_supervisor, case):
    target = {"itself": dust.pk, "other_commune": tam_son_issue.pk, "nothing": ""}[case]
    response = client_for(province_supervisor).post(
        reverse("opinion:issue_merge", args=[dust.pk]), {"target": target}
    )
    assert response.status_code == 400
    assert response.context["error"]
    dust.refresh_from_db()
    assert dust.status == "open" and Signal.objects.filter(issue=dust).count() == 3
    assert _events("opinion.issue_merge") == 0


def test_merge_into_a_dismissed_issue_is_refused(dust, dust_again, commune_leader):
    services.issue_dismiss(issue=dust, reason="rác", by=commune_leader)
    with pytest.raises(DomainError) as error:
        services.issue_merge(issue=dust_again, target=Issue.objects.get(pk=dust.pk), by=commune_leader)
    assert error.value.code == "merge_target_closed"


@given(
    st.integers(1, 5), st.integers(1, 5), st.sampled_from(["a", "b"]), st.sampled_from(["open", "dismissed"])
)
def test_merge_rules(a, b, path, status):
    problems = merge_problems(IssueRef(a, "a", "open"), IssueRef(b, path, status))
    assert (problems == []) == (a != b and path == "a" and status == "open")


# --- Split ----------------------------------------------------------------------------------------------------------


def test_split_makes_a_new_issue(dust, commune_leader):
    smoke = issue_signals(dust)[1]
    response = client_for(commune_leader).post(
        reverse("opinion:issue_split", args=[dust.pk]), {"signals": [smoke.pk], "title": "Khói lò gạch"}
    )
    new = Issue.objects.get(split_from=dust)
    assert response["Location"] == reverse("opinion:issue", args=[new.pk])
    assert (new.title, new.signal_count, new.unit_id) == ("Khói lò gạch", 1, dust.unit_id)
    dust.refresh_from_db()
    assert dust.signal_count == 2
    assert _events("opinion.issue_split") == 1


def test_a_split_takes_the_moved_signals_villages_named_and_signs_with_them(home_commune, commune_leader):
    """What the engine remembers of an issue (the villages its texts name, its urgent and repeated complaints, its
    crowd petitions) follows the signals: after a split, the issue left behind no longer shows the moved ones'."""
    v = villages_of(home_commune)
    issue = make_issue(
        home_commune,
        "Trạm bơm",
        [
            (v[0], 2, "Trạm bơm hỏng, lúa khô"),
            (v[0], 1, f"Khẩn cấp! Bà con {v[1].name} đã nhiều lần báo trạm bơm hỏng mà chưa sửa"),
        ],
    )
    moved = issue_signals(issue)[1]
    Signal.objects.filter(pk=moved.pk).update(people=12)
    client_for(commune_leader).post(
        reverse("opinion:issue_split", args=[issue.pk]),
        {"signals": [moved.pk], "title": "Bà con phản ánh gấp"},
    )
    issue.refresh_from_db()
    new = Issue.objects.get(split_from=issue)
    assert issue.memory["named"] == [] and issue.memory["cues"] == {} and issue.memory["crowd"] == {}
    assert new.memory["named"] == [str(v[1].pk)]
    assert set(new.memory["cues"]) >= {"urgency", "repeat"} and list(new.memory["crowd"].values()) == [12]


@pytest.mark.parametrize("choice", ["none", "all", "foreign"])
def test_bad_splits_are_refused(dust, dust_again, commune_leader, choice):
    ids = {
        "none": [],
        "all": [s.pk for s in issue_signals(dust)],
        "foreign": [issue_signals(dust_again)[0].pk],
    }[choice]
    response = client_for(commune_leader).post(
        reverse("opinion:issue_split", args=[dust.pk]), {"signals": ids}
    )
    assert response.status_code == 400
    assert response.context["split_error"]
    assert not Issue.objects.filter(split_from=dust).exists()
    assert Signal.objects.filter(issue=dust).count() == 3


@given(st.sets(st.integers(1, 6), max_size=6), st.sets(st.integers(1, 8), max_size=8))
def test_split_rules(held, chosen):
    ok = split_problems(held, chosen) == []
    assert ok == (bool(chosen) and chosen < held)


# --- The issue page and its export ------------------------------------------------------------------------------


def test_the_issue_page_shows_masked_signals_and_the_export_holds_them(home_commune, commune_leader):
    issue = make_issue(
        home_commune, "Bụi", [(villages_of(home_commune)[0], 1, "Bụi quá, gọi tôi 0912345678 nhé")]
    )
    client = client_for(commune_leader)
    page = client.get(reverse("opinion:issue", args=[issue.pk])).content.decode()
    assert "Bụi quá" in page and "0912345678" not in page
    response = client.get(reverse("opinion:issue_export", args=[issue.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    assert len(rows) == 1 and rows[0][2] == villages_of(home_commune)[0].name
    assert "Bụi quá" in rows[0][6] and "0912345678" not in rows[0][6]
    assert _events("opinion.issue_export") == 1


def test_the_issue_page_lists_its_alerts_and_its_volume(dust, commune_leader):
    from django.utils import timezone

    from gandan.opinion.models import Alert

    Alert.objects.create(
        issue=dust, unit=dust.unit, unit_path=dust.unit_path, level=3, raised_at=timezone.now(), reasons=[]
    )
    response = client_for(commune_leader).get(reverse("opinion:issue", args=[dust.pk]))
    assert len(response.context["alerts"]) == 1
    assert [b["n"] for b in response.context["volume"]["bars"]] == [1, 1, 1]
    assert 'class="pill pill-bad"' in response.content.decode()


def test_the_audit_trail_names_the_issue_for_its_commune_only(dust, commune_leader, other_commune_leader):
    from gandan.opinion.labels import audit_actions, audit_objects

    assert "opinion.issue_merge" in audit_actions()
    assert audit_objects(commune_leader, "opinion.issue", [str(dust.pk)]) == {
        str(dust.pk): ("Bụi trạm trộn", reverse("opinion:issue", args=[dust.pk]))
    }
    assert audit_objects(other_commune_leader, "opinion.issue", [str(dust.pk)]) == {}


def test_a_merged_issue_points_to_its_target_and_a_reader_sees_no_corrections(
    dust, dust_again, commune_leader, inspector
):
    services.issue_merge(issue=dust_again, target=dust, by=commune_leader)
    page = client_for(inspector).get(reverse("opinion:issue", args=[dust_again.pk])).content.decode()
    assert reverse("opinion:issue", args=[dust.pk]) in page
    assert reverse("opinion:issue_rename", args=[dust_again.pk]) not in page
    target = client_for(inspector).get(reverse("opinion:issue", args=[dust.pk])).content.decode()
    assert "Xe bê tông làm bụi đường" in target
    assert reverse("opinion:issue_split", args=[dust.pk]) not in target
