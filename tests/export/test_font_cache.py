"""The parsed-font cache (app.export.font_cache) gives exactly what a fresh parse gives, and is really used."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont as FontToolsFont
from reportlab.pdfbase.ttfonts import TTFont

from app.export import font_cache, fonts

ROOT = Path(__file__).resolve().parents[2]
ROLES = [*fonts.FONT_FILES, "symbols"]


def _cache_files(kind: str) -> list[Path]:
    folder = font_cache._folder()
    return sorted(folder.glob(f"*{kind}*")) if folder.is_dir() else []


def _no_parse(monkeypatch):
    """Make any fresh parse fail: what follows must come from the cache."""
    def refuse(*args, **kwargs):
        raise AssertionError("parsed the font instead of reading the cache")

    monkeypatch.setattr(TTFont, "__init__", refuse)
    monkeypatch.setitem(sys.modules, "fontTools.ttLib", None)  # importing it raises ImportError


def _typed(value):
    """The value with the type of every part beside it: 584 and 584.0 differ here."""
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [_typed(item) for item in value])
    return (type(value).__name__, value)


def _same_face(fresh, cached) -> None:
    mine, theirs = font_cache.face_attributes(cached.face), vars(fresh.face)
    assert set(mine) == set(theirs)
    for name, value in theirs.items():
        if name == "_pdfScale":
            for x in (0, 1, -37, 1000, 2048, 0.5):
                assert mine[name](x) == value(x)
        else:
            assert _typed(mine[name]) == _typed(value), name
            if hasattr(value, "ustr"):
                assert mine[name].ustr == value.ustr


@pytest.mark.parametrize("role", ROLES)
def test_a_cached_reportlab_face_equals_a_fresh_parse(role, monkeypatch):
    path = fonts.font_path(role)
    fresh = TTFont("Fresh", str(path))
    first = font_cache.reportlab_font("Cached", path)  # parses and writes the cache
    assert _cache_files("reportlab")
    _no_parse(monkeypatch)
    cached = font_cache.reportlab_font("Cached", path)
    monkeypatch.undo()
    assert type(cached) is type(fresh) and set(vars(cached)) == set(vars(fresh))
    assert cached.fontName == "Cached" and cached._asciiReadable == fresh._asciiReadable
    assert cached.shapable == fresh.shapable and type(cached.encoding) is type(fresh.encoding)
    _same_face(fresh, first)
    _same_face(fresh, cached)
    text = "川渝重污染天气预警 PM₂.₅ 日AQI>200 —1—"
    assert cached.stringWidth(text, 16) == fresh.stringWidth(text, 16)


@pytest.mark.parametrize("role", ROLES)
def test_cached_coverage_equals_fonttools_best_cmap(role, monkeypatch):
    path = fonts.font_path(role)
    expected = frozenset(FontToolsFont(str(path), lazy=True).getBestCmap())
    assert font_cache.coverage(path) == expected
    _no_parse(monkeypatch)
    assert font_cache.coverage(path) == expected


def test_a_changed_font_file_is_parsed_again(tmp_path):
    path = tmp_path / "face.ttf"
    shutil.copyfile(fonts.font_path("kai"), path)
    kai = font_cache.reportlab_font("A", path)
    assert font_cache.coverage(path) == frozenset(FontToolsFont(str(path), lazy=True).getBestCmap())
    shutil.copyfile(fonts.font_path("sans"), path)  # same path and name, other bytes
    os.utime(path, ns=(1, 1))
    sans = font_cache.reportlab_font("A", path)
    assert sans.face.name != kai.face.name
    assert sans.face.charWidths == TTFont("B", str(path)).face.charWidths
    assert font_cache.coverage(path) == frozenset(FontToolsFont(str(path), lazy=True).getBestCmap())


class _Trap:
    def __reduce__(self):
        return (os.system, ("echo unpickled > /dev/null",))


@pytest.mark.parametrize("damage", ["empty", "garbage", "truncated", "trap", "foreign"])
def test_a_damaged_cache_file_is_a_miss_never_code_run(damage, monkeypatch):
    path = fonts.font_path("sans-bold")
    font_cache.reportlab_font("X", path)
    font_cache.coverage(path)
    for entry in [*_cache_files("reportlab"), *_cache_files("cmap")]:
        stored = entry.read_bytes()
        if damage in ("trap", "foreign") and "reportlab" in entry.name:
            # well-formed entries (their digest matches): a class is refused, never called; a dict that is not
            # a parsed face is not used
            payload = pickle.dumps(_Trap() if damage == "trap" else {"unitsPerEm": 1000})
            stored = hashlib.sha256(payload).digest() + payload
        entry.write_bytes({"empty": b"", "garbage": b"garbage" * 9, "truncated": stored[:-4]}.get(damage, stored))
    calls = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a))
    font = font_cache.reportlab_font("X", path)
    assert not calls
    assert font.face.charWidths == TTFont("Y", str(path)).face.charWidths
    assert font_cache.coverage(path) == frozenset(FontToolsFont(str(path), lazy=True).getBestCmap())


def test_an_unusable_state_folder_still_exports(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("HAZEDESK_HOME", str(blocker / "state"))
    path = fonts.font_path("kai")
    assert font_cache.reportlab_font("K", path).face.charWidths == TTFont("K2", str(path)).face.charWidths
    assert font_cache.coverage(path) == frozenset(FontToolsFont(str(path), lazy=True).getBestCmap())


_EXPORT = """
import sys
from reportlab import rl_config
rl_config.invariant = 1  # no creation date or random id: two runs of the same letter give the same bytes
from app.cli import main
sys.exit(main(["proposal", sys.argv[1], "--docx", sys.argv[2] + ".docx", "--pdf", sys.argv[2] + ".pdf",
               "--doc-number", "川渝联防办〔2026〕3号", "--date", "2026-01-10", "--signer", "喆堃 PM₂.₅ 办公室"]))
