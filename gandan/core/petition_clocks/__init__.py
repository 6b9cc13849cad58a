"""Statutory clocks of petitions: complaints, denunciations, recommendations, reflections and reception.

Every time limit is kept as a versioned rule (``ClockRule``) with its legal basis and the dates it is in force,
because the law changes under running cases: Law 136/2025/QH15 and Decrees 154/155/156/2026 change several
clocks from 01/07/2026 (DOMAIN.md, Design implication 1). A case keeps the version that applied when it was
received, and an official can correct an unconfirmed ("[U]") value by adding a new version instead of waiting
for a code change. ``DEFAULT_RULES`` is only the seed of that table.

Counting conventions, shared by every clock in this module:

* The clock starts the day after its trigger (receipt, acceptance, decision), for both units, as in Civil Code
  Art. 147 and in the one-stop-shop practice of ``workdays.add_working_days``.
* Working-day limits count only days the office is open (``WorkCalendar``).
* Calendar-day limits (the Laws say plain "ngày") end on ``trigger + N``; if that day is a weekend or holiday
  the period runs to the end of the next working day (Civil Code Art. 148), so nobody loses a right, and no
  official is blamed, because the office was closed.
* A deadline therefore always falls on a working day.

Suspensions (tạm đình chỉ) follow one of two regimes, stored per rule version:

* ``PAUSE``: the suspended time is not counted; when the case resumes, only the time that was left runs on.
* ``RESTART``: from 01/07/2026 a resumed complaint gets its full time limit again, counted from the resume
  decision (Law 136/2025 new Art. 11a; Decree 155/2026 Art. 28a-28b, Form 14b).

Like the rest of ``gandan.core`` this module is pure: no Django, no clock, no database. "Today" and the
calendar are always arguments.
"""

from gandan.core.petition_clocks.arithmetic import (
    Suspension,
    deadline,
    denunciation_deadline,
    extend,
    rule_deadline,
)
from gandan.core.petition_clocks.rules import (
    COMPLEXITY_CRITERIA,
    LAW_136_IN_FORCE,
    ClockRule,
    DayUnit,
    RuleIssue,
    RuleIssueKind,
    SuspensionMode,
    complaint_resolution_key,
    complaint_second_window_key,
    denunciation_extensions_allowed,
    rule_in_force,
    rule_keys,
    validate_rules,
)
from gandan.core.petition_clocks.table import DEFAULT_RULES

__all__ = [
    "COMPLEXITY_CRITERIA",
    "DEFAULT_RULES",
    "LAW_136_IN_FORCE",
    "ClockRule",
    "DayUnit",
    "RuleIssue",
    "RuleIssueKind",
    "Suspension",
    "SuspensionMode",
    "complaint_resolution_key",
    "complaint_second_window_key",
    "deadline",
    "denunciation_deadline",
    "denunciation_extensions_allowed",
    "extend",
    "rule_deadline",
    "rule_in_force",
    "rule_keys",
    "validate_rules",
]
