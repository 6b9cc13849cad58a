"""What the public may read of the dialogues (no login): the communes' dialogues shown on the portal, one dialogue
with its questions and answers and the progress of each commitment, and a citizen's question by its lookup code.

Nothing here ever reads an asker's phone or e-mail into what it returns: the askers are named by their initials and
village (`PublicQuestion`). A question set aside shows only that it was not taken up (its text may be a duplicate or a
matter for a court); the asker reads its text and the reason with his code."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from gandan.core.democracy.commitments import CommitmentState, is_overdue
from gandan.dialogues.models import Commitment, CommitmentUpdate, Dialogue, Question
from gandan.dialogues.rules import clean_question_code, name_initials, questions_open
from gandan.dialogues.selectors.dialogues import ThemeGroup, grouped_by_theme, search_q, year_bounds
from gandan.kit.params import ID_MAX
from gandan.units.models import Unit

PENDING_COMMITMENTS = (CommitmentState.OPEN.value, CommitmentState.IN_PROGRESS.value)


def public_communes() -> QuerySet[Unit]:
    """The communes in force that show at least one dialogue on the portal (the public list's choices)."""
    paths = Dialogue.objects.filter(public=True).values("unit_path")
    return (
        Unit.objects.current().filter(path__in=paths).select_related("parent").order_by("name_search", "id")
    )


def public_dialogues(commune: Unit | None, *, q: str = "", status: str = "") -> QuerySet[Dialogue]:
    """A commune's dialogues shown on the portal, the coming ones first then the past, newest first."""
    if commune is None:
        return Dialogue.objects.none()
    rows = Dialogue.objects.filter(public=True, unit_path=commune.path).select_related("unit")
    if status:
        rows = rows.filter(status=status)
    if q.strip():
        rows = rows.filter(search_q(q))
    return rows.order_by("-starts_at", "-id")


def public_upcoming_dialogues(commune: Unit) -> QuerySet[Dialogue]:
    """A commune's planned dialogues shown on the portal that have not taken place yet, soonest first."""
    rows = Dialogue.objects.filter(
        public=True, unit_path=commune.path, status=Dialogue.Status.PLANNED, starts_at__gte=timezone.now()
    )
    return rows.order_by("starts_at", "id")


def public_commitments_pending(commune: Unit) -> QuerySet[Commitment]:
    """The promises made at a commune's public dialogues and not kept yet (not started or in progress), the
    soonest due first, each with its dialogue."""
    rows = Commitment.objects.filter(
        dialogue__public=True, dialogue__unit_path=commune.path, state__in=PENDING_COMMITMENTS
    )
    return rows.select_related("dialogue").order_by("due", "id")


def public_dialogue_list(
    *, q: str = "", status: str = "", kind: str = "", year: int | None = None, commune_code: str = ""
) -> QuerySet[Dialogue]:
    """Every public dialogue, or those of the commune with official code `commune_code` (the API's list)."""
    rows = Dialogue.objects.filter(public=True).select_related("unit")
    if commune_code:
        rows = rows.filter(unit__code=commune_code)
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    if year:
        start, end = year_bounds(year)
        rows = rows.filter(starts_at__gte=start, starts_at__lt=end)
    if q.strip():
        rows = rows.filter(search_q(q))
    return rows.order_by("-starts_at", "-id")


def public_dialogue_get(pk) -> Dialogue:
    """A dialogue shown on the portal, or 404 (whatever its address, one not shown is not found)."""
    try:
        number = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    if not 0 < number <= ID_MAX:
        raise Http404
    found = Dialogue.objects.filter(pk=number, public=True).select_related("unit", "unit__parent").first()
    if found is None:
        raise Http404
    return found


def accepting_questions(dialogue: Dialogue) -> bool:
    return dialogue.public and questions_open(
        status=dialogue.status,
        starts_at=dialogue.starts_at,
        questions_until=dialogue.questions_until,
        now=timezone.now(),
    )


@dataclass
class PublicCommitment:
    pk: int
    text: str
    owner: str
    due: object
    state: str
    state_label: str
    overdue: bool
    done_on: object
    evidence: str
    has_file: bool
    cancel_reason: str
    question_number: int | None
    evidence_url: str = ""
    updates: list[CommitmentUpdate] = field(default_factory=list)


@dataclass
class PublicQuestion:
    pk: int
    number: int
    code: str
    asker: str  # initials, then the village: "N.V.A. — Thôn Bến Đò"
    village: str
    channel_label: str
    theme: str
    text: str  # "" when set aside
    status: str
    status_label: str
    answer: str
    answered_at: object
    set_aside: bool
    commitments: list[PublicCommitment] = field(default_factory=list)


def _commitment(c: Commitment, today) -> PublicCommitment:
    return PublicCommitment(
        pk=c.pk,
        text=c.text,
        owner=c.owner,
        due=c.due,
        state=c.state,
        state_label=str(c.get_state_display()),
        overdue=is_overdue(state=c.state, due=c.due, today=today),
        done_on=c.done_on,
        evidence=c.evidence if c.state == "done" else "",
        has_file=bool(c.evidence_file) and c.state == "done",
        cancel_reason=c.cancel_reason,
        question_number=c.question.number if c.question_id and c.question else None,
        evidence_url=evidence_url(c),
        updates=list(c.updates.all()),
    )


def evidence_url(c: Commitment) -> str:
    """The public address of a done commitment's photo or PDF ("" without one)."""
    if c.state != "done" or not c.evidence_file:
        return ""
    return reverse("dialogues_public:evidence", args=[c.pk])


def _question(q: Question, today, *, own: bool = False) -> PublicQuestion:
    set_aside = q.status == Question.Status.SET_ASIDE
    village = q.village.name if q.village_id and q.village else ""
    asker = name_initials(q.asker_name) or "—"
    return PublicQuestion(
        pk=q.pk,
        number=q.number,
        code=q.code if own else "",
        asker=f"{asker} — {village}" if village else asker,
        village=village,
        channel_label=str(q.get_channel_display()),
        theme=q.theme,
        text="" if set_aside and not own else q.text,
        status=q.status,
        status_label=str(q.get_status_display()),
        answer=q.answer if q.status == Question.Status.ANSWERED else "",
        answered_at=q.answered_at if q.status == Question.Status.ANSWERED else None,
        set_aside=set_aside,
        commitments=[_commitment(c, today) for c in q.commitments.all()],
    )


def _commitments() -> Prefetch:
    updates = Prefetch("updates", queryset=CommitmentUpdate.objects.order_by("at", "id"))
    return Prefetch(
        "commitments",
        queryset=Commitment.objects.select_related("question")
        .prefetch_related(updates)
        .order_by("due", "id"),
    )


def public_questions(dialogue: Dialogue) -> list[PublicQuestion]:
    today = timezone.localdate()
    rows = dialogue.questions.select_related("village").prefetch_related(_commitments()).order_by("number")
    return [_question(q, today) for q in rows]


def public_grouped(questions: list[PublicQuestion]) -> list[ThemeGroup]:
    """The public questions under their themes, as the staff page groups them."""
    return grouped_by_theme(questions)


def public_commitments(dialogue: Dialogue) -> list[PublicCommitment]:
    """Every commitment of the dialogue with its progress (those from an answer and those made directly)."""
    today = timezone.localdate()
    updates = Prefetch("updates", queryset=CommitmentUpdate.objects.order_by("at", "id"))
    rows = dialogue.commitments.select_related("question").prefetch_related(updates).order_by("due", "id")
    return [_commitment(c, today) for c in rows]


@dataclass
class OwnQuestion:
    """What the asker reads with his code: his question as the public sees it (plus its text and the reason when set
    aside), and its dialogue."""

    question: PublicQuestion
    dialogue: Dialogue
    set_aside_reason: str


def public_question_by_code(code: str) -> OwnQuestion | None:
    """The citizen's own question by its lookup code (its text even when set aside, with the reason), or None."""
    clean = clean_question_code(code)
    if not clean:
        return None
    found = (
        Question.objects.filter(code=clean)
        .select_related("village", "dialogue", "dialogue__unit")
        .prefetch_related(_commitments())
        .first()
    )
    if found is None:
        return None
    return OwnQuestion(
        question=_question(found, timezone.localdate(), own=True),
        dialogue=found.dialogue,
        set_aside_reason=found.set_aside_reason,
    )


def public_evidence(commitment_pk) -> Commitment:
    """A done commitment's evidence file, of a dialogue shown on the portal; 404 otherwise."""
    try:
        number = int(commitment_pk)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    if not 0 < number <= ID_MAX:
        raise Http404
    found = (
        Commitment.objects.filter(pk=number, state="done", dialogue__public=True)
        .exclude(evidence_file="")
        .first()
    )
    if found is None:
        raise Http404
    return found


def reads_as_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.can("dialogues.view")


def dialogue_for_reader(user, pk) -> tuple[Dialogue, bool]:
    """The dialogue for whoever asks (the API's public reads): the whole record for an officer of its units
    (`True`), what the portal shows for anyone else (`False`); 404 when neither may read it."""
    if reads_as_staff(user):
        from gandan.dialogues.selectors.dialogues import dialogues_for_user

        found = dialogues_for_user(user).filter(pk=pk).first() if 0 < int(pk) <= ID_MAX else None
        if found is not None:
            return found, True
    return public_dialogue_get(pk), False


def commitment_for_reader(user, pk) -> tuple[Commitment, bool]:
    """A commitment for whoever asks: an officer of its units reads it whole; anyone else only one of a dialogue
    shown on the portal."""
    if not 0 < int(pk) <= ID_MAX:
        raise Http404
    if reads_as_staff(user):
        from gandan.dialogues.selectors.commitments import commitments_for_user

        found = commitments_for_user(user).filter(pk=pk).first()
        if found is not None:
            return found, True
    found = Commitment.objects.filter(pk=pk, dialogue__public=True).select_related("question").first()
    if found is None:
        raise Http404
    return found, False


@dataclass
class StaffQuestion(PublicQuestion):
    """A question as an officer of its units reads it (the API): its text even set aside, the asker's name, the
    assignment. Never the asker's phone or e-mail (an audited read of its own, on the staff page)."""

    asker_name: str = ""
    village_id: int | None = None
    assigned_to: str = ""
    set_aside_reason: str = ""
    created_at: object = None


def staff_questions(dialogue: Dialogue) -> list[StaffQuestion]:
    today = timezone.localdate()
    rows = (
        dialogue.questions.select_related("village", "assigned_to")
        .prefetch_related(_commitments())
        .order_by("number")
    )
    found = []
    for q in rows:
        shown = _question(q, today, own=True)
        found.append(
            StaffQuestion(
                **shown.__dict__,
                asker_name=q.asker_name,
                village_id=q.village_id,
                assigned_to=q.assigned_to.full_name if q.assigned_to_id and q.assigned_to else "",
                set_aside_reason=q.set_aside_reason,
                created_at=q.created_at,
            )
        )
    return found


def dialogue_village(dialogue: Dialogue, village_id: int | None) -> Unit | None:
    """The village of the dialogue's commune with this id, or None."""
    if village_id is None or not 0 < village_id <= ID_MAX:
        return None
    from gandan.dialogues.selectors.dialogues import commune_villages

    return commune_villages(dialogue.unit_path).filter(pk=village_id).first()
