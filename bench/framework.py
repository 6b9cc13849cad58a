"""What a scenario is made of: a seed hook, a measure hook and a target. Scenario modules import from here only.

A scenario module (bench/scenarios/<area>.py) exposes `SCENARIOS: list[Scenario]`. The runner seeds every
selected scenario into the fresh database before the server starts, then measures them one by one against
that server, and compares throughputs with the ceiling measured in the same run."""

import http.client
import math
import re
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Literal, Protocol
from urllib.parse import urlencode

from tqdm import tqdm

from bench.loadgen import REQUEST_TIMEOUT_S, LoadGenerator, LoadResult, LoadSpec, local_address

THROUGHPUT_UNIT = "req/s"
# Response-time targets are a person's wait: one connection per server worker (2), not a saturating queue.
PAGE_CONNECTIONS = 2
# The demo area's four communes (DEMO-AREA.md): Sông Lô, Tam Sơn, Hải Lựu, Yên Lãng.
DEMO_COMMUNE_CODES = ("08848", "08824", "08782", "08773")
LOGIN_PATH = "/accounts/login/"
# After a run, one request to this cheap endpoint waits behind whatever the run left queued (see Context.load).
DRAIN_PATH = "/api/v1/health"
DRAIN_TIMEOUT_S = 600
_CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
# Above this share of failed requests a measurement is not trusted: the server was answering errors, or
# dropping connections, and the throughput of errors says nothing about the feature.
MAX_ERROR_RATE = 0.01


class ScenarioError(Exception):
    """A scenario could not be measured (its endpoint failed, or it was set up wrongly)."""


class ProgressBar(Protocol):
    def update(self, n: float = 1) -> bool | None: ...


class Progress(Protocol):
    """Opens a progress bar for a long step, e.g. `with progress(total=n, desc="Dossiers", unit="row") as bar`."""

    def __call__(
        self, *, total: float | None, desc: str, unit: str = "it"
    ) -> AbstractContextManager[ProgressBar]: ...


def tqdm_progress(*, total: float | None, desc: str, unit: str = "it") -> AbstractContextManager[ProgressBar]:
    return tqdm(total=total, desc=desc, unit=unit, dynamic_ncols=True)


@dataclass(frozen=True)
class Target:
    """A threshold on either the ratio to the ceiling or the measured value itself."""

    metric: Literal["ratio_to_ceiling", "value"]
    op: Literal[">=", "<="]
    threshold: float
    unit: str = ""  # for metric="value": the unit the measurement must be in

    def met(self, *, value: float, ratio: float | None) -> bool:
        observed = ratio if self.metric == "ratio_to_ceiling" else value
        if observed is None or math.isnan(observed):
            return False
        return observed >= self.threshold if self.op == ">=" else observed <= self.threshold

    def text(self) -> str:
        sign = "≥" if self.op == ">=" else "≤"
        if self.metric == "ratio_to_ceiling":
            return f"{sign} {self.threshold:g} × ceiling"
        return f"{sign} {self.threshold:,g} {self.unit}"

    def as_json(self) -> dict[str, object]:
        return {
            "metric": self.metric,
            "op": self.op,
            "threshold": self.threshold,
            "unit": self.unit,
            "text": self.text(),
        }


def ratio_at_least(ratio: float) -> Target:
    """Throughput at least this share of the ceiling's."""
    return Target("ratio_to_ceiling", ">=", ratio)


def ms_at_most(ms: float) -> Target:
    """A latency (the scenario decides which percentile) of at most this many milliseconds."""
    return Target("value", "<=", ms, "ms")


def per_second_at_least(rate: float) -> Target:
    """An absolute throughput, for operations whose requirement is a rate rather than a share of the ceiling."""
    return Target("value", ">=", rate, THROUGHPUT_UNIT)


@dataclass(frozen=True)
class Measurement:
    value: float
    unit: str  # THROUGHPUT_UNIT gets a ratio to the ceiling; anything else (ms) does not
    size: int | None = None  # how much data the scenario ran over, e.g. rows in the table it queries
    size_unit: str = ""
    load: LoadResult | None = None  # the run the value came from: latency percentiles, errors


