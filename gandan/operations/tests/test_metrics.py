"""/metrics as a Prometheus server scrapes it: off (404) unless configured, 401 without the token, a text format
prometheus_client parses, request counters that move with requests (by URL name, never by path), and business
figures equal to the records counted here. gunicorn's processes add up through the multiprocess folder."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from gandan.dossiers import rules as dossier_rules
from gandan.dossiers.models import Dossier
from gandan.kit.metrics import prepare_multiprocess_dir
from gandan.operations.models import Backup, RunStatus, WorkerHeartbeat
from gandan.operations.selectors.metrics import forget_figures
from gandan.petitions import rules as petition_rules
from gandan.petitions.models import Petition

pytestmark = pytest.mark.django_db

TOKEN = "a-long-scrape-token-for-the-tests"
MIDDLEWARE = "gandan.kit.metrics.MetricsMiddleware"
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def metrics_on(settings):
    settings.GANDAN_METRICS_TOKEN = TOKEN
    settings.GANDAN_METRICS_FIGURES_SECONDS = 0
    settings.MIDDLEWARE = [*settings.MIDDLEWARE[:2], MIDDLEWARE, *settings.MIDDLEWARE[2:]]
    forget_figures()
    yield
    forget_figures()


def scrape(client: Client | None = None, **headers) -> dict[str, dict]:
    response = (client or Client()).get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}", **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    families = {}
    for family in text_string_to_metric_families(response.content.decode()):
        families[family.name] = {
            (sample.name, tuple(sorted(sample.labels.items()))): sample.value for sample in family.samples
        }
    return families


def value(families, family: str, sample: str | None = None, **labels) -> float:
    return families[family].get((sample or family, tuple(sorted(labels.items()))), 0.0)


def test_off_by_default_the_address_does_not_exist():
    assert MIDDLEWARE not in django_settings.MIDDLEWARE  # no cost per request either

    assert Client().get("/metrics").status_code == 404


def test_without_the_token_401_and_with_another_401(metrics_on):
    assert Client().get("/metrics").status_code == 401
    assert Client().get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert Client().get("/metrics", HTTP_AUTHORIZATION=TOKEN).status_code == 401
    assert Client().get("/metrics")["WWW-Authenticate"].startswith("Bearer")


def test_an_address_outside_the_allowed_ones_gets_404(metrics_on, settings):
    settings.GANDAN_METRICS_ALLOW_IPS = ["10.0.0.0/8"]
    bearer = f"Bearer {TOKEN}"

    assert Client().get("/metrics", HTTP_AUTHORIZATION=bearer).status_code == 404  # from 127.0.0.1
    assert Client().get("/metrics", HTTP_AUTHORIZATION=bearer, REMOTE_ADDR="10.1.2.3").status_code == 200


def test_allowed_addresses_alone_switch_it_on(settings):
    settings.GANDAN_METRICS_ALLOW_IPS = ["127.0.0.1"]

    assert Client().get("/metrics").status_code == 200
    assert Client().get("/metrics", REMOTE_ADDR="192.0.2.7").status_code == 404


def test_requests_are_counted_by_url_name_and_status_class(metrics_on):
    client = Client()
    health_class = f"{client.get('/api/v1/health').status_code // 100}xx"
    before = scrape()
    client.get("/api/v1/health")
    client.get("/api/v1/health")
    client.get("/a-path-nobody-knows-12345/")

    after = scrape()

    def delta(**labels):
        name = "gandan_http_requests_total"
        return value(after, "gandan_http_requests", name, **labels) - value(
            before, "gandan_http_requests", name, **labels
        )

    assert delta(method="GET", status=health_class, view="api:health") == 2
    assert delta(method="GET", status="4xx", view="unmatched") == 1
    views = {dict(labels)["view"] for (_name, labels) in after["gandan_http_requests"]}
    assert not any("/" in view for view in views)  # URL names, never paths (codes, ids)
    count = "gandan_http_request_duration_seconds_count"
    assert value(after, "gandan_http_request_duration_seconds", count, view="api:health") >= 3


def test_health_figures_are_published(metrics_on):
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="w:1:1", host="w", pid=1, started_at=now, seen_at=now - dt.timedelta(seconds=30)
    )
    Backup.objects.create(started_at=now - dt.timedelta(hours=5), status=RunStatus.OK)

    families = scrape()

    assert 30 <= value(families, "gandan_worker_heartbeat_age_seconds") < 90
    assert 5 * 3600 <= value(families, "gandan_backup_last_success_age_seconds") < 5 * 3600 + 60
    assert "gandan_queue_depth" in families
    assert "gandan_queue_oldest_task_age_seconds" in families
    assert value(families, "gandan_health", check="database") == 0


def test_business_figures_equal_the_records(metrics_on):
    today = timezone.localdate()
    running = [petition_rules.Status.RECEIVED, petition_rules.Status.ACCEPTED]
    expected = {
        "gandan_dossiers_received": Dossier.objects.filter(received_at__isnull=False).count(),
        "gandan_dossiers_open": Dossier.objects.filter(
            status__in=[s.value for s in dossier_rules.OPEN]
        ).count(),
        "gandan_petitions_received": Petition.objects.count(),
        "gandan_petitions_open": Petition.objects.filter(
            status__in=[s.value for s in petition_rules.OPEN]
        ).count(),
        "gandan_petitions_overdue": Petition.objects.filter(
            status__in=running, statutory_due__lt=today
        ).count(),
    }
    assert expected["gandan_petitions_overdue"] > 0  # the demo leaves some overdue on purpose

    families = scrape()

    assert value(families, "gandan_dossiers_received", "gandan_dossiers_received_total") == expected.pop(
        "gandan_dossiers_received"
    )
    assert value(families, "gandan_petitions_received", "gandan_petitions_received_total") == expected.pop(
        "gandan_petitions_received"
    )
    for name, count in expected.items():
        assert value(families, name) == count, name


def test_the_counters_of_several_processes_add_up(tmp_path):
    """What gunicorn's workers do: each process writes its own file; one scrape reads them all."""
    folder = tmp_path / "metrics"
    (folder).mkdir()
    (folder / "counter_999.db").write_bytes(b"left from the previous run")
    prepare_multiprocess_dir(folder)
    assert list(folder.iterdir()) == []
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(folder)}
    count = (
        "from gandan.kit.metrics import request_metrics\n"
        "requests, latency = request_metrics()\n"
        "requests.labels('GET', '2xx', 'portal:home').inc()\n"
        "latency.labels('portal:home').observe(0.02)\n"
    )
    for _ in range(2):
        subprocess.run([sys.executable, "-c", count], env=env, cwd=ROOT, check=True)
    read = "from prometheus_client import generate_latest\nfrom gandan.kit.metrics import registry\nprint(generate_latest(registry()).decode())"
    text = subprocess.run(
        [sys.executable, "-c", read], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout

    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }
    labels = (("method", "GET"), ("status", "2xx"), ("view", "portal:home"))
    assert samples[("gandan_http_requests_total", labels)] == 2
    assert samples[("gandan_http_request_duration_seconds_count", (("view", "portal:home"),))] == 2
