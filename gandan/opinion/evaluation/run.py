"""Running the evaluation through the CLI contract only (the same one an external evaluation on unseen data uses):
`opinion ingest FILE.jsonl`, then `opinion issues --json`, then the metrics of `metrics.py`.

    python -m gandan.opinion.evaluation.run [WORKDIR] [--generate]

Into the current database (Django set up). By default the committed corpus (data/) is used; `--generate` writes a
fresh one from the generator (the same, unless the generator changed since it was committed).
"""

import argparse
import io
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from gandan.opinion.evaluation import corpus
from gandan.opinion.evaluation.metrics import evaluate as score

DATA_DIR = Path(__file__).resolve().parent / "data"
QUALITY_KEYS = ("grouping_f1", "burst_precision", "burst_recall", "alert_delay_days")


class EvaluationError(Exception):
    """The evaluation could not run: the CLI is missing, failed, or printed something that is not the contract."""


def prepare(workdir: Path, *, generate: bool = False) -> tuple[Path, dict[str, Any]]:
    """The corpus in `workdir`: signals.jsonl (returned) and labels.json (loaded)."""
    workdir.mkdir(parents=True, exist_ok=True)
    if generate:
        signals, labels = corpus.generate()
        corpus.write(workdir, signals, labels)
    else:
        for name in ("signals.jsonl", "labels.json"):
            shutil.copyfile(DATA_DIR / name, workdir / name)
    labels = json.loads((workdir / "labels.json").read_text(encoding="utf-8"))
    return workdir / "signals.jsonl", labels


def cli(*args: str) -> str:
    """`gandan opinion …` in this process; its standard output."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("opinion", *args, stdout=out, stderr=err)
    except CommandError as exc:
        if "Unknown command" in str(exc):
            raise EvaluationError(
                "the `opinion` command (ingest, issues --json) is not installed yet"
            ) from exc
        raise EvaluationError(f"`opinion {' '.join(args)}` failed: {exc}\n{err.getvalue()[-2000:]}") from exc
    except SystemExit as exc:  # argparse refusing the arguments: the contract is not implemented as written
        raise EvaluationError(
            f"`opinion {' '.join(args)}` refused its arguments ({exc})\n{err.getvalue()}"
        ) from exc
    return out.getvalue()


def ingest(path: Path) -> float:
    """Ingest (and so process) a JSONL file; seconds taken."""
    started = time.perf_counter()
    cli("ingest", str(path))
    return time.perf_counter() - started


def issues() -> list[dict[str, Any]]:
    printed = cli("issues", "--json")
    try:
        data = json.loads(printed)
    except json.JSONDecodeError as exc:
        raise EvaluationError(f"`opinion issues --json` did not print JSON: {printed[:300]!r}") from exc
    if not isinstance(data, list) or not all(isinstance(i, dict) and "signals" in i for i in data):
        raise EvaluationError("`opinion issues --json` must print a list of issues, each with its `signals`")
    return data


def evaluate(workdir: Path, *, generate: bool = False) -> dict[str, Any]:
    """Corpus → ingest → issues --json → metrics. The four figures of the bench are at the top level."""
    path, labels = prepare(workdir, generate=generate)
    seconds = ingest(path)
    result = score(labels, issues())
    result["ingest_seconds"] = round(seconds, 2)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gandan.opinion.evaluation.run", description=__doc__)
    parser.add_argument("workdir", nargs="?", type=Path)
    parser.add_argument("--generate", action="store_true", help="a fresh corpus from the generator")
    args = parser.parse_args(argv)
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gandan.settings")
    django.setup()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="gandan-opinion-eval-"))
    try:
        result = evaluate(workdir, generate=args.generate)
    except EvaluationError as exc:
        print(f"evaluation: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
