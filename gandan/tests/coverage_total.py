"""`make test`'s last line: the share of the application's lines the suite ran, against the floor in pyproject.toml,
read from SlipCover's JSON report (var/coverage.json), with the files that miss the most lines when below it.

    python -m gandan.tests.coverage_total var/coverage.json"""

import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def floor() -> float:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return float(tomllib.load(handle)["tool"]["gandan"]["coverage"]["floor"])


def main(path: str) -> int:
    try:
        report = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"coverage: no report to read ({error})")
        return 1
    total, least = report["summary"]["percent_covered"], floor()
    print(f"Coverage: {total:.2f} % of the application's lines (floor {least:g} %); per file in {path}")
    if total >= least:
        return 0
    missing = sorted(
        ((len(data["missing_lines"]), name) for name, data in report["files"].items()), reverse=True
    )[:10]
    print("Below the floor. The files that miss the most lines:")
    for count, name in missing:
        print(f"  {count:5d}  {name}")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "var/coverage.json"))
