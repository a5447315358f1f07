"""Bad input exits 2, never 1 (issue 22, item 10): malformed .hzcase JSON (schema as text, tables as a list, a row
as a string, deep nesting), a deeply nested session, --signer over 255 characters, a cases.sqlite with no tables;
and a long joined title or recorder name no longer breaks the Word file's properties."""

from __future__ import annotations

import json
import sqlite3

import pytest

from app.cli import main
from app.errors import InputError
from app.paths import SAMPLES_DIR

ORANGE = SAMPLES_DIR / "sample-regional-orange.csv"
DEEP = "[" * 100_000 + "]" * 100_000


def base_case(tmp_path) -> dict:
    from app.cases.exchange import case_document
    from app.cases.library import open_library

    lib = open_library(tmp_path / "origin.sqlite")
    case = lib.create_case("t")
    return case_document(lib, case)


@pytest.mark.parametrize("damage", ["schema-text", "tables-list", "row-string", "deep", "deep-row", "case-list"])
def test_malformed_case_json_exits_2(tmp_path, capsys, damage):
    doc = base_case(tmp_path)
    if damage == "schema-text":
        doc["schema"] = "three"
    elif damage == "tables-list":
        doc["tables"] = [["letters"]]
    elif damage == "row-string":
        doc["tables"]["letters"] = ["not a row"]
    elif damage == "case-list":
        doc["case"] = [doc["case"]]
    path = tmp_path / "bad.hzcase"
    text = json.dumps(doc, separators=(",", ":"))
    if damage == "deep":
        text = DEEP
    elif damage == "deep-row":
        assert '"letters":[]' in text
        text = text.replace('"letters":[]', '"letters":' + DEEP)
    path.write_text(text, encoding="utf-8")
    assert main(["case", "--db", str(tmp_path / "cases.sqlite"), "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "internal error" not in err


def test_a_deeply_nested_session_is_refused(tmp_path):
    from app.desk.session_file import load_session

    path = tmp_path / "deep.hazedesk"
    path.write_text('{"format": "hazedesk-session/1", "working": ' + DEEP + "}", encoding="utf-8")
    with pytest.raises(InputError, match="nested too deeply"):
        load_session(path)
    working = '{"format": "hazedesk-working-state/1", "consultation": ' + "{\"a\": " * 900 + "1" + "}" * 900 + "}"
    path.write_text('{"format": "hazedesk-session/1", "working": ' + working + "}", encoding="utf-8")
    with pytest.raises(InputError):
        load_session(path)


def test_a_signer_over_255_characters_exits_2(tmp_path, capsys):
    code = main(["proposal", str(ORANGE), "--docx", str(tmp_path / "a.docx"), "--signer", "签" * 300])
    err = capsys.readouterr().err
    assert code == 2 and "--signer" in err and "300 characters" in err and "internal error" not in err
    assert not (tmp_path / "a.docx").exists()


def test_word_properties_hold_at_most_255_characters():
    from app.export.proposal_docx import core_text

    assert core_text("短") == "短"
    long = core_text("关于启动盆地中部地区重污染天气橙色预警的建议函；" * 20)
    assert len(long) == 255 and long.endswith("…")


@pytest.mark.parametrize("setup", ["stamped-no-tables", "other-program"])
def test_a_cases_sqlite_with_no_tables_exits_2(tmp_path, capsys, setup):
    db = tmp_path / "cases.sqlite"
    conn = sqlite3.connect(db)
    if setup == "stamped-no-tables":
        conn.execute("PRAGMA user_version = 3")
    else:
        conn.execute("PRAGMA user_version = 3")
        conn.execute("CREATE TABLE cases (id TEXT)")
    conn.commit()
    conn.close()
    assert main(["case", "--db", str(db), "list"]) == 2
    err = capsys.readouterr().err
    assert "not a HazeDesk case library" in err and str(db) in err and "internal error" not in err


def test_a_deeply_nested_scheme_exits_2(tmp_path, capsys):
    scheme = tmp_path / "deep.toml"
    scheme.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert main(["evaluate", str(ORANGE), "--scheme", str(scheme)]) == 2
    err = capsys.readouterr().err
    assert "nested too deeply" in err and "internal error" not in err
