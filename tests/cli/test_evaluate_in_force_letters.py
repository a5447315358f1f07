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
    extra.write_text(json.dumps({"region": "盆地东北部地区", "level": "yellow", "start": "2026-01-09T00:00"}),
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


def test_a_combined_follow_up_file_is_read_back_letter_by_letter(capsys, tmp_path):
    """``proposal --in-force`` without --split writes the lift and the upgrade into one file; that file, given to
    ``evaluate --in-force`` on top of the warnings it answered, leaves only the upgraded warning."""
    in_force = tmp_path / "in-force.json"
    in_force.write_text(json.dumps([{"region": "盆地东北部地区", "level": "yellow", "start": "2026-01-09T00:00"},
                                    {"region": "盆地中部地区", "level": "yellow", "start": "2026-01-09T00:00",
                                     "end": "2026-01-11T00:00"},
                                    {"region": "盆地南部地区", "level": "orange", "start": "2026-01-12T00:00"},
                                    {"region": "成都平原地区", "level": "orange", "start": "2026-01-13T00:00"}],
                                   ensure_ascii=False), encoding="utf-8")
    for suffix in ("docx", "pdf"):
        combined = tmp_path / f"follow.{suffix}"
        code, out = _run(capsys, "proposal", DEFAULT_SAMPLE, "--in-force", in_force, f"--{suffix}", combined,
                         "--date", "2026-01-09")
        assert code == 0, out.err
        code, out = _run(capsys, "evaluate", DEFAULT_SAMPLE, "--in-force", in_force, "--in-force", combined)
        assert code == 0, out.err
        by_region = {r["region"]: r for r in json.loads(out.out)["recommendations"]}
        # lifted by the first letter: listed until the next forecast drops it (spec §7), which it now does
        assert by_region["盆地东北部地区"]["action"] == "ended"
        assert by_region["盆地中部地区"]["in_force_level"] == "orange", by_region  # upgraded by the second
        assert by_region["盆地中部地区"]["action"] == "keep"  # a letter is never sent twice
