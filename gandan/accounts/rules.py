"""Who may do what: roles and the permissions each grants. Pure data, no Django.

A permission answers "may this role do this kind of thing"; *where* it may be done is always the user's unit
subtree (see accounts.scope.scope_path), so no permission here reaches outside the user's own units.
"""

from enum import StrEnum


class Role(StrEnum):
    DESK_OFFICER = "desk_officer"
    CASE_HANDLER = "case_handler"
    UNIT_LEADER = "unit_leader"
    PARTY_SECRETARY = "party_secretary"
    MOBILIZATION_OFFICER = "mobilization_officer"
    INSPECTOR = "inspector"
    PROVINCE_SUPERVISOR = "province_supervisor"
    SYSTEM_ADMIN = "system_admin"


class Perm(StrEnum):
    UNITS_VIEW = "units.view"
    UNITS_EDIT = "units.edit"
    AUDIT_VIEW = "audit.view"
    CALENDAR_VIEW = "calendar.view"
    CALENDAR_EDIT = "calendar.edit"
    USERS_MANAGE = "users.manage"
    DOSSIERS_VIEW = "dossiers.view"
    DOSSIERS_RECEIVE = "dossiers.receive"
    DOSSIERS_PROCESS = "dossiers.process"
    DOSSIERS_APOLOGIZE = "dossiers.apologize"
    PROCEDURES_EDIT = "procedures.edit"
    DOSSIERS_IDENTITY = "dossiers.identity"
    PETITIONS_VIEW = "petitions.view"
    PETITIONS_RECEIVE = "petitions.receive"
    PETITIONS_HANDLE = "petitions.handle"
    PETITIONS_ASSIGN = "petitions.assign"
    RECEPTION_MANAGE = "reception.manage"
    CLOCK_RULES_EDIT = "clock_rules.edit"
    OPINION_VIEW = "opinion.view"
    OPINION_MANAGE = "opinion.manage"
    TOPICS_EDIT = "topics.edit"
    MOBILIZATION_VIEW = "mobilization.view"
    MOBILIZATION_MANAGE = "mobilization.manage"
    MODELS_RECOGNISE = "models.recognise"
    REPORTS_APPROVE = "reports.approve"
    DIALOGUES_VIEW = "dialogues.view"
    DIALOGUES_MANAGE = "dialogues.manage"
    DEMOCRACY_VIEW = "democracy.view"
    DEMOCRACY_MANAGE = "democracy.manage"
    DEMOCRACY_RECOGNISE = "democracy.recognise"
    NEWS_WRITE = "news.write"
    NEWS_PUBLISH = "news.publish"
    COMMENTS_MODERATE = "news.moderate"
    NEWS_WORDS_EDIT = "news.words"
    DASHBOARD_VIEW = "dashboard.view"
    OPERATIONS_VIEW = "operations.view"
    OPERATIONS_MANAGE = "operations.manage"
    APIKEYS_MANAGE = "apikeys.manage"
    EXPORTS_NATIONAL = "exports.national"
    FIELDREPORTS_VIEW = "fieldreports.view"
    FIELDREPORTS_HANDLE = "fieldreports.handle"
    FIELDREPORTS_SETUP = "fieldreports.setup"


LEADERS = frozenset({Role.UNIT_LEADER, Role.PARTY_SECRETARY, Role.PROVINCE_SUPERVISOR, Role.SYSTEM_ADMIN})
ALL_ROLES = frozenset(Role)

