"""Reads of the consultations: for an officer, inside his units (404 outside), with the list's filters, counts by
phase and the counts of comments; the comments of one consultation with their filters; and for the public, what
was opened (never a draft), its sections, and once the summary is published each comment's answer — never a
commenter's contact."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.core.democracy.consultations import Phase
from gandan.core.vntext import search_key
from gandan.democracy.models import Comment, Consultation, Section
from gandan.units.models import GRASSROOTS_KINDS, Unit

VIEW = "democracy.view"
Disposition = Comment.Disposition
ORDERS: dict[str, tuple[str, ...]] = {
    "-opens": ("-opens", "-id"),
    "opens": ("opens", "id"),
    "closes": ("closes", "id"),
    "title": ("title_search", "id"),
}


def phase_q(p: str, today: dt.date) -> Q:
    """The consultations in phase `p` on `today` (gandan.core.democracy.consultations.phase, as a query)."""
    open_ = Q(status=Consultation.Status.OPEN)
    return {
        Phase.DRAFT: Q(status=Consultation.Status.DRAFT),
        Phase.ANNOUNCED: open_ & Q(opens__gt=today),
        Phase.OPEN: open_ & Q(opens__lte=today, closes__gte=today),
        Phase.CLOSED: Q(status=Consultation.Status.CLOSED) | open_ & Q(closes__lt=today),
        Phase.PUBLISHED: Q(status=Consultation.Status.PUBLISHED),
    }[Phase(p)]


def search_q(query: str, column: str = "title_search") -> Q:
    """Every word of `query`, folded, begins a word of the title ("ke hoach" finds "Kế hoạch")."""
    condition = Q()
    for word in search_key(query or "").split()[:12]:
        condition &= Q(**{f"{column}__startswith": word}) | Q(**{f"{column}__contains": f" {word}"})
    return condition


def _with_counts(rows: QuerySet[Consultation]) -> QuerySet[Consultation]:
    return rows.annotate(
        n_comments=Count("comments", distinct=True),
        n_pending=Count("comments", filter=Q(comments__disposition=Disposition.PENDING), distinct=True),
    )


def consultations_for_user(user) -> QuerySet[Consultation]:
    return scoped(Consultation.objects.all(), user, path_field="unit_path").select_related("unit")


def consultation_get_for_user(user, pk) -> Consultation:
    return get_scoped_or_404(
        Consultation.objects.select_related("unit", "created_by"), user, path_field="unit_path", pk=pk
    )


@dataclass(frozen=True)
class ConsultationFilter:
    q: str = ""
    subject: str = ""
    phase: str = ""
    commune_paths: list[str] | None = None
    order: str = "-opens"
    indicator: str = ""  # a figure of the leaders' dashboard (selectors.indicators), with its month:
    period: dt.date | None = None  # the month's first day

    @property
    def used(self) -> bool:
        return bool(self.q.strip() or self.subject or self.phase or self.commune_paths or self.indicator)


def consultation_list(user, filters: ConsultationFilter | None = None) -> QuerySet[Consultation]:
    """The user's consultations narrowed by `filters`, each with `n_comments` and `n_pending` (not considered)."""
    filters = filters or ConsultationFilter()
    rows = consultations_for_user(user)
    if filters.subject:
        rows = rows.filter(subject=filters.subject)
    if filters.phase:
        rows = rows.filter(phase_q(filters.phase, timezone.localdate()))
    if filters.commune_paths is not None:
        rows = rows.filter(unit_path__in=filters.commune_paths)
    if filters.indicator and filters.period:
        from gandan.democracy.selectors.indicators import consultation_indicator_q

        rows = rows.filter(
            consultation_indicator_q(filters.indicator, filters.period, today=timezone.localdate())
        )
    if filters.q.strip():
        rows = rows.filter(search_q(filters.q))
    return _with_counts(rows).order_by(*ORDERS.get(filters.order, ORDERS["-opens"]))


def consultation_phase_counts(user, filters: ConsultationFilter) -> dict[str, int]:
    """How many consultations of each phase match the other filters (the list's tabs)."""
    rows = consultation_list(user, ConsultationFilter(q=filters.q, subject=filters.subject,
                                                      commune_paths=filters.commune_paths,
                                                      indicator=filters.indicator,
                                                      period=filters.period)).order_by()  # fmt: skip
    today = timezone.localdate()
    found = rows.aggregate(**{p.value: Count("id", filter=phase_q(p, today), distinct=True) for p in Phase})
    found["total"] = sum(found.values())
    return found


def consultation_sections(consultation: Consultation) -> list[Section]:
    return list(consultation.sections.order_by("number"))


@dataclass(frozen=True)
class CommentFilter:
    disposition: str = ""
    channel: str = ""
    section: Section | None = None


def consultation_comments(
    consultation: Consultation, filters: CommentFilter | None = None
) -> QuerySet[Comment]:
    filters = filters or CommentFilter()
    rows = consultation.comments.select_related("section", "village", "entered_by")
    if filters.disposition:
        rows = rows.filter(disposition=filters.disposition)
    if filters.channel:
        rows = rows.filter(channel=filters.channel)
    if filters.section is not None:
        rows = rows.filter(section=filters.section)
    return rows.order_by("id")