"""


def test_the_letter_pdf_is_the_same_bytes_with_and_without_the_cache(tmp_path):
    env = dict(os.environ, HAZEDESK_HOME=str(tmp_path / "state"), PYTHONPATH=str(ROOT))
    sample = ROOT / "data" / "samples" / "sample-regional-orange.csv"
    for name in ("cold", "warm"):
        run = subprocess.run([sys.executable, "-c", _EXPORT, str(sample), str(tmp_path / name)], cwd=ROOT,
                             env=env, capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        if name == "cold":
            assert list((tmp_path / "state" / "cache" / "fonts").glob("*.reportlab-*"))
    assert (tmp_path / "cold.pdf").read_bytes() == (tmp_path / "warm.pdf").read_bytes()
    cold, warm = zipfile.ZipFile(tmp_path / "cold.docx"), zipfile.ZipFile(tmp_path / "warm.docx")
    assert cold.namelist() == warm.namelist()
    for part in cold.namelist():
        if part != "docProps/core.xml":  # its created/modified times differ
            assert cold.read(part) == warm.read(part), part


@pytest.mark.parametrize("value", [{7: [1], 8: [2, 3], 9: [4]}, {1: [5], 2: [6]}, {3: [], 4: [7, 8]},
                                   {1: 1000, 2: -5}, {1: 0.5, 2: 1000.0}, [1, 2, 3], [(1, -2), (3, 4)],
                                   {1: 2.0, 2: 3}, [(1, 2.0)], {}, [], "text", {"a": 1}])
def test_packing_gives_back_the_same_values_and_types(value):
    assert _typed(font_cache._unpack(font_cache._pack(value))) == _typed(value)


def _new_process(monkeypatch):
    """The module as a new process finds it: nothing hashed or read yet."""
    monkeypatch.setattr(font_cache, "_digests", {})
    monkeypatch.setattr(font_cache, "_stored_read", False)


def test_a_font_hashed_once_is_not_hashed_again_by_a_later_run(monkeypatch):
    path = fonts.font_path("serif")  # 13 MB: a later run looks up its coverage without reading it
    expected = hashlib.sha256(path.read_bytes()).hexdigest()
    _new_process(monkeypatch)
    assert font_cache.digest(path) == expected
    _new_process(monkeypatch)
    monkeypatch.setattr(font_cache, "file_digest", lambda *a: pytest.fail("hashed an unchanged font again"))
    assert font_cache.digest(path) == expected
    assert font_cache.coverage(path) == frozenset(FontToolsFont(str(path), lazy=True).getBestCmap())


def test_a_font_rewritten_in_place_with_the_same_size_is_hashed_again(tmp_path, monkeypatch):
    path = tmp_path / "face.ttf"
    shutil.copyfile(fonts.font_path("sans"), path)
    before = os.stat(path)
    assert font_cache.reportlab_font("A", path).face.name
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF  # same size, other bytes, a later time
    path.write_bytes(bytes(data))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    _new_process(monkeypatch)
    assert font_cache.digest(path) == hashlib.sha256(bytes(data)).hexdigest()


@pytest.mark.parametrize("content", ["", "{", "{}", '[["x", 1, 2, "short"]]', '[[1, 2, 3, 4]]'])
def test_a_damaged_digest_file_means_hashing_again(content, monkeypatch):
    path = fonts.font_path("kai")
    expected = hashlib.sha256(path.read_bytes()).hexdigest()
    _new_process(monkeypatch)
    font_cache.digest(path)
    (font_cache._folder() / "digests.json").write_text(content, "utf-8")
    _new_process(monkeypatch)
    assert font_cache.digest(path) == expected
    assert font_cache.reportlab_font("K", path).face.charWidths == TTFont("K2", str(path)).face.charWidths


_UNPACKED = """
import json, sys
from app.domain.proposal import OfficerFields, build_proposal
from app.export import fonts
from app.export.inputs import load_and_evaluate
from app.export.proposal_pdf import render_pdf
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
inputs = load_and_evaluate(sys.argv[1])
letter = build_proposal(inputs.evaluation, inputs.forecast.meta, inputs.scheme, episodes=[0],
                        officer=OfficerFields(doc_number="川渝联防办〔2026〕3号"), met=inputs.forecast.met)
