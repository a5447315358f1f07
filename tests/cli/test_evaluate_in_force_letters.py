"""``hazedesk evaluate --in-force`` also takes issued proposal letters, applied in order like the GUI does."""

from __future__ import annotations

import json

from app.cli import main
from app.paths import DEFAULT_SAMPLE


def _run(capsys, *args) -> tuple[int, object]:
    code = main([str(a) for a in args])
    return code, capsys.readouterr()


def test_a_letter_puts_its_warnings_in_force_and_json_adds_to_them(capsys, tmp_path):
    letter = tmp_path / "letter.pdf"
    code, out = _run(capsys, "proposal", DEFAULT_SAMPLE, "--episode", "all", "--docx", tmp_path / "l.docx",
                     "--pdf", letter)
    assert code == 0, out.err
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps({"region": "盆地东北部地区", "level": "yellow", "start": "2026-01-10T00:00"}),
                     encoding="utf-8")
    code, out = _run(capsys, "evaluate", DEFAULT_SAMPLE, "--in-force", letter, "--in-force", extra)
    assert code == 0, out.err
    data = json.loads(out.out)
    by_region = {r["region"]: r for r in data["recommendations"]}
    letter_regions = {e["region"] for e in data["episodes"]}
    assert set(by_region) == letter_regions | {"盆地东北部地区"}
    # the letter proposed exactly the forecast's episodes: nothing to change for them
    assert all(by_region[r]["action"] in ("keep", "extend") for r in letter_regions), by_region


def test_a_file_that_is_no_letter_is_bad_input(capsys, tmp_path):
    fake = tmp_path / "notes.docx"
    fake.write_bytes(b"not a zip")
    code, out = _run(capsys, "evaluate", DEFAULT_SAMPLE, "--in-force", fake)
    assert code == 2 and "notes.docx" in out.err and "Traceback" not in out.err
