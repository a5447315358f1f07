"""The desktop bundle (build/pyinstaller.spec) carries everything the app reads and imports at run time.

PyInstaller is a build-only tool (requirements/build.in) and CI never installs it, so these tests check the
spec's declarations in build/bundle_contents.py against the app instead of building a bundle.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build" / "pyinstaller.spec"


def _load_contents():
    spec = importlib.util.spec_from_file_location("bundle_contents", ROOT / "build" / "bundle_contents.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


contents = _load_contents()


def _bundled(path: Path) -> bool:
    relative = path.resolve().relative_to(ROOT)
    return relative.parts[0] in contents.BUNDLED_FOLDERS


def _runtime_files() -> list[Path]:
    """Every file the app opens from its own install: read from the modules that open them."""
    from app import paths
    from app.domain.aqi import EDITIONS, edition_path
    from app.export.fonts import font_paths
    from app.export.proposal_docx import TEMPLATE
    from app.gui.i18n import LANGUAGES, qm_path

    files = [paths.DEFAULT_SCHEME, paths.DEFAULT_BOUNDARIES, paths.UNITS_TABLE, paths.DEFAULT_SAMPLE, TEMPLATE]
    files += [edition_path(key) for key in EDITIONS]
    files += list(font_paths().values())
    files += [qm_path(language) for language in LANGUAGES if language != "zh"]  # Chinese is the source text
    files += sorted(p for p in paths.SAMPLES_DIR.iterdir() if p.suffix in {".csv", ".xlsx", ".nc"})
    return files


def test_every_file_the_app_reads_is_in_a_bundled_folder():
    files = _runtime_files()
    assert len(files) >= 12
    missing = [str(p) for p in files if not p.is_file()]
    assert not missing, f"files the app reads are missing: {missing}"
    outside = [str(p) for p in files if not _bundled(p)]
    assert not outside, f"not under {contents.BUNDLED_FOLDERS}, so the bundle lacks them: {outside}"


def test_every_path_constant_of_app_paths_is_in_a_bundled_folder():
    from app import paths

    constants = {name: value for name, value in vars(paths).items() if name.isupper() and isinstance(value, Path)}
    assert {"DATA_DIR", "RESOURCES_DIR", "FONTS_DIR", "TEMPLATES_DIR", "AQI_DIR"} <= set(constants)
    outside = {name: str(value) for name, value in constants.items() if not _bundled(value)}
    assert not outside


def _discovered(package: str) -> list[str]:
    module = importlib.import_module(package)
    return [f"{package}.{info.name}" for info in pkgutil.iter_modules(module.__path__)]


def test_subcommands_and_benchmarks_are_collected():
    modules = _discovered("app.cli") + _discovered("app.bench")
    assert {"app.cli.evaluate", "app.cli.gui", "app.cli.proposal", "app.bench.engine"} <= set(modules)
    for name in modules:
        assert any(name.startswith(package + ".") for package in contents.COLLECTED_PACKAGES), name
        assert not any(name == ex or name.startswith(ex + ".") for ex in contents.EXCLUDED_MODULES), name


def test_every_subcommand_has_a_bundle_smoke_case():
    """scripts/bundle-smoke.sh fails on a subcommand it has no case for; say so here first, in seconds."""
    spec = importlib.util.spec_from_file_location("bundle_smoke", ROOT / "tools" / "bundle_smoke.py")
    smoke = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(smoke)
    commands = {name.rsplit(".", 1)[1] for name in _discovered("app.cli") if not name.rsplit(".", 1)[1].startswith("_")}
    assert commands - set(smoke.CASES) == set(), "add a case to tools/bundle_smoke.py for these subcommands"


def _spec_call(tree: ast.Module, function: str) -> ast.Call:
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Name) and node.func.id == function]
    assert len(calls) == 1, f"expected one {function}(...) in the spec"
    return calls[0]


def test_spec_builds_from_the_declared_contents():
    """The spec uses bundle_contents for hidden imports, data folders and exclusions, and makes both programs."""
    text = SPEC.read_text(encoding="utf-8")
    tree = ast.parse(text)
    analysis = {kw.arg: ast.unparse(kw.value) for kw in _spec_call(tree, "Analysis").keywords}
    assert analysis["hiddenimports"] == "hidden"
    assert analysis["datas"] == "datas"
    assert analysis["excludes"] == "list(contents.EXCLUDED_MODULES)"
    assignments = {target.id: ast.unparse(node.value) for node in tree.body if isinstance(node, ast.Assign)
                   for target in node.targets if isinstance(target, ast.Name)}
    assert "collect_submodules(package)" in assignments["hidden"]
    assert "contents.COLLECTED_PACKAGES" in assignments["hidden"]
    assert "contents.BUNDLED_FOLDERS" in assignments["datas"]
    exes = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name) and node.func.id == "EXE"]
    programs = {ast.literal_eval(kw.value): ast.literal_eval(next(k.value for k in node.keywords
                                                                  if k.arg == "console"))
                for node in exes for kw in node.keywords if kw.arg == "name"}
    assert programs == {"hazedesk": False, "hazedesk-cli": True}


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Inside ``try: ... except ImportError`` (or ModuleNotFoundError)?"""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.Try):
            for handler in node.handlers:
                names = [ast.unparse(handler.type)] if handler.type is not None else ["<bare>"]
                if any(n in handler_name for n in ("ImportError", "ModuleNotFoundError", "<bare>")
                       for handler_name in names):
                    return True
    return False


def _excluded(module: str) -> bool:
    return any(module == ex or module.startswith(ex + ".") for ex in contents.EXCLUDED_MODULES)


