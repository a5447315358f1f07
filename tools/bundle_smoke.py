"""Run every subcommand of a built desktop bundle from where it lies, as an office would, and check what comes out.

    python tools/bundle_smoke.py DIST/hazedesk --work DIR --samples data/samples [--repo ROOT]

``scripts/bundle-smoke.sh`` builds the bundle from a fresh environment, copies it away from the repository and
calls this. Every program runs with an empty HOME (so the default state folder, empty), no PYTHONPATH, a plain
PATH, offscreen Qt and its working folder in DIR: nothing of the repository or of a developer's setup can
stand in for what the bundle lacks. The subcommands are discovered from ``hazedesk-cli --help``; one without a
case here fails the run, so a new command cannot ship unchecked. Outputs are opened, not only found: PDF text
must hold Chinese (pdftotext), PNGs must be coloured, DOCX must parse and hold Chinese, SVG must parse, GIFs
must animate, JSON must parse.

Prints one line per check, the bundle's size with what dominates it, and the window's start-up time bundled
beside the same code run from a virtual environment (``--repo``: the source tree, run with this interpreter).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

SAMPLE = "sample-regional-orange.csv"
RED = "sample-red-plain-south.csv"
# Every sample forecast (CSV, GBK CSV, daily ranges, XLSX, NetCDF grid, WRF-Chem, CMAQ); observed-* files are
# observations, read by the review case.
INSPECTED = ("sample-", "consult-")


class Failed(Exception):
    pass


# -- what the outputs must be ------------------------------------------------------------------------------------
def _has_chinese(text: str) -> bool:
    return len(re.findall(r"[\u4e00-\u9fff]", text)) >= 4


def check_pdf(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    if result.returncode != 0:
        raise Failed(f"{path.name}: pdftotext cannot read it: {result.stderr.strip()[:200]}")
    if not _has_chinese(result.stdout):
        raise Failed(f"{path.name}: no Chinese text in the PDF")
    pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    count = re.search(r"Pages:\s+(\d+)", pages)
    return f"PDF, {count.group(1) if count else '?'} pages, Chinese text"


def check_png(path: Path) -> str:
    import numpy as np
    from PIL import Image

    with Image.open(path) as image:
        size = image.size
        rgb = image.convert("RGB")
    rgb.thumbnail((400, 400))
    pixels = np.asarray(rgb, dtype=np.int16).reshape(-1, 3)
    coloured = pixels[pixels.max(axis=1) - pixels.min(axis=1) > 60]  # clearly not grey, black or white
    hues = {tuple(p) for p in (coloured // 64).tolist()}
    if len(coloured) < 0.02 * len(pixels) or len(hues) < 3:
        raise Failed(f"{path.name}: not a coloured map ({len(coloured)} coloured pixels of {len(pixels)}, "
                     f"{len(hues)} colours)")
    return f"PNG {size[0]}×{size[1]}, {100 * len(coloured) / len(pixels):.0f}% coloured, {len(hues)} colours"


def check_docx(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    with zipfile.ZipFile(path) as archive:
        text += archive.read("word/document.xml").decode("utf-8")
    if not _has_chinese(text):
        raise Failed(f"{path.name}: no Chinese text in the document")
    return f"DOCX, {len(document.paragraphs)} paragraphs, Chinese text"


def check_svg(path: Path) -> str:
    root = ElementTree.parse(path).getroot()
    if not root.tag.endswith("svg") or len(list(root.iter())) < 50:
        raise Failed(f"{path.name}: not an SVG drawing")
    return f"SVG, {len(list(root.iter()))} elements"


def check_gif(path: Path) -> str:
    from PIL import Image

    with Image.open(path) as image:
        frames = getattr(image, "n_frames", 1)
    if frames < 2:
        raise Failed(f"{path.name}: a GIF of {frames} frame")
    return f"GIF, {frames} frames"


def check_json(path: Path) -> str:
    data = json.loads(path.read_text("utf-8"))
    return f"JSON, {len(data)} keys" if isinstance(data, dict) else f"JSON, {len(data)} items"


CHECKS: dict[str, Callable[[Path], str]] = {".pdf": check_pdf, ".png": check_png, ".docx": check_docx,
                                            ".svg": check_svg, ".gif": check_gif, ".json": check_json}


# -- running the bundle ------------------------------------------------------------------------------------------
class Bundle:
    def __init__(self, folder: Path, work: Path, samples: Path):
        self.folder = folder
        self.cli = folder / ("hazedesk-cli.exe" if os.name == "nt" else "hazedesk-cli")
        self.gui = folder / ("hazedesk.exe" if os.name == "nt" else "hazedesk")
        self.work = work
        self.home = work / "home"
        self.inputs = work / "inputs"
        self.out = work / "out"
        for path in (self.home, self.inputs, self.out):
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True)
        for sample in sorted(samples.iterdir()):  # the inputs, copied: the bundle never reads the repository
            if sample.is_file():
                shutil.copy2(sample, self.inputs / sample.name)
            elif sample.is_dir():  # the season of daily forecasts, the station files
                shutil.copytree(sample, self.inputs / sample.name)
        self.env = {"HOME": str(self.home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                    "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(work), "HAZEDESK_LANG": "zh"}
        if os.name == "nt":
            self.env.update(SYSTEMROOT=os.environ.get("SYSTEMROOT", r"C:\Windows"), APPDATA=str(self.home))
        self.results: list[tuple[str, bool, str]] = []

    def run(self, args: list[str], *, program: Path | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
        return subprocess.run([str(program or self.cli), *args], cwd=self.work, env=self.env, capture_output=True,
                              text=True, timeout=timeout)

    def case(self, name: str, args: list[str], outputs: tuple[str, ...] = (), *, expect_stdout: str = "",
             program: Path | None = None) -> str:
        """Run one check; returns its stdout ("" when it failed)."""
        started = time.perf_counter()
        stdout = ""
        for output in outputs:
            (self.out / output).unlink(missing_ok=True)
        try:
            result = self.run(args, program=program)
            if result.returncode != 0:
                raise Failed(f"exit {result.returncode}: {(result.stderr or result.stdout).strip()[-500:]}")
            stdout = result.stdout
            if expect_stdout and not re.search(expect_stdout, result.stdout):
                raise Failed(f"stdout lacks {expect_stdout!r}: {result.stdout.strip()[:300]}")
            found = []
            for output in outputs:
                path = self.out / output
                if not path.exists() or path.stat().st_size == 0:
                    raise Failed(f"{output} was not written")
                found.append(CHECKS[path.suffix](path))
            self.results.append((name, True, f"{time.perf_counter() - started:.1f} s; " + "; ".join(found)))
        except (Failed, subprocess.TimeoutExpired, OSError, ValueError, KeyError) as exc:
            self.results.append((name, False, str(exc)))
            stdout = ""
        _, ok, detail = self.results[-1]
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}", flush=True)
        return stdout

    def subcommands(self) -> list[str]:
        """The subcommands ``hazedesk-cli --help`` lists (argparse: one per line, indented by four spaces)."""
        result = self.run(["--help"])
        names = re.findall(r"^    ([a-z][a-z0-9_-]*)(?:\s|$)", result.stdout, flags=re.MULTILINE)
        if result.returncode != 0 or len(names) < 3:
            raise Failed(f"hazedesk-cli --help did not list the subcommands: {result.stdout[:300]} {result.stderr[:300]}")
        return names


# -- the cases, one function per subcommand ----------------------------------------------------------------------
def _inputs(b: Bundle, name: str) -> str:
    return str(b.inputs / name)


def case_inspect(b: Bundle) -> None:
    for sample in sorted(b.inputs.iterdir()):
        if sample.name.startswith(INSPECTED):
            json_out = f"inspect-{sample.stem}.json"
            b.case(f"inspect {sample.name}", ["inspect", str(sample), "--format", "json", "--output",
                                              str(b.out / json_out)], (json_out,))


def case_evaluate(b: Bundle) -> None:
    b.case("evaluate", ["evaluate", _inputs(b, SAMPLE), "--json", str(b.out / "evaluation.json")], ("evaluation.json",))
    b.case("evaluate (NetCDF grid)", ["evaluate", _inputs(b, "sample-red-plain-south-grid.nc"), "--json",
                                            str(b.out / "evaluation-grid.json")], ("evaluation-grid.json",))


def case_replay(b: Bundle) -> None:
    season = sorted((b.inputs / "season-winter").glob("forecast-*.csv"))[12:15]  # three mornings of the red spell
    b.case("replay (three daily forecasts)", ["replay", "--forecasts", *map(str, season), "--json",
                                              str(b.out / "replay.json")], ("replay.json",))


def case_adjacency(b: Bundle) -> None:
    b.case("adjacency", ["adjacency", "--csv", "-"], expect_stdout=r"渝中区,江北区,")


def case_map(b: Bundle) -> None:
    for suffix in ("png", "pdf", "svg"):
        b.case(f"map {suffix}", ["map", _inputs(b, SAMPLE), "--layer", "warning", "--day", "2026-01-13",
                                 "--out", str(b.out / f"map.{suffix}")], (f"map.{suffix}",))
    b.case("map series + gif", ["map", _inputs(b, SAMPLE), "--layer", "daily", "--series", "daily",
                                "--out", str(b.out / "series.png"), "--gif", str(b.out / "series.gif"), "--dpi", "60"],
           ("series.gif",))


def case_proposal(b: Bundle) -> None:
    b.case("proposal docx + pdf + briefing",
           ["proposal", _inputs(b, SAMPLE), "--doc-number", "川渝联防办〔2026〕3号", "--docx",
            str(b.out / "proposal.docx"), "--pdf", str(b.out / "proposal.pdf"), "--briefing",
            str(b.out / "briefing.pdf")], ("proposal.docx", "proposal.pdf", "briefing.pdf"))


def case_consult(b: Bundle) -> None:
    sources = [_inputs(b, n) for n in (RED, "consult-wrfchem-wrfout_d01.nc", "consult-cmaq-CCTM_CONC_CN36.nc",
                                       "consult-sichuan-daily-range.csv", "consult-chongqing.csv")]
    b.case("consult + minutes", ["consult", *sources, "--json", str(b.out / "consult.json"), "--minutes",
                                 str(b.out / "minutes.pdf")], ("consult.json", "minutes.pdf"))


def case_review(b: Bundle) -> None:
    b.case("review + report", ["review", "--observed", _inputs(b, "observed-red-plain-south.csv"), "--forecast",
                               _inputs(b, RED), "--json", str(b.out / "review.json"), "--docx",
                               str(b.out / "review.docx"), "--pdf", str(b.out / "review.pdf")],
           ("review.json", "review.docx", "review.pdf"))


def case_case(b: Bundle) -> None:
    """A case with the letter the proposal case wrote (read back from the .docx) and the consult case's decision,
    exported for another office."""
    db = str(b.out / "cases.sqlite")
    (b.out / "cases.sqlite").unlink(missing_ok=True)
    created = b.case("case new", ["case", "--db", db, "new", "2026年1月川渝区域橙色过程"], expect_stdout=r"\S")
    case_id = created.strip().split()[-1] if created.strip() else "1"
    if (b.out / "proposal.docx").exists():
        b.case("case letter (issued proposal)", ["case", "--db", db, "letter", case_id, str(b.out / "proposal.docx"),
                                                 "--issued-at", "2026-01-09T16:00"])
    if (b.out / "consult.json").exists():
        b.case("case consultation (the 会商 decision)", ["case", "--db", db, "consultation", case_id,
                                                       str(b.out / "consult.json")])
    b.case("case export", ["case", "--db", db, "export", case_id, str(b.out / "case.hzcase")])
    b.case("case list", ["case", "--db", db, "list"], expect_stdout=r"川渝区域橙色过程")


def case_bench(b: Bundle) -> None:
    b.case("bench --list", ["bench", "--list"], expect_stdout=r"engine\.evaluate")
    b.case("bench (engine)", ["bench", "--only", "engine.evaluate_40x168", "--json", str(b.out / "bench.json")],
           ("bench.json",))


def case_gui(b: Bundle) -> None:
    b.case("gui --screenshot (hazedesk-cli)", ["gui", "--screenshot", str(b.out / "window.png"), "--size",
                                               "1366x768"], ("window.png",))
    b.case("gui --screenshot (windowed hazedesk)", ["gui", "--screenshot", str(b.out / "window-gui.png")],
           ("window-gui.png",), program=b.gui)


# Run in this order (the case library records the letter and the 会商 decision the cases before wrote); others
# after, by name.
ORDER = ("inspect", "evaluate", "adjacency", "map", "proposal", "consult", "case", "review", "gui", "bench")
CASES: dict[str, Callable[[Bundle], None]] = {
    "inspect": case_inspect, "evaluate": case_evaluate, "adjacency": case_adjacency, "map": case_map,
    "proposal": case_proposal, "consult": case_consult, "review": case_review, "case": case_case,
    "bench": case_bench, "gui": case_gui, "replay": case_replay,
}


# -- size and start-up ---------------------------------------------------------------------------------------------
def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def report_size(folder: Path) -> None:
    total = _size(folder)
    internal = folder / "_internal"
    parts = sorted(((_size(p), p.name) for p in internal.iterdir() if not p.is_symlink()),
                   reverse=True) if internal.exists() else []
    print(f"bundle: {total / 2**20:.0f} MiB in {sum(1 for _ in folder.rglob('*'))} files; largest in _internal/: "
          + ", ".join(f"{name} {size / 2**20:.0f}" for size, name in parts[:12]) + " (MiB)")


def _probe_once(argv: list[str], env: dict, cwd: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=300)
    wall = time.perf_counter() - started
    if result.returncode != 0 or "first-map-paint" not in result.stdout:
        raise Failed(f"startup probe failed: {result.stderr.strip()[-300:]}")
    return wall


def interleaved_probes(probes: dict[str, tuple[list[str], dict, Path]], rounds: int = 5,
                       run=_probe_once) -> dict[str, tuple[float, float]]:
    """Each probe's first start and the median of its later ones, the probes taken in turn in every round: one
    after the other, the second ran on a machine the first had just warmed (or loaded), and the comparison said
    the opposite of interleaved runs."""
    walls: dict[str, list[float]] = {name: [] for name in probes}
    for _ in range(rounds):
        for name, (argv, env, cwd) in probes.items():
            walls[name].append(run(argv, env, cwd))
    return {name: (w[0], statistics.median(w[1:])) for name, w in walls.items()}


def report_startup(b: Bundle, repo: Path | None) -> None:
    probes = {"bundled": ([str(b.cli), "gui", "--startup-probe"], b.env, b.work)}
    if repo is not None:
        env = dict(b.env, PYTHONPATH=str(repo), PATH=os.environ.get("PATH", "/usr/bin:/bin"))
        probes["virtualenv"] = ([sys.executable, "-m", "app", "gui", "--startup-probe"], env, repo)
    try:
        figures = interleaved_probes(probes)
    except Failed as exc:
        b.results.append(("start-up probe", False, str(exc)))
        print(f"FAIL start-up probe: {exc}")
        return
    parts = [f"{name}: {later:.2f} s (first start {first:.2f} s)" for name, (first, later) in figures.items()]
    print("window to coloured map, taken in turn, median of the later starts — " + "; ".join(parts), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the bundle folder (holding hazedesk-cli and _internal/)")
    parser.add_argument("--work", type=Path, required=True, help="scratch folder (HOME, inputs, outputs)")
    parser.add_argument("--samples", type=Path, required=True, help="the sample inputs to copy in")
    parser.add_argument("--repo", type=Path, default=None, help="source tree for the virtualenv start-up figure")
    args = parser.parse_args(argv)
    b = Bundle(args.bundle.resolve(), args.work.resolve(), args.samples.resolve())
    b.case("--version", ["--version"], expect_stdout=r"^hazedesk \d")
    try:
        commands = b.subcommands()
    except Failed as exc:
        print(f"FAIL {exc}")
        return 1
    for command in sorted(commands, key=lambda c: (ORDER.index(c) if c in ORDER else len(ORDER), c)):
        if command in CASES:
            CASES[command](b)
        else:
            b.results.append((command, False, "no smoke case for this subcommand: add one to tools/bundle_smoke.py"))
            print(f"FAIL {command}: no smoke case for this subcommand: add one to tools/bundle_smoke.py")
    stray = sorted(set(CASES) - set(commands))
    if stray:
        print(f"note: cases for subcommands the bundle does not have: {', '.join(stray)}")
    report_size(b.folder)
    report_startup(b, args.repo)
    failed = [name for name, ok, _ in b.results if not ok]
    print(f"{len(b.results) - len(failed)} of {len(b.results)} checks passed"
          + (f"; FAILED: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
