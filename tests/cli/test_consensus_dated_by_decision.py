"""A 会商结论 is dated by the consultation's decision (issue 28; issue 24 item 4): its D+0 is the decision's
day, lead times run from the decision, and the letter says "据…10时30分会商研判" — a consultation does not
发布 a forecast. Also: a 成文日期 before the forecast it cites was issued is warned about."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from app import cli
from app.paths import SAMPLES_DIR

FILES = ["sample-red-plain-south.csv", "consult-wrfchem-wrfout_d01.nc", "consult-cmaq-CCTM_CONC_CN36.nc",
         "consult-sichuan-daily-range.csv", "consult-chongqing.csv"]
NAMES = "区域中心,WRF-Chem,CMAQ,四川省站,重庆市站"


@pytest.fixture(scope="module")
def record(tmp_path_factory):
    out = tmp_path_factory.mktemp("consult") / "record.json"
    # the CMAQ run is stamped 12-20 10:30; the consultation decided on 12-19 at 10:30
    assert cli.main(["consult", *(str(SAMPLES_DIR / f) for f in FILES), "--names", NAMES,
                     "--decided-at", "2026-12-19T10:30", "--json", str(out)]) == 0
    return out


def test_consensus_lead_times_run_from_the_decision(record):
    data = json.loads(record.read_text(encoding="utf-8"))
    assert data["consensus"]["issued_at"].startswith("2026-12-19T10:30")
    episodes = data["consensus"]["episodes"]
    assert episodes and all(e["start"].startswith("2026-12-21T00:00") for e in episodes)
    assert {e["lead_time_hours"] for e in episodes} == {37.5}  # not 13.5 h from the CMAQ run


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler not installed")
def test_letter_from_the_consensus_says_when_it_was_decided(record, tmp_path, capsys):
    pdf = tmp_path / "letter.pdf"
    assert cli.main(["proposal", str(SAMPLES_DIR / FILES[0]), "--consultation", str(record), "--date",
                     "2026-12-19", "--doc-number", "川渝联防办〔2026〕7号", "--pdf", str(pdf)]) == 0, \
        capsys.readouterr().err
    text = "".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    assert "据2026年12月19日10时30分会商研判，2026年12月21日00时至" in text
    assert "本建议依据2026年12月19日10时30分会商研判" in text
    assert "会商2026" not in text and "会商发布" not in text and "预测会商2026" not in text
    assert "WRF-Chem（12月19日08时发布）" in text  # the letters' hour convention


def test_a_letter_dated_before_its_forecast_is_warned_about(tmp_path, capsys):
    assert cli.main(["proposal", str(SAMPLES_DIR / FILES[0]), "--date", "2026-12-18", "--doc-number",
                     "川渝联防办〔2026〕7号", "--pdf", str(tmp_path / "l.pdf")]) == 0
    err = capsys.readouterr().err
    assert "before the forecast it cites was issued" in err or "早于" in err, err
