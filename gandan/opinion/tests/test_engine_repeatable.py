"""The same signals give the same issues in every process: Python orders a set of strings differently from one
process to the next (hash randomisation), and the engine must not let that order decide anything."""

import json
import os
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "evaluation" / "data" / "signals.jsonl"

# Runs the pure engine over the labelled corpus and prints what an import would store: each signal's issue, and
# each issue's counted terms and its signs in their kept order (the terms decide ties later) and the score of its
# representative.
_SCRIPT = """
import datetime as dt, json, sys
from zoneinfo import ZoneInfo
from gandan.core.vnnlp import cues, terms
from gandan.core.vnnlp.pipeline import people_about
from gandan.opinion.engine import Engine, SignalIn
from gandan.opinion.engine.grouping import TermWeights
from gandan.opinion.engine.topics import TopicModel
from gandan.opinion.taxonomy import SEED

rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")][: int(sys.argv[2])]
rows.sort(key=lambda row: (row["at"], row["id"]))
weights = TermWeights({}, 0, common_share=0.2, min_df=2)
keywords = {code: [k for k in words.splitlines() if k] for code, _n, _e, words in SEED}
engine = Engine(weights=weights, topics=TopicModel(keywords, {}, terms_of=terms, fallback="other"))
found = [(row, frozenset(terms(row["text"]))) for row in rows]
for _row, row_terms in found:
    weights.add(set(row_terms))
issue_of = {}
for key, (row, row_terms) in enumerate(found, 1):
    at = dt.datetime.fromisoformat(row["at"])
    outcome = engine.process(SignalIn(
        key=key, terms=row_terms, commune=row["place"].rpartition("xã ")[2], place=row["place"],
        commune_place="xã " + row["place"].rpartition("xã ")[2],
        at=at, day=at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).date(),
        cues=cues(row["text"]), about=people_about(row["text"]),
    ))
    issue_of[row["id"]] = outcome.issue
issues = {id(i.resolved()): i.resolved() for i in issue_of.values()}
print(json.dumps({
    "signals": {sid: issue.resolved().key for sid, issue in issue_of.items()},
    "issues": sorted(
        [issue.key, list(issue.term_counts.items()), list(issue.cue_days), repr(issue.best_score), issue.topic]
        for issue in issues.values()
    ),
}))
"""


def _run(seed: str, count: int) -> dict:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(CORPUS), str(count)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[3],  # the repository, where `gandan` is imported from
    )
    return json.loads(done.stdout)


def test_the_same_signals_give_the_same_issues_in_every_process():
    first, second = _run("1", 800), _run("2", 800)
    assert first["signals"] == second["signals"]
    assert first["issues"] == second["issues"]
    assert len(set(first["signals"].values())) > 50  # many issues: the comparison means something
