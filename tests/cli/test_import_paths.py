"""What a command imports is what it pays for at every run: the evaluate path stays near the interpreter's
numpy + pandas floor. Each command runs in a fresh interpreter; the test lists what it loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "sample-regional-orange.csv"

_RUN = """
import json, sys
from app.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _loaded(tmp_path, *argv) -> set[str]:
    """The top-level packages a fresh interpreter has loaded after the command."""
    return {m.split(".")[0] for m in _loaded_modules(tmp_path, *argv)}


def _loaded_modules(tmp_path, *argv) -> set[str]:
    env = dict(os.environ, HAZEDESK_HOME=str(tmp_path / "state"), PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", _RUN, *argv], cwd=ROOT, capture_output=True, text=True,
                            env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] == 0
    return set(report["modules"])


HEAVY = {"PySide6", "shiboken6", "pyqtgraph", "matplotlib", "reportlab", "docx", "docxtpl", "fontTools",
         "scipy", "geopandas", "shapely", "pyogrio", "pyproj", "xarray", "netCDF4", "openpyxl", "PIL"}


def test_evaluate_imports_no_qt_plotting_export_or_geometry_library(tmp_path):
    loaded = _loaded(tmp_path, "evaluate", str(SAMPLE), "--json", str(tmp_path / "out.json"))
    assert not loaded & HEAVY, sorted(loaded & HEAVY)
    assert json.loads((tmp_path / "out.json").read_text("utf-8"))["episodes"]


def test_help_and_version_import_neither_numpy_nor_pandas(tmp_path):
    env = dict(os.environ, HAZEDESK_HOME=str(tmp_path / "state"), PYTHONPATH=str(ROOT))
    code = ("import sys\nfrom app.cli import build_parser\nbuild_parser()\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'numpy', 'pandas', 'PySide6'}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# what the letter export needs beyond the evaluate path: the PDF (reportlab, its PIL import) and the Word letter
# (docx, docxtpl, its jinja2 and lxml). A first run with an empty state folder also asks matplotlib's font scan
# whether the office fonts are installed (app.export.font_lookup) and parses the bundled fonts' coverage with
# fontTools (app.export.font_cache); both answers are remembered, so later runs import neither
PROPOSAL_NEEDS = {"reportlab", "PIL", "docx", "docxtpl", "lxml"}
FIRST_RUN_ONLY = {"fontTools", "matplotlib"}


# of ReportLab the letter needs the canvas and the TrueType faces: its pages are laid out without platypus
# (app.export.pdf_pages), whose import cost ~70 ms; the briefing pack and the 呈批件 still use platypus
NOT_FOR_THE_LETTER = ("reportlab.platypus",)


def _under(modules: set[str], prefixes) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes))


def test_proposal_imports_no_qt_plotting_or_geometry_library(tmp_path):
    argv = ["proposal", str(SAMPLE), "--docx", str(tmp_path / "p.docx"), "--pdf", str(tmp_path / "p.pdf")]
    first_modules = _loaded_modules(tmp_path, *argv)
    first = {m.split(".")[0] for m in first_modules}
    assert not first & (HEAVY - PROPOSAL_NEEDS - FIRST_RUN_ONLY), sorted(first & (HEAVY - PROPOSAL_NEEDS))
    again_modules = _loaded_modules(tmp_path, *argv)
    again = {m.split(".")[0] for m in again_modules}
    assert not again & (HEAVY - PROPOSAL_NEEDS), sorted(again & (HEAVY - PROPOSAL_NEEDS))
    assert {"reportlab", "docxtpl", "docx"} <= first & again
    assert "reportlab.pdfgen.canvas" in again_modules and "reportlab.pdfbase.ttfonts" in again_modules
    assert not _under(first_modules | again_modules, NOT_FOR_THE_LETTER), _under(again_modules, NOT_FOR_THE_LETTER)
    assert (tmp_path / "p.pdf").stat().st_size > 0 and (tmp_path / "p.docx").stat().st_size > 0


CONSULT_SAMPLES = ["sample-red-plain-south.csv", "consult-wrfchem-wrfout_d01.nc", "consult-cmaq-CCTM_CONC_CN36.nc",
                   "consult-sichuan-daily-range.csv", "consult-chongqing.csv"]


def test_consult_of_model_files_imports_neither_xarray_nor_pyproj(tmp_path):
    """WRF-Chem and CMAQ files are read through netCDF4 alone (app.importing.netcdf): xarray, and the asyncio
    it brings, cost every consult ~0.15 s (issue 26); pyproj ~0.05 s more, for two points and a check. Second
    run: the grid weights and the grids' projected centre and origin are in the state folder."""
    argv = ["consult", *(str(SAMPLE.parent / name) for name in CONSULT_SAMPLES), "--decided-at",
            "2026-01-10T16:00", "--json", str(tmp_path / "c.json")]
    _loaded(tmp_path, *argv)
    modules = _loaded_modules(tmp_path, *argv)
    loaded = {m.split(".")[0] for m in modules}
    unwanted = {"xarray", "asyncio", "pyproj"}
    assert "netCDF4" in loaded and not loaded & unwanted, sorted(loaded & unwanted)
    assert "app.domain.proposal" not in modules  # the letters' module, for one constant (a source's default name)
    assert len(json.loads((tmp_path / "c.json").read_text("utf-8"))["sources"]) == 5


def test_a_command_imports_its_own_command_module_only(tmp_path):
    """``hazedesk evaluate`` registers only the evaluate subparser (the GUI start pays for one module, not ten);
    help and unknown commands still see every command."""
    code = ("import sys\nfrom app.cli import main\nmain(sys.argv[1:])\n"
            "print(sorted(m for m in sys.modules if m.startswith('app.cli.')))")
    env = dict(os.environ, HAZEDESK_HOME=str(tmp_path / "state"), PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", code, "evaluate", str(SAMPLE), "--json", str(tmp_path / "o.json")],
                            cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "['app.cli._common', 'app.cli.evaluate']"


def test_one_command_parser_reads_its_arguments_as_the_whole_parser_does():
    from app.cli import build_parser, command_names

    assert "gui" in command_names() and "evaluate" in command_names() and "_common" not in command_names()
    for argv in (["gui", "f.csv", "--screenshot", "x.png", "--select", "成都市", "--select", "德阳市"],
                 ["evaluate", "f.csv", "--mode", "rolling", "--json", "-"],
                 ["proposal", "f.csv", "--docx", "o.docx", "--doc-number", "A", "--doc-number", "B"],
                 ["case", "list"]):
        whole, one = build_parser().parse_args(argv), build_parser(argv[0]).parse_args(argv)
        assert vars(whole) == vars(one)
    assert build_parser("gui")._subparsers._group_actions[0].choices["gui"].format_help() == \
        build_parser()._subparsers._group_actions[0].choices["gui"].format_help()


def test_the_briefing_and_the_approval_form_still_lay_out_with_platypus(tmp_path):
    """The check above is not vacuous: the documents that use platypus load it."""
    argv = ["proposal", str(SAMPLE), "--docx", str(tmp_path / "p.docx"), "--pdf", str(tmp_path / "p.pdf"),
            "--approval-form"]
    assert "reportlab.platypus" in _loaded_modules(tmp_path, *argv)
