"""The activities' API under /api/v1/mobilization/activities (staff session, scoped to the user's units): the list
with the page's filters, one activity, and recording one. Errors are JSON with a stable code (gandan/api.py): a
refused rule is `activity_invalid` with every field's message, an activity outside the user's units `not_found`.

A mediation case names private people: the list gives its title and result, never its content or outcome; the
detail (one case, opened on purpose) gives them, as the staff page does."""

import datetime as dt
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Query, Schema
from ninja import Status as HttpStatus
from ninja.pagination import paginate
from ninja.security import django_auth
from pydantic import Field

from gandan.accounts.rules import Perm
from gandan.errors import DomainError
from gandan.kit.params import ID_MAX, LIMIT_MAX
from gandan.kit.params import Pages as BoundedPages
from gandan.mobilization.api import router
from gandan.mobilization.models import Activity
from gandan.mobilization.selectors.activities import (
    ORDERS,
    ActivityFilter,
    activity_get_for_user,
    activity_list,
    activity_villages,
    team_for_user,
    villages_by_ids,
)
from gandan.mobilization.services.activities import (
    ATTENDEES_MAX,
    CONTENT_MAX,
    OUTCOME_MAX,
    PEOPLE_MAX,
    TITLE_MAX,
    VILLAGES_MAX,
    activity_record,
)


def _pattern(values, *, blank: bool = True) -> str:
    return "^(" + ("|" if blank else "") + "|".join(values) + ")$"


class Pages(BoundedPages):
    class Input(BoundedPages.Input):
        limit: int = Field(50, ge=1, le=LIMIT_MAX)  # a page, as the staff lists show


class PlaceOut(Schema):
    id: int
    name: str


class ActivityTeamOut(Schema):
    id: int
    name: str
    village: PlaceOut


class ActivityOut(Schema):
    id: int
    kind: str
    kind_label: str
    held_on: dt.date
    title: str
    commune: PlaceOut = Field(..., alias="unit")
    team: ActivityTeamOut | None
    attendees: int | None
    people_reached: int | None
    mediation_result: str
    content: str | None = Field(
        None, description="Left out of the list for a mediation case (it names people)"
    )
    outcome: str | None = Field(None, description="Left out of the list for a mediation case")

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_content(obj) -> str | None:
        return None if obj.kind == Activity.Kind.MEDIATION else obj.content

    @staticmethod
    def resolve_outcome(obj) -> str | None:
        return None if obj.kind == Activity.Kind.MEDIATION else obj.outcome


class ActivityDetailOut(ActivityOut):
    villages: list[PlaceOut]

    @staticmethod
    def resolve_content(obj) -> str | None:
        return obj.content

    @staticmethod
    def resolve_outcome(obj) -> str | None:
        return obj.outcome

    @staticmethod
    def resolve_villages(obj) -> list[dict]:
        return [{"id": v.pk, "name": v.name} for v in activity_villages(obj)]


class ActivityQuery(Schema):
    kind: str = Field("", pattern=_pattern(Activity.Kind.values))
    team_id: int | None = Field(None, ge=1, le=ID_MAX)
    village_id: int | None = Field(None, ge=1, le=ID_MAX)
    date_from: dt.date | None = Field(None, description="yyyy-mm-dd")
    date_to: dt.date | None = Field(None, description="yyyy-mm-dd")
    q: str = Field(
        "", max_length=100, description="Words of the title or content, with or without diacritics"
    )
    order: str = Field("-held_on", pattern=_pattern(ORDERS, blank=False))


class ActivityIn(Schema):
    kind: str = Field(..., pattern=_pattern(Activity.Kind.values, blank=False))
    held_on: dt.date = Field(..., description="yyyy-mm-dd; not in the future, not before 2000")
    title: str = Field(
        "", max_length=TITLE_MAX, description="Required for a campaign (its topic) and a mediation"
    )
    content: str = Field(
        "", max_length=CONTENT_MAX, description="Minutes, what was done, the case, or what is said"
    )
    team_id: int | None = Field(None, ge=1, le=ID_MAX)
    # Each id bounded like every id of the API: one past the database's integers was a 500.
    village_ids: list[Annotated[int, Field(ge=1, le=ID_MAX)]] = Field([], max_length=VILLAGES_MAX)
    people_reached: int | None = Field(None, ge=0, le=PEOPLE_MAX)
    attendees: int | None = Field(None, ge=0, le=ATTENDEES_MAX)
    outcome: str = Field("", max_length=OUTCOME_MAX)
    mediation_result: str = Field("", pattern=_pattern(Activity.MediationResult.values))


_API_NAMES = {"team": "team_id", "villages": "village_ids"}


def _need(request, perm: Perm) -> None:
    if not request.user.can(perm):
        raise PermissionDenied


def _team(request, team_id: int | None):
    if team_id is None:
        return None
    team = team_for_user(request.user, team_id)
    if team is None:
        raise DomainError(
            "activity_invalid", _("Choose a mobilisation team of your commune."), field="team_id"
        )
    return team


@router.get(
    "/activities",
    response=list[ActivityOut],
    auth=django_auth,
    summary="Mobilisation activities in my area (meetings, campaigns, mediation, what people are saying)",
)
@paginate(Pages)
def activities(request, filters: Query[ActivityQuery]):
    _need(request, Perm.MOBILIZATION_VIEW)
    village = None
    if filters.village_id is not None:
        found = villages_by_ids(request.user, [filters.village_id])
        if not found:
            raise DomainError("village_invalid", _("Choose a village of your area."), field="village_id")
        village = found[0]
    wanted = ActivityFilter(
        kind=filters.kind,
        team=_team(request, filters.team_id),
        village=village,
        date_from=filters.date_from,
        date_to=filters.date_to,
        q=filters.q,
        order=filters.order,
    )
    return activity_list(request.user, wanted)


@router.get(
    "/activities/{int:activity_id}", response=ActivityDetailOut, auth=django_auth, summary="One activity"
)
def activity(request, activity_id: int):
    _need(request, Perm.MOBILIZATION_VIEW)
    return activity_get_for_user(request.user, activity_id if 0 < activity_id <= ID_MAX else 0)


@router.post(
    "/activities",
    response={201: ActivityDetailOut},
    auth=django_auth,
    summary="Record an activity of my commune",
)
def activity_create(request, payload: ActivityIn):
    """What each kind needs: a meeting its team, minutes (`content`) and `attendees`; a campaign its topic
    (`title`), `village_ids` and `people_reached`; a mediation its team (or a village), a `title` without names,
    the case (`content`) and `mediation_result`; a note its team and what people are saying (`content`), which is
    also recorded on the opinion board. Every problem comes back at once under `activity_invalid`."""
    _need(request, Perm.MOBILIZATION_MANAGE)
    data = payload.dict()
    ids = sorted(set(data.pop("village_ids")))
    villages = villages_by_ids(request.user, ids)
    if len(villages) != len(ids):
        raise DomainError("activity_invalid", _("Choose villages of your commune."), field="village_ids")
    try:
        created = activity_record(
            commune=request.user.unit,
            team=_team(request, data.pop("team_id")),
            villages=villages,
            by=request.user,
            **data,
        )
    except DomainError as error:  # the service's names for the fields → this schema's
        if error.code != "activity_invalid":
            raise
        raise DomainError(
            error.code, errors={_API_NAMES.get(k, k): v for k, v in error.errors.items()}
        ) from None
    return HttpStatus(201, activity_get_for_user(request.user, created.pk))