def comment_counts(consultation: Consultation) -> dict[str, dict[str, int]]:
    """The consultation's comments by disposition and by channel (codes → how many)."""
    rows = consultation.comments.order_by()
    by_disposition = dict(rows.values_list("disposition").annotate(n=Count("id")))
    by_channel = dict(rows.values_list("channel").annotate(n=Count("id")))
    return {
        "disposition": {d: by_disposition.get(d, 0) for d in Disposition.values},
        "channel": {c: by_channel.get(c, 0) for c in Comment.Channel.values},
        "total": sum(by_disposition.values()),  # type: ignore[dict-item]
    }


def comment_get_for_user(user, consultation_pk, pk) -> Comment:
    consultation = consultation_get_for_user(user, consultation_pk)
    return get_object_or_404(
        Comment.objects.select_related("consultation", "consultation__unit", "section", "village"),
        consultation=consultation,
        pk=pk,
    )


def consultation_villages(consultation: Consultation) -> QuerySet[Unit]:
    """The villages in force of the consultation's commune (an opinion may name its village)."""
    return (
        Unit.objects.current()
        .filter(kind__in=GRASSROOTS_KINDS, path__startswith=f"{consultation.unit_path}.")
        .order_by("name_search", "id")
    )


def consultations_to_link(user, commune_path: str) -> QuerySet[Consultation]:
    """Consultations on a village covenant of the commune at `commune_path` inside the user's units, not yet
    published (a covenant links one)."""
    return (
        consultations_for_user(user)
        .filter(subject=Consultation.Subject.COVENANT, unit_path=commune_path)
        .exclude(status=Consultation.Status.PUBLISHED)
        .order_by("-opens", "-id")
    )


def consultation_export_rows(consultation: Consultation) -> Iterator[Comment]:
    yield from consultation_comments(consultation).iterator(chunk_size=1000)


def window_message(consultation: Consultation) -> str:
    """Why a citizen's opinion is not taken today: when comments are (or were) taken."""
    p = consultation.phase
    dates = {
        "opens": consultation.opens.strftime("%d/%m/%Y"),
        "closes": consultation.closes.strftime("%d/%m/%Y"),
    }
    if p is Phase.DRAFT:
        return _("This draft has not been opened for comments.")
    if p is Phase.ANNOUNCED:
        return (
            _("Comments on this draft are taken from %(opens)s to %(closes)s: please come back then.") % dates
        )
    if p is Phase.OPEN:
        return ""
    return (
        _("Comments on this draft were taken from %(opens)s to %(closes)s; the time for comments is over.")
        % dates
    )


# --- Public reads ------------------------------------------------------------------------------------------------


def public_consultations(*, commune: Unit | None = None, phase: str = "") -> QuerySet[Consultation]:
    """Every consultation that was opened (never a draft), newest first; `phase`: "open" (taking comments now and
    announced ones), "published" or "" for all."""
    rows = Consultation.objects.exclude(status=Consultation.Status.DRAFT).select_related("unit")
    today = timezone.localdate()
    if phase == "open":
        rows = rows.filter(phase_q(Phase.OPEN, today) | phase_q(Phase.ANNOUNCED, today))
    elif phase:
        rows = rows.filter(phase_q(phase, today))
    if commune is not None:
        rows = rows.filter(unit_path=commune.path)
    return rows.order_by("-opens", "-id")


def public_communes() -> QuerySet[Unit]:
    """The communes that have opened a consultation: the choices of the public list's commune filter."""
    units = Consultation.objects.exclude(status=Consultation.Status.DRAFT).values("unit_id")
    return Unit.objects.filter(pk__in=units).order_by("name_search", "id")


def public_consultation_get(pk) -> Consultation:
    """A consultation that was opened, or 404 (a draft is not public)."""
    return get_object_or_404(
        Consultation.objects.exclude(status=Consultation.Status.DRAFT).select_related("unit"), pk=pk
    )


def public_comments(consultation: Consultation) -> QuerySet[Comment]:
    """The comments with their answers, once the summary is published (none before)."""
    if consultation.status != Consultation.Status.PUBLISHED:
        return Comment.objects.none()
    return consultation.comments.select_related("section", "village").order_by("id")


def public_section(consultation: Consultation, pk) -> Section | None:
    if pk in (None, ""):
        return None
    return consultation.sections.filter(pk=pk).first()


def public_village(consultation: Consultation, pk) -> Unit | None:
    if pk in (None, ""):
        return None
    return consultation_villages(consultation).filter(pk=pk).first()


# --- The opinion board's links back to a comment --------------------------------------------------------------------


def comment_links(user, ids: list[str]) -> dict[str, str]:
    """For the comments among `ids` whose consultation `user` may open, the address of the consultation's page."""
    if not user.can(VIEW):
        return {}
    wanted = [int(i) for i in ids if str(i).isdigit() and len(str(i)) <= 10]
    if not wanted:
        return {}
    mine = consultations_for_user(user).values("pk")
    found = Comment.objects.filter(pk__in=wanted, consultation__in=mine).values_list("pk", "consultation_id")
    return {str(pk): reverse("democracy:consultation", args=[c]) + f"#comment-{pk}" for pk, c in found}
