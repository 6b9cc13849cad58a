"""What each role may do (accounts/rules.py): pure tables, no database."""

import pytest

from gandan.accounts.rules import PERMISSIONS, Perm, Role, has_perm

Y, N = True, False

# One row per role; columns in the order of COLUMNS. Changing a grant means changing this table on purpose.
COLUMNS = (
    Perm.UNITS_VIEW,
    Perm.UNITS_EDIT,
    Perm.AUDIT_VIEW,
    Perm.CALENDAR_VIEW,
    Perm.CALENDAR_EDIT,
    Perm.USERS_MANAGE,
    Perm.DOSSIERS_VIEW,
    Perm.DOSSIERS_RECEIVE,
    Perm.DOSSIERS_PROCESS,
    Perm.DOSSIERS_APOLOGIZE,
    Perm.PROCEDURES_EDIT,
    Perm.PETITIONS_VIEW,
    Perm.PETITIONS_RECEIVE,
    Perm.PETITIONS_HANDLE,
    Perm.PETITIONS_ASSIGN,
    Perm.RECEPTION_MANAGE,
    Perm.CLOCK_RULES_EDIT,
    Perm.DOSSIERS_IDENTITY,
    Perm.OPINION_VIEW,
    Perm.OPINION_MANAGE,
    Perm.TOPICS_EDIT,
    Perm.MOBILIZATION_VIEW,
    Perm.MOBILIZATION_MANAGE,
    Perm.MODELS_RECOGNISE,
    Perm.REPORTS_APPROVE,
    Perm.DIALOGUES_VIEW,
    Perm.DIALOGUES_MANAGE,
    Perm.DEMOCRACY_VIEW,
    Perm.DEMOCRACY_MANAGE,
    Perm.DEMOCRACY_RECOGNISE,
    Perm.NEWS_WRITE,
    Perm.NEWS_PUBLISH,
    Perm.COMMENTS_MODERATE,
    Perm.NEWS_WORDS_EDIT,
    Perm.DASHBOARD_VIEW,
    Perm.OPERATIONS_VIEW,
    Perm.OPERATIONS_MANAGE,
    Perm.APIKEYS_MANAGE,
    Perm.EXPORTS_NATIONAL,
    Perm.FIELDREPORTS_VIEW,
    Perm.FIELDREPORTS_HANDLE,
    Perm.FIELDREPORTS_SETUP,
)
GRANTS = {
    #                          units       audit  calendar    users   dossiers                          procedures petitions                   reception clock          opinion       topics  mobilization               dialogues    democracy           news                  dashboard  operations  apikeys  exports  fieldreports
    #                          view edit   view   view edit   manage  view receive process apologize  edit       view recv handle assign manage    rules    id   opinion    topics  view manage recognise approve  view manage  view manage recognise  write publish mod words  view       view manage  manage   national  view handle setup
    Role.DESK_OFFICER:         (Y,   N,    N,     Y,   N,     N,      Y,   Y,      N,       Y,         N,        Y,   Y,   N,     N,     Y,        N,        Y, N, N, N, N, N, N, N, Y, N, Y, Y, N, Y, N, N, N, N, N, N, N, N, Y, Y, N),
    Role.CASE_HANDLER:         (Y,   N,    N,     Y,   N,     N,      Y,   N,      Y,       Y,         N,        Y,   N,   Y,     N,     N,        N,        Y, N, N, N, N, N, N, N, Y, N, Y, N, N, N, N, N, N, N, N, N, N, N, Y, Y, N),
    Role.UNIT_LEADER:          (Y,   Y,    Y,     Y,   N,     N,      Y,   Y,      Y,       Y,         Y,        Y,   Y,   Y,     Y,     Y,        N,        Y, Y, Y, N, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, N, Y, N, N, N, Y, Y, Y, Y),
    Role.PARTY_SECRETARY:      (Y,   N,    Y,     Y,   N,     N,      Y,   N,      N,       N,         N,        Y,   N,   N,     N,     Y,        N,        N, Y, Y, N, Y, Y, Y, Y, Y, Y, Y, N, N, Y, Y, Y, N, Y, N, N, N, N, Y, N, N),
    Role.MOBILIZATION_OFFICER: (Y,   N,    N,     Y,   N,     N,      N,   N,      N,       N,         N,        Y,   N,   N,     N,     N,        N,        N, Y, Y, N, Y, Y, N, N, Y, Y, Y, Y, N, Y, N, Y, N, Y, N, N, N, N, Y, N, N),
    Role.INSPECTOR:            (Y,   N,    Y,     Y,   N,     N,      Y,   N,      N,       N,         N,        Y,   Y,   Y,     N,     Y,        N,        N, Y, N, N, Y, N, N, N, Y, N, Y, N, N, N, N, N, N, Y, N, N, N, N, Y, N, N),
    Role.PROVINCE_SUPERVISOR:  (Y,   N,    Y,     Y,   Y,     N,      Y,   N,      N,       N,         Y,        Y,   N,   N,     N,     N,        Y,        N, Y, Y, Y, Y, N, Y, Y, Y, N, Y, N, N, N, N, N, Y, Y, Y, N, N, Y, Y, N, Y),
    Role.SYSTEM_ADMIN:         (Y,   Y,    Y,     Y,   Y,     Y,      Y,   N,      N,       N,         Y,        Y,   N,   N,     N,     N,        Y,        N, Y, N, Y, Y, N, N, N, Y, N, Y, N, N, Y, Y, N, Y, Y, Y, Y, Y, Y, Y, N, Y),
}  # fmt: skip

