"""Every change of a dossier's state. One function per action, each in one transaction, each writing its timeline
step and audit event and queueing its notification after commit."""

from gandan.dossiers.services.intake import (
    dossier_accept,
    dossier_intake,
    dossier_refuse,
    dossier_submit,
)
from gandan.dossiers.services.lookup import (
    dossier_lookup_locked,
    dossier_lookup_unlock,
    dossier_public_lookup,
    dossier_public_view,
)
from gandan.dossiers.services.processing import (
    dossier_receive_supplement,
    dossier_record_payment,
    dossier_request_payment,
    dossier_request_supplement,
    dossier_stop,
    dossier_transfer,
    dossier_withdraw,
)
from gandan.dossiers.services.returning import (
    dossier_apologize,
    dossier_complete,
    dossier_rate,
    dossier_return,
)

__all__ = [
    "dossier_accept",
    "dossier_apologize",
    "dossier_complete",
    "dossier_intake",
    "dossier_lookup_locked",
    "dossier_lookup_unlock",
    "dossier_public_lookup",
    "dossier_public_view",
    "dossier_rate",
    "dossier_receive_supplement",
    "dossier_record_payment",
    "dossier_refuse",
    "dossier_request_payment",
    "dossier_request_supplement",
    "dossier_return",
    "dossier_stop",
    "dossier_submit",
    "dossier_transfer",
    "dossier_withdraw",
]
