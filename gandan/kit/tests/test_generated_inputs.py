"""The generated-input check (issue #9): hostile and random values for every parameter of every API operation (read
from the OpenAPI schema) and of every page reachable from the menus (read from the links and GET forms of the
rendered pages), sent signed in as staff and anonymously, as a browser would (CSRF checked). No answer may be a 5xx.

The values are the ones that once gave 500s (`0000-01`, `01/01/0001`, twenty-digit offsets, a multipart body without
its boundary) and their relatives: huge and negative numbers, impossible dates, empty, NUL, unicode, very long
strings, SQL and LIKE metacharacters, plus random values of each parameter's declared type. Hypothesis draws them
with a fixed seed (`derandomize`), so a failure seen once is seen again; the example counts keep the whole check
near a minute on SQLite.
"""

import functools
import importlib
import inspect
import json
import os
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gandan.api import api

CSRF = "g" * 32
API_EXAMPLES = int(os.environ.get("GANDAN_FUZZ_API_EXAMPLES", "12"))
PAGE_EXAMPLES = int(os.environ.get("GANDAN_FUZZ_PAGE_EXAMPLES", "4"))
MAX_PAGES = 150  # pages the crawl visits at most
HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "1",
    "-0",
    "+1",
    "1.5",
    "1e309",
    "NaN",
    "inf",
    "true",
    "null",
    "[]",
    "{}",
    "99999999999999999999",
    str(2**31),
    str(2**63),
    str(-(2**63) - 1),
    "9" * 400,
    "0000-01",
    "9999-12",
    "2026-00",
    "2026-13",
    "9999-12-31",
    "0001-01-01",
    "01/01/0001",
    "31/12/9999",
    "00/00/0000",
    "31/02/2026",
    "2026-02-30",
    "2026-02-30T25:61",
    "9999-12-31T23:59:59+14:00",
    "\x00",
    "a\x00b",
    "%",
    "_",
    "%%",
    "'",
    '"',
    "\\",
    "' OR 1=1 --",
    "%' OR '1'='1",
    "a*b?",
    "[a-z]",
    "<script>alert(1)</script>",
    "ấ" * 60,
    "😀",
    "\u202e\u200b",
    "１２３",
    "٣",
    "x" * 5000,
]
HOSTILE_INTS = ["0", "-1", str(2**31), str(2**63), "99999999999999999999"]
# Tried one parameter at a time on every page and operation, before the random combinations: a random draw cannot be
# counted on to find `month=9999-12`, and two bad values sent together can hide each other behind a form error.
EDGES = ["0000-01", "9999-12", "01/01/0001", "31/12/9999", "-1", "99999999999999999999", "\x00", "x" * 3000]
SETTINGS = settings(
    max_examples=API_EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples on every run and in CI: a failure is reproducible
    database=None,
    suppress_health_check=list(HealthCheck),
)


def browser(user=None) -> Client:
    """A client that sees a server error as a 500 answer and goes through the CSRF check as a browser does."""
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    client.cookies["csrftoken"] = CSRF
    if user is not None:
        client.force_login(user)
    return client


def assert_no_5xx(response, what) -> None:
    assert response.status_code < 500, f"{response.status_code} for {what}"


# --- Values -------------------------------------------------------------------------------------------------------

hostile = st.sampled_from(HOSTILE)
dates = st.dates().flatmap(lambda d: st.sampled_from([d.isoformat(), d.strftime("%d/%m/%Y"), f"{d:%Y-%m}"]))
big_ints = st.integers(min_value=-(2**70), max_value=2**70)


def _param_schema(schema: dict) -> dict:
    """The declared schema of a parameter, without its "or null"."""
    for option in schema.get("anyOf", []):
        if option.get("type") != "null":
            return option
    return schema


def text_for(schema: dict) -> st.SearchStrategy[str]:
    """A query-string value: hostile, or random of the declared type."""
    schema = _param_schema(schema)
    kind, fmt = schema.get("type"), schema.get("format", "")
    typed: list[st.SearchStrategy[str]] = [st.text(max_size=200)]
    if "enum" in schema:
        typed.append(st.sampled_from([str(v) for v in schema["enum"]]))
    if kind == "integer" or kind == "number":
        typed.append(big_ints.map(str))
    elif kind == "boolean":
        typed.append(st.sampled_from(["true", "false", "1", "0", "on", "yes", "x"]))
    elif fmt.startswith("date") or kind is None:
        typed.append(dates)
    return st.one_of(hostile, *typed)


