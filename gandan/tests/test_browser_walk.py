"""Every public page and every staff page of the PAGES table, in a real browser at 360×740 (a phone) and at
1366×768 (the desk's laptop): nothing is wider than the screen, and no English sentence shows on the Vietnamese
page. The staff pages are opened by an account holding every role at the province (it sees every page and every
commune) and by a commune desk officer; the public pages by a citizen who is not logged in.

Each page is loaded once per person and measured at both widths (the window is resized: the layout follows the
media queries as on a real screen), with every <details> opened (folded filters and actions must fit too)."""

import json

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gandan.demo import DEMO_PASSWORD
from gandan.kit.english import english_sentences
from gandan.tests.test_staff_pages import PAGES
from gandan.tests.walk_records import WALKER

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1366, "height": 768}

# Every public page: its URL name and the walk record each argument comes from (walk_records.py).
PUBLIC: dict[str, tuple[str, ...]] = {
    "portal:home": (),
    "portal:communes": (),
    "accounts:login": (),
    "calendar_public:due": (),
    "dossiers_public:lookup": (),
    "dossiers_public:lookup_token": ("dossier_token",),
    "dossiers_public:rate": ("returned_token",),
    "dossiers_public:submit_choose": (),
    "dossiers_public:submit": ("procedure",),
    "petitions_public:submit": (),
    "petitions_public:submitted": ("petition_token",),
    "petitions_public:lookup": (),
    "petitions_public:lookup_token": ("petition_token",),
    "dossiers_public:submitted": ("submitted_token",),
    "reception_public:schedule": (),
    "mobilization_public:showcase": (),
    "mobilization_public:model": ("showcase_model",),
    "dialogues_public:list": (),
    "dialogues_public:detail": ("dialogue",),
    "dialogues_public:ask": ("planned_dialogue",),
    "dialogues_public:lookup": (),
    "dialogues_public:question": ("question_code",),
    "democracy_public:consultations": (),
    "democracy_public:consultation": ("public_consultation",),
    "democracy_public:covenants": (),
    "democracy_public:covenant": ("public_covenant",),
    "democracy_public:vote": ("counted_vote",),
    "democracy_public:disclosure_communes": (),
    "democracy_public:disclosures": ("disclosure_commune",),
    "democracy_public:disclosure": ("public_disclosure",),
    "news_public:comment_sent": ("commented_article",),
    "news_public:latest": (),
    "news_public:article": ("public_article", "public_article_slug"),
    "news_public:category": ("public_category", "public_category_slug"),
    "news_public:tag": ("news_tag",),
    "news_public:search": (),
    "dashboard_public:transparency": (),
    "fieldreports_public:list": (),
    "fieldreports_public:new": (),
    "fieldreports_public:villages": (),
    "fieldreports_public:detail": ("field_report_code",),
}
# A form's target (POST) and a PDF: not pages.
NOT_PAGES = {
    "accounts:logout",
    "dossiers_public:receipt",
    "mobilization_public:photo",
    "dialogues_public:evidence",
    "democracy_public:disclosure_document",
    "news_public:rss",
    "news_public:comment",
    "news_public:atom",
    "news_public:photo",
    "news_public:thumbnail",
    "fieldreports_public:photo",
    # Open311 GeoReport v2: XML/JSON for third-party clients and their photos (docs/open311.md).
    "open311:discovery",
    "open311:services",
    "open311:service",
    "open311:token",
    "open311:requests",
    "open311:request",
    "open311:updates",
    "open311:photo",
    "metrics",  # Prometheus text for a monitor, off (404) unless a token or addresses are set (docs/monitoring.md)
}
# Staff pages the all-roles account may not open, and why (it is walked by the role that may).
WALKER_REFUSED = {
    "petitions:attachment": "a protected denunciator's attachment opens only for a holder of the case's grant",
}

MEASURE = """() => {
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
  return {
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    text: document.body.innerText,
  };
}"""