def test_no_app_module_needs_an_excluded_package():
    """Excluded packages may only be imported where a missing package is handled (bench baselines)."""
    offenders = []
    sources = sorted((ROOT / "app").rglob("*.py")) + sorted((ROOT / "maps").rglob("*.py"))
    assert len(sources) > 40
    for path in sources:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            if any(_excluded(name) for name in names) and not _guarded(node, parents):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node)}")
    assert not offenders, offenders


_BLOCKED_IMPORT = """
import importlib, importlib.abc, pkgutil, sys
EXCLUDED = {excluded!r}

class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if any(name == ex or name.startswith(ex + ".") for ex in EXCLUDED):
            raise ModuleNotFoundError(f"No module named {{name!r}} (excluded from the bundle)")
        return None

sys.meta_path.insert(0, Blocker())
for package in {packages!r}:
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        if not info.name.endswith(".__main__"):
            importlib.import_module(info.name)
import pyqtgraph  # the GUI's plotting library imports some Qt modules unconditionally
print("imported", len(sys.modules))
"""


@pytest.mark.timeout(120)
def test_every_collected_module_imports_without_the_excluded_packages():
    """What the frozen app does when it starts a subcommand or the GUI: the excluded modules are absent."""
    code = _BLOCKED_IMPORT.format(excluded=list(contents.EXCLUDED_MODULES),
                                  packages=list(contents.COLLECTED_PACKAGES))
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith("imported")


@pytest.mark.parametrize(("dest", "unneeded"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
    ("PySide6/plugins/platforms/qwindows.dll", False),
    ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", False),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", False),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", False),
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", False),
    ("PySide6/translations/qt_zh_CN.qm", False),
    ("PySide6/Qt/lib/libQt6Gui.so.6", False),
    ("PySide6/QtCore.abi3.so", False),
    ("resources/i18n/hazedesk_en.qm", False),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqminimalegl.so", True),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", True),
    ("PySide6/plugins/networkinformation/qnetworklistmanager.dll", True),
    ("PySide6/Qt/translations/qtbase_de.qm", True),
])
def test_qt_trimming_keeps_what_the_app_loads(dest, unneeded):
    assert contents.is_unneeded_qt_file(dest) is unneeded


def test_orphaned_libraries_are_only_those_no_kept_binary_needs():
    links = {
        "QtGui.so": ["libQt6Gui.so", "libQt6Core.so"], "libQt6Gui.so": ["libQt6Core.so", "libglib.so"],
        "libqgtk3.so": ["libQt6Gui.so", "libgtk.so", "libcairo.so", "libglib.so"], "libgtk.so": ["libcairo.so"],
        "libqwayland.so": ["libwayland.so"], "libqxcb.so": ["libQt6Gui.so"], "libctypes_only.so": [],
    }
    kept = ["QtGui.so", "libQt6Gui.so", "libQt6Core.so", "libglib.so", "libgtk.so", "libcairo.so",
            "libwayland.so", "libqxcb.so", "libctypes_only.so"]
    orphans = contents.orphaned_libraries(kept, ["libqgtk3.so", "libqwayland.so"], lambda n: links.get(n, []))
    assert orphans == {"libgtk.so", "libcairo.so", "libwayland.so"}


def test_bundle_smoke_takes_the_start_up_probes_in_turn():
    """The bundled and virtualenv starts alternate within each round (one after the other, the second ran on a
    machine the first had warmed and reported the opposite of interleaved runs)."""
    from tools.bundle_smoke import interleaved_probes

    calls = []

    def run(argv, env, cwd):
        calls.append(argv[0])
        return {"b": 1.0, "v": 2.0}[argv[0]] + len(calls) / 100

    figures = interleaved_probes({"bundled": (["b"], {}, None), "virtualenv": (["v"], {}, None)}, rounds=4, run=run)
    assert calls == ["b", "v"] * 4
    assert figures["bundled"][0] == 1.01 and figures["virtualenv"][0] == 2.02
    assert figures["bundled"][1] == 1.05 and figures["virtualenv"][1] == 2.06  # median of rounds 2–4


def _climbs_out_of_its_folder(source: str) -> bool:
    """True if a module opens a path built from its own file that goes up a folder (``dirname(__file__), ".."``)
    without normalising it first (``normpath``/``abspath`` remove the ``..`` before the file system sees it)."""
    def climbs(node: ast.AST) -> bool:
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in {"normpath", "abspath", "realpath", "resolve"}:
                return False
            names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            if "__file__" in names and any(isinstance(a, ast.Constant) and a.value == ".." for a in node.args):
                return True
        return any(climbs(child) for child in ast.iter_child_nodes(node))
    return climbs(ast.parse(source))


def test_packages_that_climb_from_their_own_file_are_collected_as_files():
    """A module in the archive has no folder on disk, so ``<pkg>/parts/../templates/x.xml`` does not open on
    Linux (the bundle's review report failed so: python-docx's footer template). Such packages are kept as .py
    files (MODULE_COLLECTION_MODE), which makes their folders real."""
    climbing = set()
    for package in contents.DATA_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            for path in Path(folder).rglob("*.py"):
                if _climbs_out_of_its_folder(path.read_text(encoding="utf-8", errors="replace")):
                    climbing.add(package)
    assert "docx" in climbing  # the case that broke the bundle is still seen by this check
    kept_as_files = {name for name, mode in contents.MODULE_COLLECTION_MODE.items() if "py" in mode.split("+")}
    assert climbing <= kept_as_files, f"collect as .py files too: {sorted(climbing - kept_as_files)}"
