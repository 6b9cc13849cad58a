"""The province edits the topic list: who may, what is checked (keywords one per line, short, no duplicates without
diacritics), that a topic is never deleted and "other" stays in use, and what each topic learned is shown."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from gandan.audit.models import Event
from gandan.core.vntext import fold
from gandan.opinion.curation import KEYWORD_MAX, keyword_problems
from gandan.opinion.models import Topic, TopicTerm
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db


def _form(topic: Topic, **changes) -> dict:
    data = {"name": topic.name, "name_en": topic.name_en, "keywords": topic.keywords, "order": topic.order}
    if topic.active:
        data["active"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_only_the_province_edits_topics(commune_leader, province_supervisor, sysadmin):
    assert client_for(commune_leader).get(reverse("opinion:topics")).status_code == 403
    assert client_for(province_supervisor).get(reverse("opinion:topics")).status_code == 200
    assert client_for(sysadmin).get(reverse("opinion:topic_new")).status_code == 200


def test_add_a_topic(province_supervisor):
    response = client_for(province_supervisor).post(
        reverse("opinion:topic_new"),
        {
            "name": "Điện lực",
            "name_en": "Electricity",
            "keywords": "mất điện\n  cúp điện \n\nđiện yếu",
            "order": 20,
        },
    )
    assert response.status_code == 302
    topic = Topic.objects.get(name="Điện lực")
    assert topic.code == "dien-luc" and topic.keyword_list() == ["mất điện", "cúp điện", "điện yếu"]
    assert Event.objects.filter(action="opinion.topic_create").count() == 1


def test_duplicate_and_long_keywords_are_refused(province_supervisor):
    land = Topic.objects.get(code="land")
    long_line = "đất " * 30
    response = client_for(province_supervisor).post(
        reverse("opinion:topic_edit", args=[land.pk]), _form(land, keywords=f"sổ đỏ\nSO DO\n{long_line}")
    )
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["keywords"])
    assert "SO DO" in errors and str(KEYWORD_MAX) in errors
    land.refresh_from_db()
    assert "SO DO" not in land.keywords


def test_a_topic_is_put_out_of_use_not_deleted(province_supervisor):
    health = Topic.objects.get(code="health")
    response = client_for(province_supervisor).post(
        reverse("opinion:topic_edit", args=[health.pk]), _form(health, active=None, name="Y tế, sức khỏe")
    )
    assert response.status_code == 302
    health.refresh_from_db()
    assert not health.active and health.name == "Y tế, sức khỏe"
    assert Event.objects.filter(action="opinion.topic_update", details__changed=["name", "active"]).exists()


def test_other_stays_in_use(province_supervisor):
    other = Topic.objects.get(code="other")
    response = client_for(province_supervisor).post(
        reverse("opinion:topic_edit", args=[other.pk]), _form(other, active=None)
    )
    assert response.status_code == 400
    other.refresh_from_db()
    assert other.active


def test_learned_terms_are_shown_read_only(province_supervisor):
    env = Topic.objects.get(code="environment")
    TopicTerm.objects.bulk_create([TopicTerm(topic=env, term=f"tu{i:02d}", weight=i) for i in range(25)])
    response = client_for(province_supervisor).get(reverse("opinion:topic_edit", args=[env.pk]))
    learned = [t.term for t in response.context["learned"]]
    assert learned[0] == "tu24" and len(learned) == 20 and "tu04" not in learned
    listing = client_for(province_supervisor).get(reverse("opinion:topics")).content.decode()
    assert "tu24 (24)" in listing


@given(st.lists(st.sampled_from(["sổ đỏ", "SO DO", "so do", "đất", "dat", "bụi", " bụi ", ""]), max_size=8))
def test_keywords_never_repeat_once_folded(lines):
    keywords, _problems = keyword_problems("\n".join(lines), fold)
    folded = [fold(k) for k in keywords]
    assert len(folded) == len(set(folded))
    assert all(k and k == k.strip() for k in keywords)