assert render_pdf(letter).startswith(b"%PDF")
faces = [pdfmetrics.getFont(fonts.REPORTLAB_NAMES[r]).face for r in ("body", "title")]
report = {"packed": ["glyphToChar" not in vars(f) and "glyphToChar" in f._packed_tables for f in faces],
          "widths_unpacked": ["charWidths" in vars(f) for f in faces]}
fresh = TTFont("Fresh", str(fonts.font_path("body"))).face
report["same_when_asked"] = faces[0].glyphToChar == fresh.glyphToChar
report["kept"] = "glyphToChar" in vars(faces[0])
print(json.dumps(report))
"""


def test_a_letter_never_unpacks_the_glyph_to_character_table():
    """glyphToChar serves only ReportLab's shaping: the letter's faces keep it packed (building it cost ~10 ms
    and a full garbage collection), and it is the fresh parse's when asked for. In a fresh process: ReportLab
    keeps the first face registered under a name, whichever test registered it."""
    import json

    for role in fonts.FONT_FILES:  # the cache filled: the child reads every face from it
        font_cache.reportlab_font("Fill", fonts.font_path(role))
    sample = ROOT / "data" / "samples" / "sample-regional-orange.csv"
    run = subprocess.run([sys.executable, "-c", _UNPACKED, str(sample)], cwd=ROOT, capture_output=True,
                         text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=300)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report == {"packed": [True, True], "widths_unpacked": [True, True], "same_when_asked": True,
                      "kept": True}