PERMISSIONS: dict[Perm, frozenset[Role]] = {
    Perm.UNITS_VIEW: ALL_ROLES,
    # The unit tree is edited by the people accountable for it: the unit's leader and the administrator.
    Perm.UNITS_EDIT: frozenset({Role.UNIT_LEADER, Role.SYSTEM_ADMIN}),
    # The audit trail is for leaders and inspectors (it shows who read whose sensitive data).
    Perm.AUDIT_VIEW: LEADERS | {Role.INSPECTOR},
    Perm.CALENDAR_VIEW: ALL_ROLES,
    # The calendar is national: one wrong day off moves every deadline in the province, so only the province
    # supervisor and the administrator correct it.
    Perm.CALENDAR_EDIT: frozenset({Role.PROVINCE_SUPERVISOR, Role.SYSTEM_ADMIN}),
    Perm.USERS_MANAGE: frozenset({Role.SYSTEM_ADMIN}),
    # The one-stop desk: the desk officer receives and returns; handlers process; the leader may do both (in a
    # small commune the chairman often signs and hands over); inspectors and supervisors read.
    Perm.DOSSIERS_VIEW: frozenset(
        {
            Role.DESK_OFFICER,
            Role.CASE_HANDLER,
            Role.UNIT_LEADER,
            Role.PARTY_SECRETARY,
            Role.INSPECTOR,
            Role.PROVINCE_SUPERVISOR,
            Role.SYSTEM_ADMIN,
        }
    ),
    Perm.DOSSIERS_RECEIVE: frozenset({Role.DESK_OFFICER, Role.UNIT_LEADER}),
    Perm.DOSSIERS_PROCESS: frozenset({Role.CASE_HANDLER, Role.UNIT_LEADER}),
    # Form 04 (apology and new appointment for a late dossier): the handler who knows why it is late, the desk that
    # faces the citizen and tells them the new date, and the leader who signs it.
    Perm.DOSSIERS_APOLOGIZE: frozenset({Role.DESK_OFFICER, Role.CASE_HANDLER, Role.UNIT_LEADER}),
    Perm.PROCEDURES_EDIT: frozenset({Role.UNIT_LEADER, Role.PROVINCE_SUPERVISOR, Role.SYSTEM_ADMIN}),
    # The applicant's full citizen ID number, with a reason and an audit row: the desk that checks it against the
    # card, the leader, and a handler only on a dossier handed to him (dossiers.services.identity checks that).
    Perm.DOSSIERS_IDENTITY: frozenset({Role.DESK_OFFICER, Role.CASE_HANDLER, Role.UNIT_LEADER}),
    # Petitions: the desk and the inspector record them (the inspector is the usual verifier), handlers and
    # inspectors work them, the leader assigns and decides. The mobilisation officer reads (public opinion work).
    # Reading a protected denunciator's identity needs a per-case grant on top of any role (petitions.services).
    Perm.PETITIONS_VIEW: frozenset(
        {
            Role.DESK_OFFICER,
            Role.CASE_HANDLER,
            Role.UNIT_LEADER,
            Role.PARTY_SECRETARY,
            Role.MOBILIZATION_OFFICER,
            Role.INSPECTOR,
            Role.PROVINCE_SUPERVISOR,
            Role.SYSTEM_ADMIN,
        }
    ),
    Perm.PETITIONS_RECEIVE: frozenset({Role.DESK_OFFICER, Role.INSPECTOR, Role.UNIT_LEADER}),
    Perm.PETITIONS_HANDLE: frozenset({Role.CASE_HANDLER, Role.INSPECTOR, Role.UNIT_LEADER}),
    Perm.PETITIONS_ASSIGN: frozenset({Role.UNIT_LEADER}),
    # Reception days are the leaders' own (chairman, party secretary); the desk keeps the book.
    Perm.RECEPTION_MANAGE: frozenset(
        {Role.DESK_OFFICER, Role.INSPECTOR, Role.UNIT_LEADER, Role.PARTY_SECRETARY}
    ),
    # A statutory clock changes every deadline in the province: corrected by the supervisor or the administrator.
    Perm.CLOCK_RULES_EDIT: frozenset({Role.PROVINCE_SUPERVISOR, Role.SYSTEM_ADMIN}),
    # Public opinion is the leaders' and the mass-mobilisation officer's work; inspectors read it (complaints start
    # there). Signals are shown masked, so reading them reveals no one's identity.
    Perm.OPINION_VIEW: frozenset(
        {
            Role.UNIT_LEADER,
            Role.PARTY_SECRETARY,
            Role.MOBILIZATION_OFFICER,
            Role.INSPECTOR,
            Role.PROVINCE_SUPERVISOR,
            Role.SYSTEM_ADMIN,
        }
    ),
    # Correcting the grouping (merge, split, rename, dismiss, topic) and answering alerts (acknowledge, assign, close).
    Perm.OPINION_MANAGE: frozenset(
        {Role.UNIT_LEADER, Role.PARTY_SECRETARY, Role.MOBILIZATION_OFFICER, Role.PROVINCE_SUPERVISOR}
    ),
    # The topic list is the province's: one list for all its communes, so their issues compare.
    Perm.TOPICS_EDIT: frozenset({Role.PROVINCE_SUPERVISOR, Role.SYSTEM_ADMIN}),
    # The mobilisation network, the "dân vận khéo" models and the periodic report are the party committee's
    # mass-mobilisation work: the officer keeps them, the secretary and the chairman read and act, inspectors read.
    Perm.MOBILIZATION_VIEW: frozenset(
        {
            Role.UNIT_LEADER,
            Role.PARTY_SECRETARY,
            Role.MOBILIZATION_OFFICER,
            Role.INSPECTOR,
            Role.PROVINCE_SUPERVISOR,
            Role.SYSTEM_ADMIN,
        }
    ),
    Perm.MOBILIZATION_MANAGE: frozenset({Role.MOBILIZATION_OFFICER, Role.PARTY_SECRETARY, Role.UNIT_LEADER}),
    # A model is recognised, and a report approved, by the leadership that answers for it (DOMAIN.md §7.3): the
    # party secretary and the chairman, and at province level the supervisor. The officer who registers does not.
    Perm.MODELS_RECOGNISE: frozenset({Role.PARTY_SECRETARY, Role.UNIT_LEADER, Role.PROVINCE_SUPERVISOR}),
    Perm.REPORTS_APPROVE: frozenset({Role.PARTY_SECRETARY, Role.UNIT_LEADER, Role.PROVINCE_SUPERVISOR}),
    # Dialogues and grassroots democracy are public work: every officer of the commune reads them. A handler to whom
    # a question is assigned answers it (dialogues.services checks the assignment), whatever his role.
    Perm.DIALOGUES_VIEW: ALL_ROLES,
    # The chairman and the party secretary hold the dialogues (Art. 32, with the Front); the mass-mobilisation
    # officer organises them, groups the questions and follows the commitments.
    Perm.DIALOGUES_MANAGE: frozenset({Role.UNIT_LEADER, Role.PARTY_SECRETARY, Role.MOBILIZATION_OFFICER}),
    Perm.DEMOCRACY_VIEW: ALL_ROLES,
    # Disclosures, consultations, household registers and votes are kept by the commune office (the desk posts the
    # notices), the mass-mobilisation officer and the chairman.
    Perm.DEMOCRACY_MANAGE: frozenset({Role.DESK_OFFICER, Role.MOBILIZATION_OFFICER, Role.UNIT_LEADER}),
    # Recognising a community decision or a village covenant is the commune chairman's (Art. 21; Decree 61/2023).
    Perm.DEMOCRACY_RECOGNISE: frozenset({Role.UNIT_LEADER}),
    # The commune's news is written by its office and its mass-mobilisation officer and published by a leader who
    # answers for it (the chairman or the party secretary reviews what goes out in the commune's name).
    Perm.NEWS_WRITE: frozenset(
        {
            Role.DESK_OFFICER,
            Role.MOBILIZATION_OFFICER,
            Role.UNIT_LEADER,
            Role.PARTY_SECRETARY,
            Role.SYSTEM_ADMIN,
        }
    ),
    Perm.NEWS_PUBLISH: frozenset({Role.UNIT_LEADER, Role.PARTY_SECRETARY, Role.SYSTEM_ADMIN}),
    # Readers' opinions are public-opinion work: the mass-mobilisation officer moderates and replies, as do leaders.
    Perm.COMMENTS_MODERATE: frozenset({Role.MOBILIZATION_OFFICER, Role.UNIT_LEADER, Role.PARTY_SECRETARY}),
    # The list of forbidden words is the province's, one for all its communes.
    Perm.NEWS_WORDS_EDIT: frozenset({Role.PROVINCE_SUPERVISOR, Role.SYSTEM_ADMIN}),
    # The leaders' dashboard: leaders, inspectors and the mass-mobilisation officer, each over their own units.
    Perm.DASHBOARD_VIEW: frozenset(
        {
            Role.UNIT_LEADER,
            Role.PARTY_SECRETARY,
            Role.MOBILIZATION_OFFICER,
            Role.INSPECTOR,
            Role.PROVINCE_SUPERVISOR,
            Role.SYSTEM_ADMIN,
        }
    ),
    # The installation's health, schedule and backups: its administrator; the province's supervisor reads them.
    Perm.OPERATIONS_VIEW: frozenset({Role.SYSTEM_ADMIN, Role.PROVINCE_SUPERVISOR}),
    Perm.OPERATIONS_MANAGE: frozenset({Role.SYSTEM_ADMIN}),
    # Integrators' API keys read a unit's records without a person behind each request: the administrator alone.
    Perm.APIKEYS_MANAGE: frozenset({Role.SYSTEM_ADMIN}),
    # The exports in the national shapes (gandan.exports): whole registers of a unit's dossiers, petitions and
    # reception lines leave the system, so only those who answer for the unit's data: its chairman for his commune,
    # the province supervisor and the administrator (for the nightly job) over their subtree.
    Perm.EXPORTS_NATIONAL: frozenset({Role.UNIT_LEADER, Role.PROVINCE_SUPERVISOR, Role.SYSTEM_ADMIN}),
    # Field reports (gandan.fieldreports) are the commune's daily work in public: every officer reads the queue; the
    # desk, the handlers and the chairman act on them (the desk triages what arrives, a handler goes to the place).
    Perm.FIELDREPORTS_VIEW: ALL_ROLES,
    Perm.FIELDREPORTS_HANDLE: frozenset({Role.DESK_OFFICER, Role.CASE_HANDLER, Role.UNIT_LEADER}),
    # The categories, their questions and time limits, and the village points are the unit's rules, set by its
    # chairman (time limits are his decision), the province supervisor and the administrator.
    Perm.FIELDREPORTS_SETUP: frozenset({Role.UNIT_LEADER, Role.PROVINCE_SUPERVISOR, Role.SYSTEM_ADMIN}),
}


def has_perm(roles: frozenset[Role] | set[Role], perm: Perm | str) -> bool:
    """True when any of `roles` grants `perm`. Unknown permissions are refused, never granted by default."""
    try:
        allowed = PERMISSIONS[Perm(perm)]
    except ValueError:
        return False
    return bool(allowed & set(roles))
