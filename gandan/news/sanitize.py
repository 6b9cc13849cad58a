"""The body of an article, made safe before it is stored: `clean_body(html) -> (safe_html, plain_text)`.

The editor is a plain text box (it works with JavaScript off): an officer types paragraphs separated by a blank line,
or simple HTML copied from a document. Text without any tag becomes paragraphs (a blank line starts a new one, a
single line break stays a line break). HTML goes through nh3 (Rust's ammonia, a maintained sanitiser built on a real
HTML5 parser): only the tags below survive, with no attribute but a link's address; a link may lead only to http,
https or mailto and is marked `rel="nofollow noopener"`. Scripts, styles, frames, forms and their content are dropped
whole; event handlers, `style`, `class` and `javascript:` or `data:` addresses are dropped from the tags kept. The
text is NFC with the project's tone placement (`gandan.core.vntext.normalize`); NUL and other control characters are
removed first, so `<scr\\0ipt>` cannot hide from the parser.

The plain text (`body_text`) is what search indexes and what an excerpt shows: the words of the safe HTML, one
block per line, entities decoded.
"""

import html
import re
from html.parser import HTMLParser

import nh3

from gandan.core.vntext import normalize

TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "b",
        "i",
        "u",
        "ul",
        "ol",
        "li",
        "h2",
        "h3",
        "blockquote",
        "a",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "caption",
    }
)
# Dropped with everything inside them (a script's code or a style sheet is not text to keep).
DROPPED_WHOLE = frozenset(
    {
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "noscript",
        "template",
        "textarea",
        "select",
        "svg",
        "math",
    }
)
ATTRIBUTES = {"a": {"href"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}
SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"
BLOCKS = frozenset({"p", "br", "li", "h2", "h3", "blockquote", "tr", "table", "ul", "ol", "caption"})
_CELLS = frozenset({"td", "th"})

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")
_BLANK_LINE = re.compile(r"\n\s*\n")

_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WHOLE),
    attributes=ATTRIBUTES,
    link_rel=LINK_REL,
    url_schemes=set(SCHEMES),
    url_relative="deny",
    strip_comments=True,
)


def _span(value: str) -> bool:
    return value.isdigit() and 1 <= int(value) <= 50


def paragraphs(text: str) -> str:
    """Plain text as HTML: a blank line starts a paragraph, a single line break is kept as <br>."""
    blocks = [block.strip() for block in _BLANK_LINE.split(text) if block.strip()]
    return "".join("<p>" + html.escape(block, quote=False).replace("\n", "<br>") + "</p>" for block in blocks)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in BLOCKS:
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(safe_html: str) -> str:
    """The words of already-sanitised HTML, one block per line."""
    parser = _Text()
    parser.feed(safe_html)
    parser.close()
    return normalize("".join(parser.parts), multiline=True)


def clean_body(raw: str) -> tuple[str, str]:
    """The body as safe HTML, and its plain text. Empty input gives two empty strings."""
    text = normalize(str(raw or ""), multiline=True)
    if not text:
        return "", ""
    if not _TAG.search(text):
        safe = _CLEANER.clean(paragraphs(text))
    else:
        safe = _CLEANER.clean(text)
        if not _BLOCK_TAG.search(safe):
            # Inline HTML typed as paragraphs ("<b>Thông báo</b> … blank line …"): the same paragraphs, and the
            # sanitiser again to mend a tag that a blank line cut in two.
            safe = _CLEANER.clean(_wrapped(safe))
    safe = _drop_bad_spans(safe.strip())
    return safe, plain_text(safe)


_BLOCK_TAG = re.compile(r"<(p|ul|ol|h2|h3|blockquote|table)[\s>]")


def _wrapped(safe: str) -> str:
    blocks = [block.strip() for block in _BLANK_LINE.split(safe) if block.strip()]
    return "".join("<p>" + block.replace("\n", "<br>") + "</p>" for block in blocks)


_SPAN_ATTR = re.compile(r'\s(colspan|rowspan)="([^"]*)"')


def _drop_bad_spans(safe: str) -> str:
    # A table cell spanning 10,000 columns would break the page's layout: only small numbers are kept.
    return _SPAN_ATTR.sub(lambda m: m.group(0) if _span(m.group(2)) else "", safe)
