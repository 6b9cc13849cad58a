"""The opinion engine: pure Python, no Django. It takes signals one at a time in time order and decides, for each,
which issue it belongs to (or that it opens a new one), which topic it is about, and whether the issue (or the topic
in that commune) has just risen enough to raise an alert. The services (opinion/services/processing.py) load the
state it needs from the database and write back what it changed; the engine never reads the database itself.

* grouping.py — term weights, the inverted index of active issues, the similarity of a signal to an issue;
* topics.py — the topic of a signal from the province's keywords and the terms officials' corrections taught;
* bursts.py — the burst model (recent volume against the issue's or the theme's own baseline) and the signs;
* state.py — the in-memory state of an issue and the parameters;
* engine.py — the loop: one signal in, its issue, topic and alert decisions out.
"""

from gandan.opinion.engine.engine import Engine, Outcome, SignalIn
from gandan.opinion.engine.state import IssueState, Params

__all__ = ["Engine", "IssueState", "Outcome", "Params", "SignalIn"]
