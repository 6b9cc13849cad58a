"""Every change of a petition's state, one function per action, each in one transaction with its audit event.
Views, the API and commands call these; nothing else writes."""

from gandan.petitions.services.clocks import clock_rule_correct, clock_rules_seed
from gandan.petitions.services.handling import (
    petition_accept,
    petition_extend_classify,
    petition_file,
    petition_forward,
    petition_guide,
    petition_merge,
    petition_not_accept,
)
from gandan.petitions.services.identity import identity_grant, identity_open, identity_revoke, identity_waive
from gandan.petitions.services.intake import petition_receive
from gandan.petitions.services.lookup import petition_lookup_locked, petition_lookup_unlock
from gandan.petitions.services.redaction import may_redact, petition_redact
from gandan.petitions.services.relations import petition_relate
from gandan.petitions.services.resolution import (
    petition_add_task,
    petition_assign,
    petition_decide,
    petition_dialogue,
    petition_escalate_overdue,
    petition_extend,
    petition_resume,
    petition_suspend,
    petition_task_done,
    petition_terminate,
    petition_transfer,
    petition_withdraw,
)

__all__ = [
    "clock_rule_correct",
    "clock_rules_seed",
    "identity_grant",
    "identity_open",
    "identity_revoke",
    "identity_waive",
    "may_redact",
    "petition_accept",
    "petition_add_task",
    "petition_assign",
    "petition_decide",
    "petition_dialogue",
    "petition_escalate_overdue",
    "petition_extend",
    "petition_extend_classify",
    "petition_file",
    "petition_forward",
    "petition_guide",
    "petition_lookup_locked",
    "petition_lookup_unlock",
    "petition_merge",
    "petition_not_accept",
    "petition_receive",
    "petition_relate",
    "petition_redact",
    "petition_resume",
    "petition_suspend",
    "petition_task_done",
    "petition_terminate",
    "petition_transfer",
    "petition_withdraw",
]
