"""The decisions on a "dân vận khéo" model (DOMAIN.md §7.3): reviewing and scoring it against the criteria
(bình xét), recognising it at the grassroots, the commune or the province — and later at a higher level —, or
sending it back to be worked on. One transaction each, with its audit event; nothing is saved on an error.

Who decides [U: local practice, see accounts.rules]: the commune's party secretary or chairman recognise at the
grassroots and commune levels; only the province's supervisor recognises at province level. Reviewers are the
officers who keep the models and the leaders."""

import datetime as dt
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.audit.services import event_record
from gandan.core.mobilization import models_rules as rules
from gandan.core.vntext import normalize
from gandan.errors import Conflict, DomainError, NotAllowed, too_long
from gandan.mobilization.models import Initiative, Review
from gandan.mobilization.services.initiatives import (
    MANAGE,
    RECOGNISE,
    YEAR_MAX,
    YEAR_MIN,
    check_in_scope,
    level_label,
    lock,
    raise_all,
    require,
    transition,
)
from gandan.units.models import COMMUNE_KINDS

COMMUNE_DECIDERS = frozenset({Role.PARTY_SECRETARY, Role.UNIT_LEADER})


@transaction.atomic
def initiative_review(
    *,
    initiative: Initiative,
    scores: Mapping[str, int],
    recommend: bool,
    comment: str = "",
    by: User,
) -> Review:
    """Score a model being carried out (or already reviewed: a second reviewer scores too) on every criterion, from
    0 to the criterion's weight. A recommendation to recognise needs the pass mark (`PASS_SCORE` of 100); not
    recommending needs a comment saying what to improve."""
    require(by, MANAGE, RECOGNISE)
    check_in_scope(by, initiative)
    initiative = lock(initiative)
    before = initiative.status
    after = transition(initiative, rules.Action.REVIEW)
    errors: dict[str, str] = {}
    known = {c.key: c for c in rules.CRITERIA}
    cleaned: dict[str, int] = {}
    for criterion in rules.CRITERIA:
        value = scores.get(criterion.key)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= criterion.weight:
            errors[f"scores.{criterion.key}"] = _("%(criterion)s: give from 0 to %(max)s points.") % {
                "criterion": criterion.label_vi,
                "max": criterion.weight,
            }
        else:
            cleaned[criterion.key] = value
    unknown = sorted(set(scores) - set(known))
    if unknown:
        errors["scores"] = _("Unknown criteria: %(keys)s.") % {"keys": ", ".join(unknown)}
    comment = normalize(comment or "", multiline=True)
    total = rules.score_total(cleaned) if not errors else 0
    if not errors and recommend and total < rules.PASS_SCORE:
        errors["recommend"] = _(
            "A model recommended for recognition scores at least %(pass)s of %(max)s; this one has %(total)s."
        ) % {"pass": rules.PASS_SCORE, "max": rules.MAX_SCORE, "total": total}
    if not recommend and not comment:
        errors["comment"] = _("Say what the model must improve before it can be recognised.")
    raise_all("review_invalid", errors)
    review = Review.objects.create(
        initiative=initiative,
        reviewer=by,
        scores=cleaned,
        total=total,
        recommend=bool(recommend),
        comment=comment,
    )
    if after != before:
        initiative.status = after
        initiative.save(update_fields=["status", "updated_at"])
    event_record(
        actor=by,
        action="mobilization.initiative_review",
        obj=initiative,
        unit=initiative.unit,
        details={"from": before, "to": after, "total": total, "recommend": bool(recommend)},
    )
    return review


def may_recognise_at(user: User, level: str) -> bool:
    """Whether `user`'s role lets them recognise at `level` (the scope is checked on the model)."""
    if not user.can(RECOGNISE):
        return False
    if level == rules.Level.PROVINCE:
        return Role.PROVINCE_SUPERVISOR in user.role_set
    unit = user.unit
    return bool(COMMUNE_DECIDERS & user.role_set) and unit is not None and unit.kind in COMMUNE_KINDS


