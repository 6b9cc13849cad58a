"""Readers' opinions under a commune's article ("Ý kiến của bạn"): sent on the portal without login, held for a
moderator of the commune, approved, rejected with a reason or marked as spam, and answered by an official reply.

Protection, in the order it is checked (each refusal stores nothing and says what happened in plain Vietnamese):
1. the honeypot: a hidden field a person never sees; a robot filling it gets the same "sent" answer as a person,
   but nothing is stored (it still counts against its address, so a robot flooding is soon refused too);
2. the client address: at most `PER_MINUTE` opinions a minute and `PER_DAY` a day (kit.throttle, 429);
3. the article: at most `PENDING_PER_ARTICLE` opinions waiting for moderation (429);
4. the fields: a name, a valid e-mail or none, a text of at most `TEXT_MAX` characters;
5. the province's forbidden words, matched on folded text (core.wordfilter): "do ngu" is "đồ ngu";
6. links: more than `LINKS_MAX` and the opinion is stored as spam (a moderator may still approve it).

The article page is cached by (id, updated_at): every change of what it shows (approve; reject or spam of an
approved one; a reply) recounts `Article.comment_count` and moves `updated_at` in the same transaction."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.scope import in_user_scope
from gandan.audit.services import event_record
from gandan.core.vntext import normalize
from gandan.core.wordfilter import forbidden_found, link_count
from gandan.errors import Conflict, DomainError, NotAllowed, Throttled, too_long
from gandan.kit.throttle import throttle_count_two, throttle_fail, throttle_retry_at
from gandan.news.models import Article, Comment
from gandan.news.selectors.comments import forbidden_keys, pending_on_article

#: The opinion signal's source kind for a reader's comment (gandan.opinion.sources).
COMMENT_SOURCE = "news_comment"
SEARCH_KIND = "news_comment"
MODERATE = "news.moderate"

PER_MINUTE = 5
PER_DAY = 30
MINUTE = dt.timedelta(minutes=1)
DAY = dt.timedelta(days=1)
PENDING_PER_ARTICLE = 200
NAME_MAX = 120
TEXT_MIN = 2
TEXT_MAX = 3000
REASON_MAX = 300
REPLY_MAX = 5000
LINKS_MAX = 2

Status = Comment.Status

__all__ = [
    "COMMENT_SOURCE",
    "comment_approve",
    "comment_reject",
    "comment_reply",
    "comment_spam",
    "comment_submit",
    "comments_bulk",
    "throttle_key",
]


def throttle_key(address: str) -> str:
    return f"news_comment:ip:{address}"


def _when(moment: dt.datetime) -> str:
    return timezone.localtime(moment + dt.timedelta(seconds=59)).strftime("%H:%M %d/%m/%Y")


def _refuse_flood(key: str) -> None:
    per_minute, per_day = throttle_count_two((key, MINUTE), (key, DAY))
    if per_minute < PER_MINUTE and per_day < PER_DAY:
        return
    limit, window = (PER_MINUTE, MINUTE) if per_minute >= PER_MINUTE else (PER_DAY, DAY)
    retry_at = throttle_retry_at(key, limit=limit, window=window) or timezone.now() + window
    raise Throttled(
        "too_many_comments",
        _(
            "You have sent too many opinions from this connection in a short time. Nothing was saved. Please try "
            "again after %(when)s."
        )
        % {"when": _when(retry_at)},
    )


def _check_fields(name: str, email: str, text: str) -> tuple[str, str, str]:
    errors: dict[str, str] = {}
    name = normalize(name or "")
    if not name:
        errors["name"] = _("Enter your full name.")
    elif problem := too_long(name, max_length=NAME_MAX):
        errors["name"] = problem
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Enter a valid e-mail address, or leave it empty.")
        if len(email) > 254:
            errors["email"] = _("Enter a valid e-mail address, or leave it empty.")
    text = normalize(text or "", multiline=True)
    if len(text) < TEXT_MIN:
        errors["text"] = _("Write your opinion.")
    elif problem := too_long(text, max_length=TEXT_MAX):
        errors["text"] = problem
    elif forbidden_found(f"{name}\n{text}", forbidden_keys()):
        errors["text"] = _(
            "Your opinion contains words that are not allowed on the commune's portal (offensive or abusive "
            "language). Please write it again without them. Nothing was saved."
        )
    if errors:
        raise DomainError("comment_invalid", errors=errors)
    return name, email, text


def _lock_article(article: Article) -> Article:
    return Article.objects.select_for_update(of=("self",)).select_related("unit").get(pk=article.pk)


@transaction.atomic
def comment_submit(
    *, article: Article, name: str, email: str, text: str, trap: str = "", address: str
) -> Comment | None:
    """A reader sends an opinion on an article of the portal (no login). `address` is the client's (kit.clientip);
    `trap` the honeypot field's value. Returns the comment, waiting for moderation (or held as spam for its links),
    or None when the honeypot caught a robot: nothing is stored and the robot is told the same as a person."""
    key = throttle_key(address)
    _refuse_flood(key)
    if trap:
        throttle_fail(key, window=DAY)
        return None
    article = _lock_article(article)
    now = timezone.now()
    if (
        article.status != Article.Status.PUBLISHED
        or article.publish_at is None
        or article.publish_at > now
        or not article.comments_open
    ):
        raise Conflict("comments_closed", _("This article does not take opinions."))
    if pending_on_article(article) >= PENDING_PER_ARTICLE:
        raise Throttled(
            "too_many_pending",
            _(
                "This article has received many opinions that are still waiting for moderation. Nothing was saved. "
                "Please try again later."
            ),
        )
    name, email, text = _check_fields(name, email, text)
    links = link_count(text)
    held = links > LINKS_MAX
    comment = Comment(
        article=article,
        unit_path=article.unit_path,
        name=name,
        email=email,
        text=text,
        status=Status.SPAM if held else Status.PENDING,
        reason=_("More than %(n)d links: held as spam.") % {"n": LINKS_MAX} if held else "",
        moderated_at=now if held else None,
        created_at=now,
    )
    comment.save(force_insert=True)
    throttle_fail(key, window=DAY)
    _index(comment)
    from gandan.opinion.services import signal_record

    signal_record(
        text=text, unit=article.unit, source_kind=COMMENT_SOURCE, source_id=comment.pk, new_source=True
    )
    event_record(
        actor=None,
        action="news.comment_submit",
        obj=comment,
        unit=article.unit,
        # Never the reader's name or e-mail: the trail says what came in, and whether it was held.
        details={"article": article.pk, "to": comment.status, "links": links},
    )
    return comment


def _index(comment: Comment) -> None:
    from gandan.news.search_comments import comment_document
    from gandan.search.services import index_document

    _pk, unit_path, text = comment_document(comment)
    index_document(SEARCH_KIND, comment.pk, text=text, unit_path=unit_path)


# --- moderation -----------------------------------------------------------------------------------------------------


def _lock(comment: Comment, by: User) -> Comment:
    if by is None or not by.can(MODERATE):
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))
    if not in_user_scope(by, comment.unit_path):
        raise NotAllowed("unit_out_of_scope", _("You can only act for your own unit."))
    return (
        Comment.objects.select_for_update(of=("self",))
        .select_related("article", "article__unit")
        .get(pk=comment.pk)
    )


def _recount(article: Article, now: dt.datetime) -> None:
    """The article's approved count, and its `updated_at` moved so the portal's cached page is built again."""
    count = Comment.objects.filter(article_id=article.pk, status=Status.APPROVED).count()
    Article.objects.filter(pk=article.pk).update(comment_count=count, updated_at=now)
    article.comment_count = count
    article.updated_at = now


def _moderate(comment: Comment, *, to: str, reason: str, by: User, action: str) -> Comment:
    before = comment.status
    if before == to:
        raise Conflict(
            "comment_state",
            _("This opinion is already “%(status)s”.") % {"status": comment.get_status_display()},
        )
    now = timezone.now()
    comment.status = to
    comment.reason = reason
    comment.moderated_by = by
    comment.moderated_at = now
    comment.save(update_fields=["status", "reason", "moderated_by", "moderated_at"])
    if Status.APPROVED in (before, to):
        _recount(comment.article, now)
    event_record(
        actor=by,
        action=action,
        obj=comment,
        unit=comment.article.unit,
        details={"from": before, "to": to, "article": comment.article_id},
    )
    return comment


@transaction.atomic
def comment_approve(*, comment: Comment, by: User) -> Comment:
    """Show the opinion under its article (a rejected or spam one may be approved after all)."""
    comment = _lock(comment, by)
    return _moderate(comment, to=Status.APPROVED, reason="", by=by, action="news.comment_approve")


@transaction.atomic
def comment_reject(*, comment: Comment, reason: str, by: User) -> Comment:
    """Refuse the opinion, with the reason (kept for the moderators, told to no one else)."""
    reason = normalize(reason or "")
    if not reason:
        raise DomainError("reason_required", _("Write why the opinion is rejected."), field="reason")
    if problem := too_long(reason, max_length=REASON_MAX):
        raise DomainError("reason_invalid", problem, field="reason")
    comment = _lock(comment, by)
    return _moderate(comment, to=Status.REJECTED, reason=reason, by=by, action="news.comment_reject")


@transaction.atomic
def comment_spam(*, comment: Comment, by: User) -> Comment:
    comment = _lock(comment, by)
    return _moderate(comment, to=Status.SPAM, reason="", by=by, action="news.comment_spam")


@transaction.atomic
def comment_reply(*, comment: Comment, reply: str, by: User) -> Comment:
    """The commune's official reply under the opinion (written again: corrected). Replying to an opinion waiting
    for moderation approves it. The reader who left an e-mail is told once (the first reply)."""
    reply = normalize(reply or "", multiline=True)
    if not reply:
        raise DomainError("reply_required", _("Write the reply."), field="reply")
    if problem := too_long(reply, max_length=REPLY_MAX):
        raise DomainError("reply_invalid", problem, field="reply")
    comment = _lock(comment, by)
    if comment.status in (Status.REJECTED, Status.SPAM):
        raise Conflict(
            "comment_state",
            _("This opinion is “%(status)s”: approve it before replying.")
            % {"status": comment.get_status_display()},
        )
    now = timezone.now()
    before = comment.status
    comment.status = Status.APPROVED
    if before == Status.PENDING:
        comment.moderated_by = by
        comment.moderated_at = now
    first = not comment.reply
    comment.reply = reply
    comment.replied_by = by
    comment.replied_at = now
    comment.save(
        update_fields=["status", "moderated_by", "moderated_at", "reply", "replied_by", "replied_at"]
    )
    _recount(comment.article, now)
    event_record(
        actor=by,
        action="news.comment_reply",
        obj=comment,
        unit=comment.article.unit,
        details={"from": before, "to": comment.status, "article": comment.article_id, "first": first},
    )
    if comment.email:
        _tell_reader(comment)
    return comment


def _tell_reader(comment: Comment) -> None:
    from gandan.notify.services import notification_queue

    article = comment.article
    notification_queue(
        key=f"news-reply-{comment.pk}",
        channel="email",
        recipient=comment.email,
        subject=_("The commune replied to your opinion: %(title)s") % {"title": article.title},
        body=_(
            "Dear %(name)s,\n\nThe People's Committee of %(commune)s replied to your opinion on the article "
            "“%(title)s”:\n\n%(reply)s\n\nThe reply is shown under your opinion on the commune's portal."
        )
        % {
            "name": comment.name,
            "commune": article.unit.name,
            "title": article.title,
            "reply": comment.reply,
        },
        obj=comment,
        unit=article.unit,
    )


@transaction.atomic
def comments_bulk(*, comments: list[Comment], action: str, by: User) -> int:
    """Approve or mark as spam every selected opinion at once (those already so are left as they are). Returns how
    many changed."""
    if action not in ("approve", "spam"):
        raise DomainError("action_invalid", _("Choose what to do with the selected opinions."))
    if not comments:
        raise DomainError("nothing_selected", _("Tick at least one opinion."))
    to = Status.APPROVED if action == "approve" else Status.SPAM
    verb = "news.comment_approve" if action == "approve" else "news.comment_spam"
    changed = 0
    for comment in comments:
        locked = _lock(comment, by)
        if locked.status == to:
            continue
        _moderate(locked, to=to, reason="", by=by, action=verb)
        changed += 1
    return changed
