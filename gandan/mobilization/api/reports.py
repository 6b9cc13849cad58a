"""The periodic reports in the API (/api/v1/mobilization/reports…): the list, one report with its figures as JSON
(sections of figures, each with the address of the staff list behind it; a province's figures with their commune
breakdown), and starting a report. Scoped like the pages: an officer sees and reports for their own units only."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Query, Schema
from ninja import Status as HttpStatus
from ninja.pagination import paginate
from ninja.security import django_auth
from pydantic import Field

from gandan.accounts.rules import Perm
from gandan.kit.params import LIMIT_MAX
from gandan.kit.params import Pages as BoundedPages
from gandan.mobilization.api import router
from gandan.mobilization.selectors.reports import (
    PERIOD_KINDS,
    report_get_for_user,
    report_list,
    report_units_for_user,
)
from gandan.mobilization.services import reports as services


class Pages(BoundedPages):
    class Input(BoundedPages.Input):
        limit: int = Field(50, ge=1, le=LIMIT_MAX)


class ReportOut(Schema):
    id: int
    unit: str = Field(..., alias="unit.code")
    unit_name: str = Field(..., alias="unit.name")
    title: str
    period_kind: str
    period_number: int
    period_start: dt.date
    period_end: dt.date
    state: str
    number: str
    computed_at: dt.datetime | None
    approved_at: dt.datetime | None

    @staticmethod
    def resolve_title(obj) -> str:
        return services.report_title(obj)


class ReportDetailOut(ReportOut):
    figures: list[dict[str, Any]]
    narrative: dict[str, str]


class ReportFilter(Schema):
    period_kind: str = Field("", pattern="^(|" + "|".join(PERIOD_KINDS) + ")$")
    state: str = Field("", pattern="^(|draft|submitted|approved)$")
    year: int | None = Field(None, ge=2000, le=2100)
    q: str = Field("", max_length=100)


class ReportIn(Schema):
    unit_id: int | None = Field(None, description="The commune or province; empty: my own unit")
    period_kind: str = Field(..., pattern="^(" + "|".join(PERIOD_KINDS) + ")$")
    year: int | None = Field(None, description="For a month, a quarter, 6 or 9 months, a year")
    number: int | None = Field(None, description="The month (1–12) or the quarter (1–4)")
    start: dt.date | None = Field(None, description="Ad hoc period: first day")
    end: dt.date | None = Field(None, description="Ad hoc period: last day")
    report_number: str = Field("", max_length=50)


def _need(request, perm: str) -> None:
    if not request.user.can(perm):
        raise PermissionDenied


@router.get(
    "/reports", response=list[ReportOut], auth=django_auth, summary="Mass mobilisation reports of my area"
)
@paginate(Pages)
def reports(request, filters: Query[ReportFilter]):
    _need(request, Perm.MOBILIZATION_VIEW)
    return report_list(
        request.user,
        query=filters.q,
        period_kind=filters.period_kind,
        state=filters.state,
        year=filters.year,
    )


@router.get(
    "/reports/{report_id}",
    response=ReportDetailOut,
    auth=django_auth,
    summary="One report with its figures (sections of figures, each with the staff list behind it)",
)
def report(request, report_id: int):
    _need(request, Perm.MOBILIZATION_VIEW)
    return report_get_for_user(request.user, report_id)


@router.post(
    "/reports",
    response={201: ReportDetailOut},
    auth=django_auth,
    summary="Start a report: its figures are computed at once (409 if the unit has one for the period)",
)
def report_start(request, payload: ReportIn):
    _need(request, Perm.MOBILIZATION_MANAGE)
    units = report_units_for_user(request.user)
    unit = units.filter(pk=payload.unit_id).first() if payload.unit_id else request.user.unit
    created = services.report_create(
        unit=unit,
        period_kind=payload.period_kind,
        year=payload.year,
        number=payload.number,
        start=payload.start,
        end=payload.end,
        report_number=payload.report_number,
        by=request.user,
    )
    return HttpStatus(201, created)