def _public_url_names() -> set[str]:
    """Every named page outside /staff/, /api/, /admin/ and /i18n/."""
    found = set()

    def walk(resolver, prefix: str, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(("staff/", "api/", "admin/", "i18n/")):
                continue
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern, route, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.add(namespace + pattern.name)

    walk(get_resolver(), "", "")
    return found


def test_every_public_page_is_walked():
    assert _public_url_names() - NOT_PAGES - {"portal:staff_home"} == set(PUBLIC)


@pytest.fixture(scope="module")
def walk_records(site_shell) -> dict:
    out = site_shell(
        "import json\nfrom gandan.tests.walk_records import walk_records\nprint(json.dumps(walk_records()))"
    )
    return json.loads(out.splitlines()[-1])


def _staff_urls(records: dict) -> tuple[dict[str, str], list[str]]:
    """The staff pages to walk (HTML pages answering 200), and the PAGES rows whose record the walk lacks."""
    urls, missing = {}, []
    for name, page in sorted(PAGES.items()):
        if page.status != 200:
            continue
        lacking = [a for a in page.args if a not in records]
        if lacking:
            missing.append(f"{name}: no walk record for {', '.join(lacking)} (add it to walk_records.py)")
            continue
        urls[name] = reverse(name, args=[records[a] for a in page.args])
    # The intake form with a procedure chosen: its table of papers is the widest part (it once made the page 522 px
    # wide on a phone); the bare address only offers the choice of procedure.
    if "dossiers:intake" in urls and "procedure" in records:
        urls["dossiers:intake"] += f"?procedure={records['procedure']}"
    return urls, missing


def _login(context, base: str, username: str) -> None:
    page = context.new_page()
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/staff/")
    page.close()


def _walk(
    context, base: str, urls: dict[str, str], who: str, problems: list[str], *, must_open: set[str]
) -> int:
    """Open each page, measure it at the laptop's width and then at the phone's. Returns how many were measured."""
    page = context.new_page()
    measured = 0
    for name, url in urls.items():
        # A download (PDF, spreadsheet) is not a page: asked first, without opening it in the browser.
        head = context.request.get(base + url, max_redirects=0)
        if head.status != 200:
            if name in must_open:
                problems.append(f"{who} {name} {url}: answers {head.status}")
            continue
        if not head.headers.get("content-type", "").startswith("text/html"):
            continue
        page.set_viewport_size(LAPTOP)
        page.goto(base + url)
        for size in (LAPTOP, PHONE):
            page.set_viewport_size(size)
            seen = page.evaluate(MEASURE)
            if seen["scroll"] > seen["inner"] + 1:
                problems.append(f"{who} {name} {url} at {size['width']} px: {seen['scroll']} px wide")
            if size is LAPTOP:  # the same text at both widths
                for sentence in english_sentences(seen["text"]):
                    problems.append(f"{who} {name} {url}: English «{sentence[:120]}»")
        measured += 1
    page.close()
    return measured


def test_every_page_fits_a_phone_and_a_laptop_and_speaks_vietnamese(live_site, browser, walk_records):
    problems: list[str] = []
    staff, missing = _staff_urls(walk_records)
    problems += missing

    public = {name: reverse(name, args=[walk_records[a] for a in args]) for name, args in PUBLIC.items()}
    context = browser.new_context(viewport=LAPTOP, locale="vi-VN")
    measured = _walk(context, live_site, public, "citizen", problems, must_open=set(public))
    context.close()

    desk = {n for n in staff if PAGES[n].role == "motcua"}
    for username, must_open in ((WALKER, set(staff) - set(WALKER_REFUSED)), ("motcua.songlo", desk)):
        context = browser.new_context(viewport=LAPTOP, locale="vi-VN")
        _login(context, live_site, username)
        measured += _walk(context, live_site, staff, username, problems, must_open=must_open)
        context.close()

    assert measured > 2 * len(PUBLIC)  # the walk did open the staff pages
    assert not problems, "\n".join(problems)


ROWS_AND_CODES = """() => {
  const rows = [...document.querySelectorAll("table.list tbody tr")];
  const codes = [...document.querySelectorAll("table.list .code")];
  return {
    rows: rows.length,
    fifteenth: rows.length >= 15 ? rows[14].getBoundingClientRect().bottom : null,
    height: window.innerHeight,
    wrapped: codes.filter((c) => c.getClientRects().length > 1).map((c) => c.textContent),
    codes: codes.length,
  };
}"""


@pytest.mark.parametrize(
    ("path", "shot"),
    [
        ("/staff/dossiers/?worklist=all", "dossier-worklist"),
        ("/staff/petitions/?worklist=all", "petition-worklist"),
    ],
)
def test_a_worklist_shows_fifteen_rows_on_a_laptop_and_codes_never_wrap(
    live_site, laptop, phone, artifacts, path, shot
):
    for page, size in ((laptop, "1366"), (phone, "360")):
        _login(page.context, live_site, "motcua.songlo")
        page.goto(live_site + path)
        page.screenshot(path=artifacts / f"{shot}-{size}.png")
        seen = page.evaluate(ROWS_AND_CODES)
        assert seen["rows"] >= 15, seen
        assert seen["codes"] >= 15 and seen["wrapped"] == [], seen
        if size == "1366":
            # The 15th row is on the first screen: nothing to scroll, the header still in view.
            assert seen["fifteenth"] <= seen["height"], seen


def test_filters_stay_folded_until_one_is_in_use(live_site, laptop):
    _login(laptop.context, live_site, "motcua.songlo")
    laptop.goto(live_site + "/staff/dossiers/")
    fold = laptop.locator("form.filters details.filters-more")
    assert fold.evaluate("d => d.open") is False
    assert laptop.locator("select[name=status]").is_hidden()
    assert laptop.locator("input[name=q]").is_visible()  # the search box is never folded away

    fold.locator("summary").click()
    laptop.select_option("select[name=status]", label="Đang xử lý")
    laptop.locator("form.filters button[type=submit]").click()
    laptop.wait_for_url("**status=4**")
    fold = laptop.locator("form.filters details.filters-more")
    assert fold.evaluate("d => d.open") is True
    assert "1 đang áp dụng" in fold.locator("summary").inner_text()


def test_the_staff_menu_folds_on_a_phone(live_site, phone):
    _login(phone.context, live_site, "motcua.songlo")
    phone.goto(live_site + "/staff/dossiers/")
    link = phone.locator("nav.menu a[href='/staff/units/']")
    assert link.is_hidden()
    phone.locator("nav.menu .menu-button").click()
    link.click()
    phone.wait_for_url("**/staff/units/")


def test_the_walk_would_see_an_overflow_and_an_english_page(live_site, browser):
    """The control: the walk's two measures do find what they look for, so the walk above could fail."""
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_site}])
    page = context.new_page()
    page.goto(live_site + "/")
    seen = page.evaluate(MEASURE)
    assert english_sentences(seen["text"])
    assert seen["scroll"] <= seen["inner"]
    page.evaluate(
        "const d = document.createElement('p'); d.textContent = 'W'.repeat(80); document.body.append(d)"
    )
    seen = page.evaluate(MEASURE)
    assert seen["scroll"] > seen["inner"] + 1
    context.close()
