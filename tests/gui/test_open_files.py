"""Files opened as a desktop opens them: ``hazedesk FILE`` (no subcommand) is ``hazedesk gui FILE``, and a
``.hzcase`` given to the window is imported into the case library in the 案例 dock (the Linux package's MIME
types and Windows' file associations start the program so)."""

from __future__ import annotations

import hashlib

from app.cases.library import open_library
from app.domain.forecast import ForecastMeta


def test_a_file_as_the_first_argument_opens_the_window_on_it(tmp_path, monkeypatch):
    import app.cli.gui as gui_cli
    from app.cli import main

    opened = []
    monkeypatch.setattr(gui_cli, "run", lambda args: opened.append((args.forecast, args.lang)) or 0)
    session = tmp_path / "duty.hazedesk"
    session.write_text("{}", encoding="utf-8")
    assert main([str(session), "--lang", "en"]) == 0
    assert opened == [(str(session), "en")]


def test_a_command_name_or_a_missing_file_is_not_opened(tmp_path, monkeypatch, capsys):
    import app.cli.gui as gui_cli
    from app.cli import main, opens_a_file

    monkeypatch.setattr(gui_cli, "run", lambda args: 0)
    assert not opens_a_file("evaluate") and not opens_a_file("--version")
    assert not opens_a_file(str(tmp_path / "nosuch.hazedesk")) and not opens_a_file(str(tmp_path))
    try:
        main(["evalaute"])
    except SystemExit as exc:  # argparse: invalid choice, as before
        assert exc.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_a_case_file_given_to_the_window_is_imported_in_the_cases_dock(desk, tmp_path):
    from app.cases.exchange import export_case
    from app.gui.app import import_case_file, is_case_file

    other = open_library(tmp_path / "other-office.sqlite")
    case = other.create_case("重庆来的案例")
    content = b"time,city,pm25\n"
    other.add_forecast(case, ForecastMeta(source_path="/x/f.csv", sha256=hashlib.sha256(content).hexdigest()),
                       name="f", content=content)
    path = export_case(other, case, tmp_path / "case.hzcase")
    assert is_case_file(str(path)) and not is_case_file("f.csv")
    imported = import_case_file(desk, str(path))
    dock = desk.window.docks["CasesDock"]
    assert imported is not None, dock.message.text()
    assert dock.isVisible()
    titles = [dock.table.item(r, c).text() for r in range(dock.table.rowCount()) for c in range(dock.table.columnCount())
              if dock.table.item(r, c)]
    assert "重庆来的案例" in titles
