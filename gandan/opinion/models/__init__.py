"""Public opinion: every citizen text as a signal (signals.py); topics kept as data (topics.py); signals about the
same matter grouped into issues (issues.py); alerts raised when an issue or a topic rises (alerts.py); the engine's
running statistics (stats.py)."""

from gandan.opinion.models.alerts import Alert, AlertEvent, AlertLevel, AlertLink, AlertStatus
from gandan.opinion.models.issues import Issue, IssueStatus
from gandan.opinion.models.signals import Signal
from gandan.opinion.models.stats import EngineState, TermStat, TopicDay
from gandan.opinion.models.topics import Topic, TopicTerm

__all__ = [
    "Alert",
    "AlertEvent",
    "AlertLevel",
    "AlertLink",
    "AlertStatus",
    "EngineState",
    "Issue",
    "IssueStatus",
    "Signal",
    "TermStat",
    "Topic",
    "TopicDay",
    "TopicTerm",
]