def json_for(schema: dict, components: dict, depth: int = 0) -> st.SearchStrategy:
    """A JSON value shaped like `schema` but with hostile leaves."""
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in schema:
        return st.one_of(*[json_for(s, components, depth) for s in schema["anyOf"]])
    leaves = st.one_of(hostile, big_ints, st.text(max_size=100), st.booleans(), st.none(), dates)
    kind = schema.get("type")
    if kind == "object" and depth < 3:
        properties = schema.get("properties", {})
        return st.fixed_dictionaries(
            {}, optional={k: json_for(v, components, depth + 1) for k, v in properties.items()}
        )
    if kind == "array" and depth < 3:
        return st.lists(json_for(schema.get("items", {}), components, depth + 1), max_size=3)
    if "enum" in schema:
        return st.one_of(st.sampled_from(schema["enum"]), leaves)
    return leaves


raw_bodies = st.sampled_from(
    [
        (b"", "application/json"),
        (b"{", "application/json"),
        (b"null", "application/json"),
        (b"[]", "application/json"),
        (b'"x"', "application/json"),
        (b"\x00\xff", "application/json"),
        (b'{"a": 1e999}', "application/json"),
        (b"x", "multipart/form-data"),
        (b"x", "multipart/form-data; boundary=x"),
        (b"--x--\r\n", "multipart/form-data; boundary=x"),
        (b"a=1&b=%ZZ", "application/x-www-form-urlencoded"),
        (b"<a/>", "text/xml"),
    ]
)


# --- (a) The API, from its OpenAPI schema --------------------------------------------------------------------------


def _operations():
    schema = api.get_openapi_schema()
    components = schema.get("components", {}).get("schemas", {})
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation, components


def _request(path, method, operation, components):
    params = operation.get("parameters", [])
    path_params = [p for p in params if p["in"] == "path"]
    query_params = [p for p in params if p["in"] == "query"]
    query = st.fixed_dictionaries({}, optional={p["name"]: text_for(p["schema"]) for p in query_params})
    path_values = st.fixed_dictionaries(
        {p["name"]: st.one_of(st.sampled_from(HOSTILE_INTS), text_for(p["schema"])) for p in path_params}
    )
    body = st.none()
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        shaped = json_for(content["application/json"]["schema"], components).map(
            lambda value: (json.dumps(value).encode(), "application/json")
        )
        body = st.one_of(shaped, raw_bodies)
    return st.tuples(path_values, query, body)


def _send(client, path, method, values) -> None:
    path_values, query, body = values
    url = path
    for name, value in path_values.items():
        url = url.replace("{" + name + "}", quote(value, safe="") or "0")
    url = f"{url}?{urlencode(query)}" if query else url
    if method == "get":
        response = client.get(url)
    else:
        data, content_type = body or (b"{}", "application/json")
        response = client.generic(method.upper(), url, data, content_type=content_type, HTTP_X_CSRFTOKEN=CSRF)
    assert_no_5xx(response, f"{method.upper()} {url} {body!r:.300}")


def _sweep_api(client, path, method, operation) -> None:
    """Each parameter alone at each edge value (the others absent; path parameters at a real-looking 1)."""
    params = operation.get("parameters", [])
    ones = {p["name"]: "1" for p in params if p["in"] == "path"}
    for param in params:
        for value in EDGES if param["in"] == "query" else HOSTILE_INTS + EDGES:
            values = (
                {**ones, param["name"]: value},
                {param["name"]: value} if param["in"] == "query" else {},
                None,
            )
            _send(client, path, method, values)


def _check_api(client, examples: int) -> int:
    checked = 0
    for path, method, operation, components in _operations():
        _sweep_api(client, path, method, operation)
        _api_check(client, path, method, _request(path, method, operation, components), examples)()
        checked += 1
    return checked


def _api_check(client, path, method, requests, examples):
    @settings(SETTINGS, max_examples=examples)
    @given(values=requests)
    def run(values):
        _send(client, path, method, values)

    return run


@pytest.mark.django_db
def test_no_api_operation_answers_5xx_to_generated_input_as_staff(commune_leader):
    assert _check_api(browser(commune_leader), API_EXAMPLES) >= 15  # every operation of the schema was tried


