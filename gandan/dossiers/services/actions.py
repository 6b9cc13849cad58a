"""One entry for the actions on a dossier, shared by the staff page and the API: which service each action calls,
with the fields its form or payload cleaned."""

from collections.abc import Callable
from typing import Any

from gandan.accounts.models import User
from gandan.dossiers import services
from gandan.dossiers.models import Dossier
from gandan.dossiers.rules import Action


def dossier_act(*, dossier: Dossier, action: Action, by: User, data: dict[str, Any]) -> Dossier:
    """Carry out one action of the dossier page or the API with its cleaned fields (the same call for both)."""
    call: Callable[[], Dossier] = {
        Action.ACCEPT: lambda: services.dossier_accept(dossier=dossier, by=by, papers=data.get("papers")),
        Action.REQUEST_SUPPLEMENT: lambda: services.dossier_request_supplement(
            dossier=dossier,
            by=by,
            items=(data.get("items") or "").splitlines(),
            reason=data["reason"],
            papers=data.get("papers"),
        ),
        Action.REFUSE: lambda: services.dossier_refuse(dossier=dossier, by=by, reason=data["reason"]),
        Action.TRANSFER: lambda: services.dossier_transfer(
            dossier=dossier,
            by=by,
            to_user=data["to_user"],
            step_days=data.get("step_days"),
            note=data.get("note", ""),
        ),
        Action.RECEIVE_SUPPLEMENT: lambda: services.dossier_receive_supplement(
            dossier=dossier, by=by, papers=data.get("papers")
        ),
        Action.REQUEST_PAYMENT: lambda: services.dossier_request_payment(
            dossier=dossier, by=by, amount=data["amount"], note=data.get("note", "")
        ),
        Action.RECORD_PAYMENT: lambda: services.dossier_record_payment(dossier=dossier, by=by),
        Action.WITHDRAW: lambda: services.dossier_withdraw(dossier=dossier, by=by, reason=data["reason"]),
        Action.STOP: lambda: services.dossier_stop(dossier=dossier, by=by, reason=data["reason"]),
        Action.COMPLETE: lambda: services.dossier_complete(
            dossier=dossier, by=by, result_note=data.get("result_note", "")
        ),
        Action.RETURN_RESULT: lambda: services.dossier_return(
            dossier=dossier,
            by=by,
            result_number=data.get("result_number", ""),
            method=data.get("method") or "in_person",
            receiver_is_applicant=data.get("receiver_is_applicant", True),
            receiver_name=data.get("receiver_name", ""),
            receiver_relationship=data.get("receiver_relationship", ""),
            fee_amount=data.get("fee_amount") or 0,
            receipt_number=data.get("receipt_number", ""),
            result_file=data.get("result_file"),
            note=data.get("note", ""),
        ),
        Action.APOLOGIZE: lambda: services.dossier_apologize(
            dossier=dossier, by=by, reason=data["reason"], new_appointment=data["new_appointment"]
        ),
    }[action]
    return call()
