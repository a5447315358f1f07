"""Every problem message in the code has Chinese, and bad inputs read in Chinese in the CLI and in render("zh").

The completeness test reads the source (tests/message_sources.py), so a new message without a catalogue entry
fails here, and a catalogue entry whose message left the code fails too.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from app import cli
from app.domain import messages_zh
from app.errors import InputError, Problem
from app.importing import load_forecast
from tests.message_sources import HOLE, collapse, collect

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")  # Chinese characters and punctuation


def shape(key: str) -> str:
    return collapse(PLACEHOLDER.sub(HOLE, key))


@pytest.fixture(scope="module")
def findings():
    return collect(ROOT)


def test_the_walk_finds_the_known_kinds_of_call_site(findings):
    # direct Problem(...), a wrapper (the scheme reader's fail), an f-string, a variable set in two branches,
    # a wrapper in another module (cells.parse_numbers ← tables), a helper's return value (known_headers)
    for expected in ("a city-hour given twice", "durations are whole days of 24 h or more",
                     "the row has {} cells but the header has {}", "an empty time cell", "a time that cannot be read",
                     "a concentration in µg/m³ (≥ 0)", "unknown unit name ({} row{})"):
        assert expected in findings.shapes
    assert any(s.startswith("time/时间") for s in findings.shapes)
    assert len(findings.shapes) > 300


def test_every_message_in_the_code_has_chinese(findings):
    assert not findings.unresolved, "call sites the walk cannot trace (teach tests/message_sources.py):\n" + \
        "\n".join(findings.unresolved)
    known = {shape(k) for k in messages_zh.keys()}
    missing = sorted(f"{s!r}  ({', '.join(sorted(findings.shapes[s])[:2])})"
                     for s in findings.shapes if s != HOLE and s not in known)
    assert not missing, "add these to app/domain/messages_zh.py:\n" + "\n".join(missing)


def test_no_catalogue_entry_outlives_its_message(findings):
    stale = [k for k in messages_zh.keys() if shape(k) not in findings.shapes]
    assert not stale, stale


def test_catalogue_entries_are_chinese_and_fill_only_known_placeholders():
    for key, chinese in messages_zh.entries():
        assert set(PLACEHOLDER.findall(chinese)) <= set(PLACEHOLDER.findall(key)), key
        # an entry without Chinese must be notation only (formats, ranges, option names), kept as it is
        assert CJK.search(chinese) or chinese == key, key
    for word, chinese in messages_zh.FRAGMENTS.items():
        assert CJK.search(chinese), word
    # one English text, one Chinese: the three tables never hold the same key
    messages, expected, words = set(messages_zh.MESSAGES), set(messages_zh.EXPECTED), set(messages_zh.FRAGMENTS)
    assert not (messages & expected) and not (words & (messages | expected))


def test_every_inserted_word_is_still_written_in_the_code():
    import ast

    literals = {node.value for pkg in ("app", "maps") for path in (ROOT / pkg).rglob("*.py")
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    assert not [word for word in messages_zh.FRAGMENTS if word not in literals]


def test_templates_carry_the_run_time_parts_and_translate_inserted_words():
    assert messages_zh.translate("the row has 4 cells but the header has 3") == "该行有 4 个单元格，但表头有 3 列"
    assert messages_zh.translate("unknown unit name (1 row)") == "无法识别的城市名称（共 1 行）"
    assert messages_zh.translate("the time repeats in a wide table") == "宽表中时间重复"
    assert messages_zh.translate("the latitude coordinate is not monotonic") == "纬度坐标不是单调的"
    assert messages_zh.translate("something new") == "something new"  # untranslated stays English, never lost
    assert messages_zh.translate(None) is None


def test_render_reads_naturally_and_str_stays_english():
    p = Problem("text in a number cell", file="f.csv", row=7, column="pm25", value="abc",
                expected="a concentration in µg/m³ (≥ 0)")
    assert p.render("zh") == "文件 f.csv，第 7 行，列 pm25：不是数字（读到 'abc'；应为 以 µg/m³ 为单位的浓度（≥ 0））"
    assert str(p) == p.render("en") == \
        "f.csv, row 7, column pm25: text in a number cell (found 'abc'; expected a concentration in µg/m³ (≥ 0))"
    assert Problem("no such file", file="a.csv", expected="an existing forecast file").render("zh") == \
        "文件 a.csv：文件不存在（应为 一个存在的预报文件）"
    error = InputError(p, [Problem("a negative value", row=8, column="pm25", value="-1")])
    assert error.render("zh").splitlines()[1] == "第 8 行，列 pm25：数值为负（读到 '-1'）"
    assert error.render("en") == str(error)
    assert p.localized("zh").row == 7 and p.localized("en") is p


def _load_error(tmp_path, content: str, **kwargs) -> InputError:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_forecast(path, **kwargs)
    return err.value


def test_unknown_city_with_suggestions_in_chinese(tmp_path):
    error = _load_error(tmp_path, "time,city,pm25\n2026-01-10 00:00,成都县,80\n")
    text = error.render("zh")
    assert "第 2 行，列 city：无法识别的城市名称（共 1 行）（读到 '成都县'" in text
    assert "您是否指：成都市" in text
    assert not re.search(r"[a-z]{4,}", text.split("：", 1)[1].replace("city", "")), text  # no English left


def test_duplicated_city_hour_and_text_in_number_cell_in_chinese(tmp_path):
    dup = _load_error(tmp_path, "time,city,pm25\n2026-01-10 00:00,成都市,80\n2026-01-10 00:00,成都市,81\n")
    assert dup.render("zh").endswith("第 3 行：城市-小时重复（读到 '成都市 2026-01-10 00:00'；"
                                     "应为 每个城市每个时间一行（首次出现在第 2 行））")
    text = _load_error(tmp_path, "time,city,pm25\n2026-01-10 00:00,成都市,80\n2026-01-10 01:00,成都市,abc\n")
    assert text.render("zh").endswith("第 3 行，列 pm25：不是数字（读到 'abc'；应为 以 µg/m³ 为单位的浓度（≥ 0））")


def test_wide_table_going_backwards_and_irregular_step_in_chinese(tmp_path):
    wide = _load_error(tmp_path, "time,成都市,绵阳市\n2026-01-10 01:00,80,80\n2026-01-10 00:00,80,80\n",
                       pollutant="pm25")
    assert "宽表中时间倒退" in wide.render("zh") and "宽表的时间列必须递增" in wide.render("zh")
    step = _load_error(tmp_path, "time,city,pm25\n" + "".join(f"2026-01-10 {h:02d}:00,成都市,80\n" for h in (0, 2, 4)))
    assert "时间步长不规则：时间以 2 小时为步长推进" in step.render("zh")


def test_warning_about_mg_per_cubic_metre_in_chinese(tmp_path):
    path = tmp_path / "mg.csv"
    path.write_text("time,city,pm25\n" + "".join(f"2026-01-10 {h:02d}:00,成都市,0.08\n" for h in range(24)),
                    encoding="utf-8")
    texts = [w.render("zh") for w in load_forecast(path).warnings]
    assert any("pm25 数值看起来是 mg/m³ 而不是 µg/m³（中位数 0.08，最大值 0.08）" in t for t in texts), texts
    assert any("59 个城市中有 58 个在此文件中没有数据" in t for t in texts), texts


@pytest.mark.parametrize(("environ", "lang"), [
    ({"HAZEDESK_LANG": "zh"}, "zh"), ({"HAZEDESK_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"), ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "C.UTF-8"}, "zh"), ({"LANG": "C.UTF-8"}, "en"), ({}, "en")])
def test_cli_message_language_from_the_environment(environ, lang):
    assert cli.message_language(environ) == lang


def _bad_csv(tmp_path) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text("time,city,pm25\n2026-01-10 00:00,成都市,80\n2026-01-10 01:00,成都市,abc\n", encoding="utf-8")
    return path


def test_cli_prints_chinese_with_hazedesk_lang_zh(tmp_path):
    env = {"HAZEDESK_LANG": "zh", "HAZEDESK_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "app", "inspect", str(_bad_csv(tmp_path))], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 2
    assert "hazedesk inspect：错误：文件 " in done.stderr
    assert "第 3 行，列 pm25：不是数字（读到 'abc'；应为 以 µg/m³ 为单位的浓度（≥ 0））" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_stays_english_otherwise(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("HAZEDESK_LANG", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert cli.main(["inspect", str(_bad_csv(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert err.startswith("hazedesk inspect: error: ")
    assert "row 3, column pm25: text in a number cell (found 'abc'" in err


def _eager_translate(text: str) -> str:
    """The lookup as it was: every template compiled, tried in order of literal length, the first that matches."""
    exact = messages_zh.MESSAGES.get(text) or messages_zh.EXPECTED.get(text) or messages_zh.FRAGMENTS.get(text)
    if exact is not None:
        return exact
    templates = []
    for key, chinese in messages_zh.entries():
        if PLACEHOLDER.search(key):
            pattern = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.*?)"
                              for i, part in enumerate(PLACEHOLDER.split(key)))
            templates.append((len(PLACEHOLDER.sub("", key)), re.compile(pattern, re.DOTALL), chinese))
    for _, pattern, chinese in sorted(templates, key=lambda t: -t[0]):
        match = pattern.fullmatch(text)
        if match:
            parts = {k: messages_zh.FRAGMENTS.get(v, v) for k, v in match.groupdict().items()}
            return PLACEHOLDER.sub(lambda m, parts=parts: parts[m.group(1)], chinese)
    return text


def test_templates_compiled_on_demand_translate_as_all_compiled():
    """Templates are compiled only for texts that start and end as they do (issue 26): every template filled
    with numbers, words of the catalogue, empty parts and pieces of other templates translates as before."""
    import random

    rng = random.Random(26)
    keys = [k for k in messages_zh.keys() if PLACEHOLDER.search(k)]
    fillers = ["3", "", "成都市", "a b", *list(messages_zh.FRAGMENTS)[:20], *(k[:12] for k in keys[:30])]
    texts = []
    for key in keys:
        for _ in range(3):
            texts.append(PLACEHOLDER.sub(lambda m: rng.choice(fillers), key))
        texts.append(PLACEHOLDER.sub("", key))
        texts.append(PLACEHOLDER.sub("1", key)[1:])  # cut: most no longer match
    texts += [rng.choice(keys) + " " + rng.choice(keys) for _ in range(200)]
    for text in texts:
        assert messages_zh.translate(text) == _eager_translate(text), text