@transaction.atomic
def initiative_recognise(
    *,
    initiative: Initiative,
    level: str,
    decision: str,
    on: dt.date | None,
    by: User,
) -> Initiative:
    """Recognise a reviewed model at `level` by decision `decision` of `on`; a recognised model is recognised again
    only at a higher level (grassroots → commune → province), which replaces the recorded decision."""
    require(by, RECOGNISE)
    check_in_scope(by, initiative)
    initiative = lock(initiative)
    before, before_level = initiative.status, initiative.level
    after = transition(initiative, rules.Action.RECOGNISE)
    if level not in {v.value for v in rules.Level}:
        raise DomainError(
            "level_invalid", _("Choose the level: grassroots, commune or province."), field="level"
        )
    if not rules.can_raise_level(initiative.level, level):
        raise Conflict(
            "level_not_higher",
            _(
                "This model is already recognised at %(current)s level: it can only be recognised at a higher level."
            )
            % {"current": level_label(initiative.level).lower()},
        )
    if not may_recognise_at(by, level):
        if level == rules.Level.PROVINCE:
            raise NotAllowed(
                "province_level_only",
                _("Only the province's supervisor recognises a model at province level."),
            )
        raise NotAllowed(
            "commune_level_only",
            _(
                "At grassroots and commune level a model is recognised by the commune's party secretary or chairman."
            ),
        )
    errors: dict[str, str] = {}
    decision = normalize(decision or "")
    if not decision:
        errors["decision"] = _("Enter the number of the decision recognising it, e.g. 125/QĐ-UBND.")
    elif problem := too_long(decision, max_length=100):
        errors["decision"] = problem
    today = timezone.localdate()
    if on is None:
        errors["on"] = _("Enter the date of the decision, e.g. 15/10/2025.")
    elif not YEAR_MIN <= on.year <= YEAR_MAX:
        errors["on"] = _("Enter a date between the years %(min)s and %(max)s.") % {
            "min": YEAR_MIN,
            "max": YEAR_MAX,
        }
    elif on > today:
        errors["on"] = _("The decision cannot be dated in the future.")
    elif on < initiative.registered_on:
        errors["on"] = _("The decision cannot be dated before the model was registered (%(day)s).") % {
            "day": initiative.registered_on.strftime("%d/%m/%Y")
        }
    elif initiative.recognised_on is not None and on < initiative.recognised_on:
        errors["on"] = _("A higher recognition cannot be dated before the earlier one (%(day)s).") % {
            "day": initiative.recognised_on.strftime("%d/%m/%Y")
        }
    raise_all("recognition_invalid", errors)
    initiative.status = after
    initiative.level = level
    initiative.recognition_decision = decision
    initiative.recognised_on = on
    initiative.recognised_by = by
    initiative.save(
        update_fields=[
            "status",
            "level",
            "recognition_decision",
            "recognised_on",
            "recognised_by",
            "updated_at",
        ]
    )
    event_record(
        actor=by,
        action="mobilization.initiative_recognise",
        obj=initiative,
        unit=initiative.unit,
        details={
            "from": before,
            "to": after,
            "level": level,
            "former_level": before_level,
            "number": decision,
            "day": on.isoformat() if on else "",
        },
    )
    return initiative


@transaction.atomic
def initiative_decline(*, initiative: Initiative, reason: str, by: User) -> Initiative:
    """The leader does not recognise the reviewed model (yet): back to being carried out, with the reason."""
    require(by, RECOGNISE)
    check_in_scope(by, initiative)
    initiative = lock(initiative)
    before = initiative.status
    after = transition(initiative, rules.Action.DECLINE)
    reason = normalize(reason or "", multiline=True)
    if not reason:
        raise DomainError(
            "reason_required",
            _("Say what the model must improve before it is reviewed again."),
            field="reason",
        )
    initiative.status = after
    initiative.save(update_fields=["status", "updated_at"])
    event_record(
        actor=by,
        action="mobilization.initiative_decline",
        obj=initiative,
        unit=initiative.unit,
        details={"from": before, "to": after, "reason": reason[:500]},
    )
    return initiative
