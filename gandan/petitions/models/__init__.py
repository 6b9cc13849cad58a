"""The petitions' models, one file per concern: `petition` (the case, its petitioners and attachments), `identity`
(a protected denunciator's identity and the grants to open it), `clocks` (statutory clock rules, running clocks,
suspensions), `handling` (timeline, documents, tasks, dialogues, escalations) and `duplicates` (what the duplicate
check keeps). Everything is re-exported here: `from gandan.petitions.models import Petition` keeps working.

State changes happen only in services; the rules (transitions, which clock runs when) are in rules.py and the
deadline arithmetic in gandan.core.petition_clocks.
"""

from gandan.petitions.models.clocks import Clock, ClockRule, Suspension
from gandan.petitions.models.duplicates import DuplicateKey, RelatedCase, StoredFingerprint
from gandan.petitions.models.handling import Dialogue, Document, Escalation, Step, Task
from gandan.petitions.models.identity import IdentityGrant, ProtectedIdentity
from gandan.petitions.models.petition import (
    Attachment,
    Channel,
    Kind,
    Petition,
    PetitionCounter,
    Petitioner,
    Status,
)

__all__ = [
    "Attachment",
    "Channel",
    "Clock",
    "ClockRule",
    "Dialogue",
    "Document",
    "DuplicateKey",
    "Escalation",
    "IdentityGrant",
    "Kind",
    "Petition",
    "PetitionCounter",
    "Petitioner",
    "RelatedCase",
    "ProtectedIdentity",
    "Status",
    "Step",
    "StoredFingerprint",
    "Suspension",
    "Task",
]
