"""``hazedesk proposal … --observed OBS``: the observations are spliced before the forecast (spec §7), their
findings go into the letter's record, and by default only the episodes that need a start letter are proposed —
not one the observed days saw end."""

from __future__ import annotations

import subprocess

from app import cli
from app.export.inputs import load_and_evaluate
from app.paths import DEFAULT_SAMPLE, SAMPLES_DIR

STATIONS = SAMPLES_DIR / "stations-regional-orange"


def test_inputs_carry_the_spliced_observations():
    inputs = load_and_evaluate(str(DEFAULT_SAMPLE), observed_files=[str(STATIONS)])
    assert inputs.observed is not None and inputs.evaluation.observed_hours == 96
    observed_only = [e for e in inputs.evaluation.episodes if e.end < inputs.evaluation.forecast_start]
    assert observed_only  # the stations show a yellow over 盆地中部/南部 on 01-07…01-09
    assert {w.episode_index for w in inputs.evaluation.new_warnings}.isdisjoint(
        {inputs.evaluation.episodes.index(e) for e in observed_only})


def test_the_default_letter_proposes_the_new_warnings_only(tmp_path, capsys):
    pdf = tmp_path / "letter.pdf"
    code = cli.main(["proposal", str(DEFAULT_SAMPLE), "--observed", str(STATIONS), "--pdf", str(pdf)])
    err = capsys.readouterr().err
    assert code == 0, err
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "1月12日00时至1月15日24时" in text and "黄色预警" not in text and "1月7日" not in text
    assert "data-quality finding" in err or "数据质量" in err  # the observations' findings, recorded


def test_a_bad_observed_file_exits_2_naming_it(tmp_path, capsys):
    bad = tmp_path / "obs.csv"
    bad.write_text("time,city,pm25\n2026-01-09 00:00,成都市,abc\n", encoding="utf-8")
    code = cli.main(["proposal", str(DEFAULT_SAMPLE), "--observed", str(bad), "--pdf", str(tmp_path / "x.pdf")])
    err = capsys.readouterr().err
    assert code == 2 and "obs.csv" in err and "row 2" in err
    assert not (tmp_path / "x.pdf").exists()
