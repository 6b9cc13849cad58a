"""The words of the household votes, shared by the services' refusals, the pages, the community decision (PDF) and
the API: the forms' names, the matters (the law's own Vietnamese wording, as data in gandan.core.democracy.votes), and
the sentence that says why a vote passed or failed — counted against every household of the village."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from gandan.core.democracy.vote_procedure import FormProblem
from gandan.core.democracy.votes import RULES, Form, Threshold, VoteRule, rule_for
from gandan.units.models import UnitKind

FORM_LABELS = {
    Form.MEETING: gettext_lazy("Meeting of household representatives"),
    Form.BALLOT: gettext_lazy("Household ballot"),
    Form.ONLINE: gettext_lazy("Online vote"),
}
CHOICE_LABELS = {
    "yes": gettext_lazy("Agree"),
    "no": gettext_lazy("Disagree"),
    "blank": gettext_lazy("No opinion"),
}


def form_label(form: str) -> str:
    try:
        return str(FORM_LABELS[Form(form)])
    except ValueError:
        return form


def matter_label(matter: int) -> str:
    """The matter as the law names it (Art. 15), in its current version."""
    for rule in reversed(RULES):
        if rule.matter == matter:
            return rule.label
    return str(matter)


def matter_choices() -> list[tuple[int, str]]:
    seen: dict[int, str] = {}
    for rule in RULES:
        seen.setdefault(int(rule.matter), f"{int(rule.matter)}. {rule.label}")
    return sorted(seen.items())


def threshold_text(threshold: str) -> str:
    """ "2/3" or "more than half" (of all households), for the middle of a sentence."""
    return "2/3" if Threshold(threshold) is Threshold.TWO_THIRDS else _("more than half")


def place_word(village) -> str:
    """ "village" or "residential group", for the middle of a sentence ("of the village")."""
    if village.kind == UnitKind.RESIDENTIAL_GROUP:
        return pgettext("of all households of the", "residential group")
    return pgettext("of all households of the", "village")


def form_problem_message(problem: FormProblem, rule: VoteRule, *, households: int, opted_in: int) -> str:
    if problem is FormProblem.NOT_FOR_MATTER:
        return _(
            "An online vote is only for other self-governing matters (Art. 15 item 6 of Law 10/2022; Art. 5 of "
            "Decree 59/2023). Choose a meeting or a household ballot."
        )
    if problem is FormProblem.OPTIN_SHORT:
        return _(
            "An online vote needs more than half of all households to have agreed to vote online: %(opted)s of "
            "%(households)s have (%(needed)s needed). Record their agreement in the register first, or choose a "
            "meeting or a household ballot."
        ) % {"opted": opted_in, "households": households, "needed": households // 2 + 1}
    return _(
        "This matter is decided at a meeting of household representatives; a household ballot is allowed only "
        "after a meeting on it did not gather more than half of the households (Art. 19 of Law 10/2022)."
    )


def _took_part(form: str) -> str:
    """Who took part, as the result sentence names them."""
    if form == Form.MEETING:
        return _("households at the meeting")
    if form == Form.ONLINE:
        return _("households that voted online")
    return _("households that returned their slip")


def result_text(
    *, form: str, threshold: str, households: int, present: int, yes: int, needed: int, village
) -> str:
    """Why the vote passed or failed, against every household of the village: e.g. "78/85 households at the meeting
    agreed, but that is not 2/3 of all households of the village (80/120 needed)"."""
    values = {
        "yes": yes,
        "present": present,
        "took_part": _took_part(form),
        "share": threshold_text(threshold),
        "place": place_word(village),
        "needed": needed,
        "households": households,
    }
    if yes >= needed:
        return (
            _(
                "Passed: %(yes)s/%(present)s %(took_part)s agreed, which reaches %(share)s of all households of "
                "the %(place)s (%(needed)s/%(households)s needed)."
            )
            % values
        )
    if present and 2 * yes > present:
        return (
            _(
                "Not passed: %(yes)s/%(present)s %(took_part)s agreed, but that is not %(share)s of all households "
                "of the %(place)s (%(needed)s/%(households)s needed)."
            )
            % values
        )
    return (
        _(
            "Not passed: only %(yes)s/%(present)s %(took_part)s agreed; %(share)s of all households of the "
            "%(place)s is %(needed)s/%(households)s."
        )
        % values
    )


def quorum_text(*, households: int, present: int, village) -> str:
    """A meeting-first matter whose meeting did not gather more than half of the households."""
    return _(
        "The meeting gathered %(present)s of %(households)s households, not more than half: the %(place)s may "
        "now decide by household ballot (Art. 19 of Law 10/2022)."
    ) % {"present": present, "households": households, "place": place_word(village)}


COUNTED = ("counted", "sent", "recognised", "refused")


def vote_result(vote) -> str:
    """Why a counted vote passed or failed, in the reader's language (empty before the count)."""
    if vote.status not in COUNTED or vote.households is None:
        return ""
    rule = rule_for(vote.matter, timezone.localtime(vote.opens_at).date())
    return result_text(
        form=vote.form,
        threshold=rule.threshold,
        households=vote.households,
        present=vote.present or 0,
        yes=vote.yes or 0,
        needed=vote.needed or 0,
        village=vote.village,
    )
