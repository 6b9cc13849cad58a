"""The province's topic list: add a topic, change its name, keywords, order and use. A topic is never deleted
(signals and issues keep it); "other" always stays in use."""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core.vntext import fold
from gandan.errors import DomainError
from gandan.opinion.curation import KEYWORD_MAX, OTHER_TOPIC, keyword_problems
from gandan.opinion.models import Topic

NAME_MAX = 200


def keywords_clean(text: str) -> str:
    """The keywords one per line, or a DomainError naming every line to fix."""
    keywords, problems = keyword_problems(text or "", fold)
    if problems:
        messages = []
        for code, line in problems:
            if code == "keyword_too_long":
                messages.append(
                    _("“%(line)s” is longer than %(max)s characters: shorten it or split it into two lines.")
                    % {"line": line[:40] + "…", "max": KEYWORD_MAX}
                )
            else:
                messages.append(
                    _(
                        "“%(line)s” repeats another keyword (without diacritics they are the same): delete one."
                    )
                    % {"line": line}
                )
        raise DomainError("topic_keywords_invalid", errors={"keywords": messages})
    return "\n".join(keywords)


def _code_for(name: str) -> str:
    base = (slugify(fold(name)) or "topic")[:34]
    code, n = base, 1
    while Topic.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def _checked(name: str, name_en: str, keywords: str) -> tuple[str, str, str]:
    name, name_en = " ".join((name or "").split()), " ".join((name_en or "").split())
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Enter the topic's name.")]
    elif len(name) > NAME_MAX:
        errors["name"] = [_("Keep the name under %(max)s characters.") % {"max": NAME_MAX}]
    try:
        keywords = keywords_clean(keywords)
    except DomainError as exc:
        errors.update({k: list(v) for k, v in exc.errors.items()})
    if errors:
        raise DomainError("topic_invalid", errors=errors)
    return name, name_en, keywords


@transaction.atomic
def topic_create(*, name: str, name_en: str = "", keywords: str = "", order: int = 0, by: User) -> Topic:
    name, name_en, keywords = _checked(name, name_en, keywords)
    if Topic.objects.filter(name__iexact=name).exists():
        raise DomainError("topic_name_taken", _("A topic of that name exists already."), field="name")
    topic = Topic.objects.create(
        code=_code_for(name), name=name, name_en=name_en, keywords=keywords, order=order, updated_by=by
    )
    event_record(
        actor=by, action="opinion.topic_create", obj=topic, unit=by.unit, details={"code": topic.code}
    )
    return topic


@transaction.atomic
def topic_update(
    *,
    topic: Topic,
    name: str,
    name_en: str = "",
    keywords: str = "",
    order: int = 0,
    active: bool = True,
    by: User,
) -> Topic:
    name, name_en, keywords = _checked(name, name_en, keywords)
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    if not active and topic.code == OTHER_TOPIC:
        raise DomainError(
            "topic_other_active",
            _("The topic “Other” catches what no topic claims: it stays in use."),
            field="active",
        )
    if Topic.objects.filter(name__iexact=name).exclude(pk=topic.pk).exists():
        raise DomainError("topic_name_taken", _("A topic of that name exists already."), field="name")
    changed = [
        field
        for field, value in (
            ("name", name),
            ("name_en", name_en),
            ("keywords", keywords),
            ("order", order),
            ("active", active),
        )
        if getattr(topic, field) != value
    ]
    topic.name, topic.name_en, topic.keywords, topic.order, topic.active = (
        name,
        name_en,
        keywords,
        order,
        active,
    )
    topic.updated_by = by
    topic.save()
    event_record(
        actor=by,
        action="opinion.topic_update",
        obj=topic,
        unit=by.unit,
        details={"code": topic.code, "changed": changed},
    )
    return topic
