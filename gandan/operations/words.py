"""A schedule said in words ("Daily at 02:00" → "Hằng ngày lúc 02:00") for its common shapes (gandan.core.cron),
the cron text itself otherwise; and a refused expression's problem, translated by its code."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gandan.core.cron import CronProblem, cron_clean, cron_shape


def _weekday_name(weekday: int) -> str:
    names = [
        _("Sunday"),
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
    ]
    return names[weekday % 7]


def schedule_words(expr: str) -> str:
    shape = cron_shape(expr)
    if shape is None:
        return cron_clean(expr)
    at = f"{shape.hour:02d}:{shape.minute:02d}"
    if shape.kind == "every_minutes":
        if shape.every == 1:
            return _("Every minute")
        return ngettext("Every %(n)d minute", "Every %(n)d minutes", shape.every) % {"n": shape.every}
    if shape.kind == "hourly":
        return _("Every hour at minute %(minute)02d") % {"minute": shape.minute}
    if shape.kind == "every_hours":
        return ngettext(
            "Every %(n)d hour, at minute %(minute)02d",
            "Every %(n)d hours, at minute %(minute)02d",
            shape.every,
        ) % {"n": shape.every, "minute": shape.minute}
    if shape.kind == "daily":
        return _("Daily at %(time)s") % {"time": at}
    if shape.kind == "weekly":
        return _("Every %(weekday)s at %(time)s") % {"weekday": _weekday_name(shape.weekday), "time": at}
    return _("Monthly on day %(day)d at %(time)s") % {"day": shape.day, "time": at}


def problem_words(problem: CronProblem) -> str:
    """What is wrong with a refused cron expression, and what to write instead."""
    messages = {
        "empty": _("Enter a schedule, for example 0 2 * * * (every day at 02:00)."),
        "fields": _(
            "A schedule has exactly five fields separated by spaces: minute, hour, day of month, month, day of "
            "week (for example 0 2 * * *)."
        ),
        "minute": _(
            "The minute (first field) is wrong: use 0–59, a list (0,30), a range (0-15) or a step (*/5)."
        ),
        "hour": _("The hour (second field) is wrong: use 0–23, a list, a range or a step (*/6)."),
        "day": _(
            "The day of the month (third field) is wrong: use 1–31, and a day that exists in the months given."
        ),
        "month": _("The month (fourth field) is wrong: use 1–12 or JAN–DEC."),
        "weekday": _("The day of the week (fifth field) is wrong: use 0–7 (0 and 7 are Sunday) or SUN–SAT."),
        "never": _("No date ever matches this schedule: check the day and the month."),
    }
    return messages.get(problem.code, problem.detail)