CASES = [
    pytest.param(role, perm, row[i], id=f"{role}-{'may' if row[i] else 'may_not'}-{perm}")
    for role, row in GRANTS.items()
    for i, perm in enumerate(COLUMNS)
]


def test_the_grant_table_covers_every_role_and_every_permission():
    assert set(GRANTS) == set(Role)
    assert set(COLUMNS) == set(Perm) == set(PERMISSIONS)


@pytest.mark.parametrize(("role", "perm", "allowed"), CASES)
def test_each_role_gets_exactly_its_grants(role, perm, allowed):
    assert has_perm({role}, perm) is allowed


@pytest.mark.parametrize(("role", "perm", "allowed"), CASES)
def test_permissions_can_be_named_by_their_string(role, perm, allowed):
    assert has_perm(frozenset({role}), str(perm)) is allowed


@pytest.mark.parametrize(
    ("roles", "perm", "allowed"),
    [
        pytest.param(
            {Role.DESK_OFFICER, Role.UNIT_LEADER}, Perm.UNITS_EDIT, True, id="any-role-granting-is-enough"
        ),
        pytest.param({Role.DESK_OFFICER, Role.INSPECTOR}, Perm.AUDIT_VIEW, True, id="inspector-adds-audit"),
        pytest.param({Role.DESK_OFFICER, Role.CASE_HANDLER}, Perm.UNITS_EDIT, False, id="no-role-granting"),
        pytest.param(set(), Perm.UNITS_VIEW, False, id="no-roles-see-nothing"),
        pytest.param(frozenset(), Perm.CALENDAR_VIEW, False, id="no-roles-no-calendar"),
    ],
)
def test_several_roles_grant_the_union_of_their_permissions(roles, perm, allowed):
    assert has_perm(roles, perm) is allowed


@pytest.mark.parametrize("perm", ["units.delete", "admin", "", "UNITS.VIEW", "units.view ", "*"])
def test_an_unknown_permission_is_refused_even_to_the_administrator(perm):
    assert has_perm(set(Role), perm) is False


def test_no_permission_reaches_users_management_except_the_administrator():
    assert {r for r in Role if has_perm({r}, Perm.USERS_MANAGE)} == {Role.SYSTEM_ADMIN}
