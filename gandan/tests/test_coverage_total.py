"""`make test` fails below the coverage floor: gandan/tests/coverage_total.py reads SlipCover's report."""

import json

from gandan.tests import coverage_total


def _report(tmp_path, percent: float):
    path = tmp_path / "coverage.json"
    files = {"gandan/a.py": {"missing_lines": [1, 2, 3]}, "gandan/b.py": {"missing_lines": []}}
    path.write_text(json.dumps({"summary": {"percent_covered": percent}, "files": files}), encoding="utf-8")
    return str(path)


def test_below_the_floor_fails_and_names_the_files_missing_most(tmp_path, capsys):
    assert coverage_total.main(_report(tmp_path, coverage_total.floor() - 0.01)) == 2
    out = capsys.readouterr().out
    assert "Below the floor" in out
    assert "gandan/a.py" in out


def test_at_the_floor_passes_and_a_missing_report_fails(tmp_path):
    assert coverage_total.main(_report(tmp_path, coverage_total.floor())) == 0
    assert coverage_total.main(str(tmp_path / "none.json")) == 1