@pytest.mark.django_db
def test_no_api_operation_answers_5xx_to_generated_input_anonymously():
    assert _check_api(browser(), max(API_EXAMPLES // 3, 5)) >= 15


# --- (b) The pages, from what the menus link to --------------------------------------------------------------------

SKIP = ("/static/", "/admin/", "/i18n/", "/accounts/logout/", "/api/", "/media/")
ID = re.compile(r"/\d+(?=/|\.|$)")
COMMUNE = re.compile(r"^/xa/[a-z0-9][a-z0-9-]*(?P<rest>/.*)?$")


def shape(path: str) -> str:
    """The view a path is served by, as its URL pattern ("/tin-tuc/<int:pk>-<slug:slug>/"; a commune's portal page at
    "/xa/{commune}/…"): the sweep below tries each view once, not each news article, report code or commune of a
    province (the same code reading the same parameters)."""
    found = COMMUNE.match(path)
    prefix, rest = ("/xa/{commune}", found["rest"] or "/") if found else ("", path)
    try:
        return f"{prefix}/{resolve(rest).route}"
    except Resolver404:
        return prefix + ID.sub("/{id}", rest)


class _Links(HTMLParser):
    """Links and GET forms of a page: where they go and the parameter names they send."""

    def __init__(self):
        super().__init__()
        self.targets: list[tuple[str, set[str]]] = []
        self._form: tuple[str, set[str]] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            parts = urlsplit(a["href"])
            self.targets.append((a["href"], {k for k, _ in parse_qsl(parts.query, keep_blank_values=True)}))
        elif tag == "form" and (a.get("method") or "get").lower() == "get":
            self._form = (a.get("action") or "", set())
        elif tag in ("input", "select", "textarea") and self._form is not None and a.get("name"):
            self._form[1].add(a["name"])

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.targets.append(self._form)
            self._form = None


def crawl(client, starts: list[str]) -> dict[str, tuple[str, set[str]]]:
    """{the view's `shape` ("/staff/dossiers/<int:pk>/"): (a real path, every parameter name seen for it)}, from `starts`
    and what their pages link to, at most MAX_PAGES pages."""
    found: dict[str, tuple[str, set[str]]] = {}
    names: dict[str, set[str]] = defaultdict(set)
    queue = list(starts)
    seen: set[str] = set()
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        path = urlsplit(url).path
        template = shape(path)
        if url in seen or path.startswith(SKIP) or (template in found and url != path):
            continue
        seen.add(url)
        response = client.get(url)
        assert_no_5xx(response, f"GET {url} (crawl)")
        found.setdefault(template, (path, names[template]))
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode(errors="replace"))
        for href, params in parser.targets:
            parts = urlsplit(href or path)
            if parts.scheme or parts.netloc:
                continue
            target = parts.path or path
            if not target.startswith("/"):
                continue
            names[shape(target)].update(params)
            queue.append(f"{target}?{parts.query}" if parts.query else target)
    return found


_READ = re.compile(r"""request\.GET(?:\.get\(|\[)\s*["'](\w+)["']""")


@functools.cache
def _names_in(module: str) -> frozenset[str]:
    source = inspect.getsourcefile(importlib.import_module(module))
    return frozenset(_READ.findall(Path(source).read_text(encoding="utf-8"))) if source else frozenset()


def view_reads(path: str) -> frozenset[str]:
    """The query parameter names the view serving `path` reads directly (request.GET.get("from")…), from its
    module's source: a parameter no link or form sends (the tracking book's `from`/`to`) is still tried on its page."""
    found = COMMUNE.match(path)
    try:
        view = resolve((found["rest"] or "/") if found else path).func
    except Resolver404:
        return frozenset()
    return _names_in(getattr(view, "view_class", view).__module__)


def _check_pages(client, starts: list[str], shard: int = 0, shards: int = 1) -> int:
    """Crawl from `starts`, then try the generated values on every `shards`-th page of the crawl from `shard` (the
    crawl is the same each time: a shard is a share of the pages, for two test workers to share the staff pages)."""
    pages = crawl(client, starts)
    every_name = set().union(*(names | view_reads(path) for path, names in pages.values()))
    for position, (_shape, (path, seen)) in enumerate(sorted(pages.items())):  # by the views' shapes: stable
        if position % shards != shard:
            continue
        names = seen | view_reads(path) | {"page"}
        for bad in HOSTILE_INTS if ID.search(path) else []:  # the ids in the path
            url = ID.sub(f"/{bad}", path, count=1)
            assert_no_5xx(client.get(url), f"GET {url}")
        for name in sorted(names):
            for value in EDGES:
                url = f"{path}?{urlencode({name: value})}"
                assert_no_5xx(client.get(url), f"GET {url}")
        # The names this page's own links and forms send, and now and then one of another page's.
        own = st.fixed_dictionaries({}, optional={n: text_for({}) for n in sorted(names)})
        stray = st.dictionaries(st.sampled_from(sorted(every_name)), hostile, max_size=3)
        _page_check(client, path, st.tuples(own, stray))()
    return len(pages)


def _page_check(client, path, queries):
    @settings(SETTINGS, max_examples=PAGE_EXAMPLES)
    @given(query=queries)
    def run(query):
        own, stray = query
        url = f"{path}?{urlencode({**stray, **own})}"
        assert_no_5xx(client.get(url), f"GET {url}")

    return run


# In three shares of the pages: one test took 3½ minutes of one CI worker while the other had finished.
@pytest.mark.django_db
@pytest.mark.parametrize("shard", range(3))
def test_no_staff_page_answers_5xx_to_generated_parameters(commune_leader, shard):
    assert (
        _check_pages(browser(commune_leader), ["/staff/", "/"], shard, 3) >= 20
    )  # the crawl reached the modules' pages


@pytest.mark.django_db
def test_no_public_page_answers_5xx_to_generated_parameters():
    assert _check_pages(browser(), ["/"]) >= 3