@dataclass
class Context:
    """What a measure hook gets: the running server and the one way to put load on it."""

    base_url: str
    scale: float
    duration_s: int
    warmup_s: int
    generator: LoadGenerator
    progress: Progress

    def scaled(self, full_size: int, *, minimum: int = 1) -> int:
        """A data size at the run's BENCH_SCALE."""
        return scaled(full_size, self.scale, minimum=minimum)

    def fetch(
        self, path: str, *, method: str = "GET", body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        """One request (status, headers, body): to check an endpoint before loading it. (Repeated headers keep
        their last value: use `login` for the cookies a response sets.)"""
        status, headers, _cookies, content = self._exchange(path, method=method, body=body, headers=headers)
        return status, headers, content

    def _exchange(
        self,
        path: str,
        *,
        method: str = "GET",
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        timeout: float = REQUEST_TIMEOUT_S,
    ) -> tuple[int, dict[str, str], dict[str, str], bytes]:
        """One request: (status, headers, every cookie the response sets, body)."""
        host, port = local_address(self.base_url)
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            connection.request(method, path, body=body or None, headers=headers or {})
            response = connection.getresponse()
            cookies: dict[str, str] = {}
            for header in response.msg.get_all("Set-Cookie") or []:
                cookies.update({name: morsel.value for name, morsel in SimpleCookie(header).items()})
            return response.status, dict(response.getheaders()), cookies, response.read()
        finally:
            connection.close()

    def login(self, username: str, password: str, *, path: str = LOGIN_PATH) -> dict[str, str]:
        """Log in through the site's login form as a browser does (GET the form for the CSRF token, POST it back)
        and return the session's cookies: `sessionid` and the `csrftoken` rotated at login. Put them on a
        LoadSpec with `session_headers`."""
        status, _headers, cookies, content = self._exchange(path)
        token = _CSRF_FIELD.search(content)
        if status != 200 or token is None or "csrftoken" not in cookies:
            raise ScenarioError(f"GET {path} answered {status} without a CSRF token and cookie")
        form = urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1).decode()}
        )
        status, _headers, new_cookies, content = self._exchange(
            path,
            method="POST",
            body=form.encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": _cookie_header(cookies)},
        )
        cookies.update(new_cookies)
        if status != 302 or "sessionid" not in cookies:
            excerpt = " ".join(content.decode(errors="replace").split())[:160]
            raise ScenarioError(f"logging in as {username!r} answered {status}, not a redirect: {excerpt}")
        return cookies

    def load(self, spec: LoadSpec, *, label: str) -> LoadResult:
        """Check that the endpoint answers (one request to each of the first paths; for a POST that is a real
        write), warm it up, then measure it for the run's duration."""
        for path in dict.fromkeys(spec.paths[:3]):
            status, _headers, body = self.fetch(
                path, method=spec.method, body=spec.first_body, headers=dict(spec.headers)
            )
            if not 200 <= status < 400:
                excerpt = " ".join(body.decode(errors="replace").split())[:160]
                raise ScenarioError(f"{spec.method} {path} answered {status}: {excerpt}")
        # The warm-up fills the workers' caches (URL resolver, templates, the calendar cache, SQLite pages)
        # so the measurement is the steady state a real server spends its day in.
        self._run(spec, self.warmup_s, f"{label}: warm-up")
        self._drain()
        result = self._run(spec, self.duration_s, label)
        self._drain()
        return result

    def _drain(self) -> None:
        """Wait until the server has answered what a run left queued. The load generator stops with one request
        in flight per connection; against a slow endpoint (a page of 1 s: 32 connections leave 16 s of work on 2
        workers) the next run would otherwise start behind them and measure the previous run's queue, or see no
        response at all within its duration."""
        started = time.monotonic()
        try:
            self._exchange(DRAIN_PATH, timeout=DRAIN_TIMEOUT_S)
        except TimeoutError as exc:
            raise ScenarioError(f"the server was still busy {DRAIN_TIMEOUT_S} s after the run") from exc
        except OSError as exc:
            raise ScenarioError(f"the server did not answer after the run: {exc!r}") from exc
        waited = time.monotonic() - started
        if waited > 1:
            print(
                f"    (waited {waited:,.0f} s for the server to finish the requests the run left queued)",
                flush=True,
            )

    def _run(self, spec: LoadSpec, seconds: int, desc: str) -> LoadResult:
        # disable=None hides the bar when stderr is not a terminal, so logs of CI runs stay readable.
        with tqdm(total=seconds, desc=desc, unit="s", leave=False, disable=None, dynamic_ncols=True) as bar:

            def tick(elapsed: float) -> None:
                bar.update(min(float(seconds), elapsed) - bar.n)

            return self.generator.run(self.base_url, spec, seconds, tick)


def _cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def session_headers(cookies: dict[str, str], *, csrf: bool = False) -> list[tuple[str, str]]:
    """Request headers of a logged-in session (from `Context.login`); `csrf=True` adds the X-CSRFToken header
    that unsafe requests (POST, PUT, DELETE) to session-authenticated views need."""
    headers = [("Cookie", _cookie_header(cookies))]
    if csrf:
        headers.append(("X-CSRFToken", cookies["csrftoken"]))
    return headers


def scaled(full_size: int, scale: float, *, minimum: int = 1) -> int:
    return max(minimum, round(full_size * scale))


def throughput(
    ctx: Context, spec: LoadSpec, *, label: str, size: int | None = None, size_unit: str = ""
) -> Measurement:
    """Requests per second under the run's concurrent load."""
    result = ctx.load(spec, label=label)
    return Measurement(result.rps, THROUGHPUT_UNIT, size, size_unit, result)


def latency(
    ctx: Context, spec: LoadSpec, *, percentile: int, label: str, size: int | None = None, size_unit: str = ""
) -> Measurement:
    """A latency percentile (one of loadgen.PERCENTILES) in milliseconds under the run's concurrent load."""
    result = ctx.load(spec, label=label)
    return Measurement(result.percentile(percentile), "ms", size, size_unit, result)


def demo_communes() -> list:
    """The demo area's communes in force (the seeds spread their rows over them); all four must be loaded."""
    from gandan.units.models import Unit

    units = list(Unit.objects.filter(code__in=DEMO_COMMUNE_CODES, valid_to__isnull=True).order_by("code"))
    if len(units) != len(DEMO_COMMUNE_CODES):
        found = ", ".join(u.code for u in units) or "none"
        raise ScenarioError(
            f"the demo communes {', '.join(DEMO_COMMUNE_CODES)} are not all loaded (found: {found})"
        )
    return units


def no_seed(scale: float, progress: Progress) -> None:
    """Nothing to seed beyond the demo data every run starts from."""


SeedHook = Callable[[float, Progress], None]
MeasureHook = Callable[[Context], Measurement]


@dataclass(frozen=True)
class Scenario:
    name: str  # dotted: "<area>.<what>", e.g. "dossiers.lookup"
    description: str
    measure: MeasureHook
    target: Target | None  # None only for the reference (the ceiling)
    seed: SeedHook = no_seed  # runs in the harness process with Django set up, before the server starts
    reference: bool = False  # the ceiling every throughput is divided by
