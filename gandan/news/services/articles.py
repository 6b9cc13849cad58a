"""Writing the commune's news: an article written, corrected, sent for review, published (now or at a later time),
sent back with a note, withdrawn with a reason, and taken up again. Each change is one transaction with its audit
event and its search document; every problem of the input is reported at once, in Vietnamese, and nothing is saved.

Who may do what is `gandan.news.rules.MOVES` (a writer edits drafts; a publisher edits what is under review or
published). Every change of what the public page shows touches `updated_at`: the portal caches an article's page by
(pk, updated_at)."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.rules import Perm
from gandan.accounts.scope import in_user_scope
from gandan.audit.services import event_record
from gandan.core.vntext import normalize, tokens
from gandan.errors import DomainError, NotAllowed, too_long
from gandan.news import rules
from gandan.news.models import Article, Category, Tag
from gandan.news.rules import ArticleAction
from gandan.news.sanitize import clean_body
from gandan.news.search import article_index
from gandan.units.models import COMMUNE_KINDS, Unit

TITLE_LENGTH = 300
SUMMARY_LENGTH = 600
BODY_LENGTH = 200_000  # a long report is 30,000 characters; past this it is not an article
BYLINE_LENGTH = 120
NOTE_LENGTH = 500
TAG_LENGTH = 80
MAX_TAGS = 10
SLUG_LENGTH = 120
_FIELDS = ("title", "summary", "body", "category", "tags", "author_name", "comments_open")


def slug_of(text: str, *, max_length: int = SLUG_LENGTH, default: str = "bai-viet") -> str:
    """The folded words joined by dashes ("Khánh thành nhà văn hóa" → "khanh-thanh-nha-van-hoa"), ASCII only."""
    words = [t for t in tokens(text) if t.isascii()]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or default


def user_perms(by: User) -> frozenset[str]:
    return frozenset(p for p in (Perm.NEWS_WRITE, Perm.NEWS_PUBLISH) if by.can(p))


def _require(by: User | None, perm: str = Perm.NEWS_WRITE) -> None:
    if by is None or not by.can(perm):
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))


def _check_scope(by: User, article: Article) -> None:
    if not in_user_scope(by, article.unit_path):
        raise NotAllowed("out_of_scope", _("You can only act on the articles of your own units."))


def check_move(by: User, article: Article, action: ArticleAction) -> rules.ArticleStatus:
    _check_scope(by, article)
    target = rules.next_status(article.status, action)
    if target is None:
        raise DomainError(
            "wrong_state",
            _("This article is “%(status)s”: that step is not possible now.")
            % {"status": article.get_status_display()},
        )
    if not rules.may_act(article.status, action, user_perms(by)):
        if action == ArticleAction.EDIT:
            raise NotAllowed(
                "not_allowed",
                _("Only a leader who publishes the news may change an article under review or published."),
            )
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))
    return target


def parse_tags(tags: str | Iterable[str] | None) -> list[str]:
    """Tag names from "nông thôn mới, giao thông" (or a list): normalised, each once by its folded form."""
    if tags is None:
        return []
    pieces = tags.split(",") if isinstance(tags, str) else list(tags)
    seen: dict[str, str] = {}
    for piece in pieces:
        name = normalize(str(piece))
        if name and slug_of(name, default="") not in seen:
            seen[slug_of(name, default="")] = name
    return list(seen.values())


def _tag_rows(names: list[str]) -> list[Tag]:
    rows = []
    for name in names:
        slug = slug_of(name, max_length=TAG_LENGTH, default="")
        tag, _created = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        rows.append(tag)
    return rows


def _cleaned(
    *,
    unit: Unit,
    title: str,
    summary: str,
    body: str,
    category: Category | None,
    tags: str | Iterable[str] | None,
    author_name: str,
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    title = normalize(title or "")
    summary = normalize(summary or "", multiline=True)
    author_name = normalize(author_name or "")
    if not title:
        errors["title"] = _("Enter the article's title.")
    elif message := too_long(title, max_length=TITLE_LENGTH):
        errors["title"] = message
    if not summary:
        errors["summary"] = _("Enter a short summary: it is shown in the lists and when the link is shared.")
    elif message := too_long(summary, max_length=SUMMARY_LENGTH):
        errors["summary"] = message
    if len(body or "") > BODY_LENGTH:
        errors["body"] = _("The body is longer than %(n)s characters: split it into several articles.") % {
            "n": f"{BODY_LENGTH:,}".replace(",", ".")
        }
        safe, text = "", ""
    else:
        safe, text = clean_body(body or "")
        if not text.strip():
            errors["body"] = _(
                "Write the body of the article (scripts and formatting that is not allowed are removed)."
            )
    if message := too_long(author_name, max_length=BYLINE_LENGTH):
        errors["author_name"] = message
    if category is not None and category.unit_id != unit.pk:
        errors["category"] = _("Choose a category of this commune.")
    names = parse_tags(tags)
    if len(names) > MAX_TAGS:
        errors["tags"] = _("At most %(n)s tags, separated by commas.") % {"n": MAX_TAGS}
    elif any(len(n) > TAG_LENGTH or not slug_of(n, default="") for n in names):
        errors["tags"] = _("Each tag is a few words of at most %(n)s characters, separated by commas.") % {
            "n": TAG_LENGTH
        }
    if errors:
        raise DomainError("article_invalid", errors=errors)
    return {
        "title": title,
        "summary": summary,
        "body": safe,
        "body_text": text,
        "category": category,
        "author_name": author_name,
        "tag_names": names,
    }


def _lock(article: Article) -> Article:
    return Article.objects.select_for_update(of=("self",)).select_related("unit").get(pk=article.pk)


@transaction.atomic
def article_create(
    *,
    unit: Unit,
    title: str,
    summary: str,
    body: str,
    category: Category | None = None,
    tags: str | Iterable[str] | None = None,
    author_name: str = "",
    comments_open: bool = True,
    by: User,
) -> Article:
    """Write a draft article of `unit` (a commune of the writer's units)."""
    _require(by)
    if unit is None or unit.kind not in COMMUNE_KINDS or not in_user_scope(by, unit.path):
        raise DomainError("unit_invalid", _("Choose a commune or ward of your own units."), field="unit")
    data = _cleaned(
        unit=unit,
        title=title,
        summary=summary,
        body=body,
        category=category,
        tags=tags,
        author_name=author_name,
    )
    names = data.pop("tag_names")
    article = Article.objects.create(
        unit=unit,
        unit_path=unit.path,
        slug=slug_of(data["title"]),
        comments_open=bool(comments_open),
        author=by,
        **data,
    )
    article.tags.set(_tag_rows(names))
    article_index(article)
    event_record(actor=by, action="news.article_create", obj=article, details={"title": article.title})
    return article


@transaction.atomic
def article_update(
    *,
    article: Article,
    title: str,
    summary: str,
    body: str,
    category: Category | None = None,
    tags: str | Iterable[str] | None = None,
    author_name: str = "",
    comments_open: bool = True,
    by: User,
) -> Article:
    """Correct an article: a writer his drafts, a publisher an article under review or published."""
    _require(by)
    article = _lock(article)
    check_move(by, article, ArticleAction.EDIT)
    data = _cleaned(
        unit=article.unit,
        title=title,
        summary=summary,
        body=body,
        category=category,
        tags=tags,
        author_name=author_name,
    )
    names = data.pop("tag_names")
    old_tags = sorted(t.name for t in article.tags.all())
    changed = [
        field
        for field in ("title", "summary", "body", "category", "author_name")
        if getattr(article, field) != data[field]
    ]
    if bool(comments_open) != article.comments_open:
        changed.append("comments_open")
    if sorted(names) != old_tags:
        changed.append("tags")
    for field, value in data.items():
        setattr(article, field, value)
    article.comments_open = bool(comments_open)
    if "title" in changed and article.status == rules.ArticleStatus.DRAFT:
        article.slug = slug_of(article.title)  # a published address stays as it was shared
    article.save()
    article.tags.set(_tag_rows(names))
    article_index(article)
    event_record(actor=by, action="news.article_update", obj=article, details={"changed": changed})
    return article


def _move(article: Article, target: rules.ArticleStatus, fields: list[str]) -> None:
    article.status = target
    article.save(update_fields=["status", *fields, "updated_at"])


@transaction.atomic
def article_submit(*, article: Article, by: User) -> Article:
    """Send a draft for review by a leader who publishes."""
    _require(by)
    article = _lock(article)
    target = check_move(by, article, ArticleAction.SUBMIT)
    article.review_note = ""
    _move(article, target, ["review_note"])
    event_record(
        actor=by, action="news.article_submit", obj=article, details={"from": "draft", "to": target.value}
    )
    return article


@transaction.atomic
def article_publish(
    *, article: Article, publish_at: dt.datetime | None = None, by: User, now: dt.datetime | None = None
) -> Article:
    """Publish an article under review: now (`publish_at` None) or at a later time. A time already past is refused
    (publishing "yesterday" would put the article under older news without anyone seeing it appear)."""
    _require(by, Perm.NEWS_PUBLISH)
    now = now or timezone.now()
    article = _lock(article)
    target = check_move(by, article, ArticleAction.PUBLISH)
    if publish_at is not None and timezone.is_naive(publish_at):
        publish_at = timezone.make_aware(publish_at)
    if rules.publish_time_problem(publish_at, now):
        raise DomainError(
            "publish_at_past",
            _("The time of publication must be after the present time."),
            field="publish_at",
        )
    old = article.status
    article.publish_at = publish_at or now
    article.reviewed_by = by
    article.review_note = ""
    _move(article, target, ["publish_at", "reviewed_by", "review_note"])
    article_index(article)
    event_record(
        actor=by,
        action="news.article_publish",
        obj=article,
        details={
            "from": old,
            "to": target.value,
            "publish_at": timezone.localtime(article.publish_at).strftime("%d/%m/%Y %H:%M"),
        },
    )
    return article


def _written_note(text: str | None, *, field: str, missing: str) -> str:
    """A publisher's note or reason: normalised, required, at most NOTE_LENGTH (codes `<field>_missing`,
    `<field>_too_long`)."""
    text = normalize(text or "", multiline=True)
    if not text:
        raise DomainError(f"{field}_missing", missing, field=field)
    if message := too_long(text, max_length=NOTE_LENGTH):
        raise DomainError(f"{field}_too_long", message, field=field)
    return text


@transaction.atomic
def article_send_back(*, article: Article, note: str, by: User) -> Article:
    """Send an article under review back to its writer, saying what to change."""
    _require(by, Perm.NEWS_PUBLISH)
    article = _lock(article)
    target = check_move(by, article, ArticleAction.SEND_BACK)
    note = _written_note(note, field="note", missing=_("Say what the writer should change."))
    article.review_note = note
    article.reviewed_by = by
    _move(article, target, ["review_note", "reviewed_by"])
    event_record(
        actor=by,
        action="news.article_send_back",
        obj=article,
        details={"from": "review", "to": target.value, "note": note},
    )
    return article


@transaction.atomic
def article_withdraw(*, article: Article, reason: str, by: User) -> Article:
    """Take a published article off the portal, with the reason (kept in the history)."""
    _require(by, Perm.NEWS_PUBLISH)
    article = _lock(article)
    target = check_move(by, article, ArticleAction.WITHDRAW)
    reason = _written_note(reason, field="reason", missing=_("Give the reason for withdrawing the article."))
    _move(article, target, [])
    event_record(
        actor=by,
        action="news.article_withdraw",
        obj=article,
        details={"from": "published", "to": target.value, "reason": reason},
    )
    return article


@transaction.atomic
def article_redraft(*, article: Article, by: User) -> Article:
    """Take a withdrawn article up again as a draft (it goes through review before it is published again)."""
    _require(by)
    article = _lock(article)
    target = check_move(by, article, ArticleAction.REDRAFT)
    _move(article, target, [])
    event_record(
        actor=by,
        action="news.article_redraft",
        obj=article,
        details={"from": "withdrawn", "to": target.value},
    )
    return article


def article_touch(article: Article) -> None:
    """Mark the public page as changed (a photo added, moved or removed): the portal's cache follows updated_at."""
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now())
