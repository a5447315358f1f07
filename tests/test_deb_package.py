"""scripts/build-deb.sh on a stand-in bundle (the real one takes a PyInstaller build: CI builds it and installs the
package, scripts/bundle-smoke.sh): what the package holds and declares."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb (Debian) builds the package")


@pytest.fixture(scope="module")
def deb(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("deb")
    bundle = work / "hazedesk"
    (bundle / "_internal" / "data").mkdir(parents=True)
    for program in ("hazedesk", "hazedesk-cli"):
        (bundle / program).write_text("#!/bin/sh\necho stand-in\n")
        (bundle / program).chmod(0o755)
    env = {"HAZEDESK_DEB_DEPENDS": "libc6 (>= 2.34), libfontconfig1", "PATH": "/usr/bin:/bin",
           "TMPDIR": str(work)}
    result = subprocess.run(["bash", "scripts/build-deb.sh", str(bundle), str(work / "out")], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    (built,) = (work / "out").glob("hazedesk_*.deb")
    return built


def _contents(deb: Path) -> set[str]:
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    return {line.split()[5].lstrip(".") for line in listing.splitlines()}


def test_the_package_installs_the_program_its_commands_entry_icons_types_and_pages(deb):
    files = _contents(deb)
    for path in ("/opt/hazedesk/hazedesk", "/opt/hazedesk/hazedesk-cli", "/usr/bin/hazedesk", "/usr/bin/hazedesk-cli",
                 "/usr/share/applications/hazedesk.desktop", "/usr/share/mime/packages/hazedesk.xml",
                 "/usr/share/man/man1/hazedesk-cli.1.gz", "/usr/share/man/man1/hazedesk.1.gz",
                 "/usr/share/doc/hazedesk/copyright", "/usr/share/doc/hazedesk/changelog.gz"):
        assert path in files, path
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert f"/usr/share/icons/hicolor/{size}x{size}/apps/hazedesk.png" in files
        assert f"/usr/share/icons/hicolor/{size}x{size}/mimetypes/application-x-hazedesk-case.png" in files
    assert not any(p.startswith(("/home", "/root", "/var", "/etc")) for p in files)  # never the users' state


def test_the_control_file_declares_the_dependencies_and_a_description(deb):
    fields = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
    assert "Package: hazedesk" in fields and "Architecture: " in fields
    assert "Depends: libc6 (>= 2.34), libfontconfig1" in fields
    assert "Version: " + _version() in fields
    assert "川渝重污染天气预警会商台" in fields
    scripts = subprocess.run(["dpkg-deb", "-I", str(deb)], capture_output=True, text=True, check=True).stdout
    assert "postrm" not in scripts  # nothing of the users' is removed on purge: there is nothing to run


def test_the_desktop_entry_opens_sessions_and_cases_in_the_window():
    entry = (ROOT / "build/linux/hazedesk.desktop").read_text(encoding="utf-8")
    assert "Exec=hazedesk %f" in entry and "Name[zh_CN]=川渝重污染天气预警会商台" in entry
    assert "MimeType=application/x-hazedesk-session;application/x-hazedesk-case;" in entry
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(ROOT / "build/linux/hazedesk.desktop")],
                                capture_output=True, text=True)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    mime = ET.parse(ROOT / "build/linux/hazedesk-mime.xml").getroot()
    ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
    globs = {t.get("type"): t.find(f"{ns}glob").get("pattern") for t in mime.findall(f"{ns}mime-type")}
    assert globs == {"application/x-hazedesk-session": "*.hazedesk", "application/x-hazedesk-case": "*.hzcase"}


def test_the_man_page_lists_every_subcommand(tmp_path):
    from app.cli import command_names
    from tools.make_manpage import main

    main(["--out", str(tmp_path), "--date", "2026-12-06"])
    page = (tmp_path / "hazedesk-cli.1").read_text(encoding="utf-8")
    for name in command_names():
        assert f".SS {name}" in page
    if shutil.which("man"):
        shown = subprocess.run(["man", "-l", str(tmp_path / "hazedesk-cli.1")], capture_output=True, text=True,
                               env={"MANWIDTH": "100", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
        assert "EXIT STATUS" in shown.stdout and "hazedesk-cli" in shown.stdout


def _version() -> str:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
