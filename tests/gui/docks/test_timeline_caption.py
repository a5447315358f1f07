"""The timeline's caption: its parts (the units' names, the lines' legend, the dotted observed daily AQI, the
solid observed / dashed forecast hours, the "no city selected" note) joined with the right punctuation in every
combination, in Chinese and in English (walkthrough ld01: "…预警等级。；实线：实况…")."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest
from PySide6.QtGui import QTextDocument

from app.gui.docks.timeline_dock import TimelineDock

SHOWN = ("none", "selected", "peaks", "episode")


def plain(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


@pytest.fixture(params=["zh", "en"])
def language(request, qapp):
    from app.gui.i18n import install_language

    assert install_language(request.param)
    yield request.param
    install_language("zh")


def caption(qtbot, state, monkeypatch, shown: str, observed_hours: int, dotted: bool) -> str:
    dock = TimelineDock(state)
    qtbot.addWidget(dock)
    if shown == "none":  # no selection, no episode and no city with a daily AQI: no line is drawn
        monkeypatch.setattr(dock, "_peak_units", lambda count: [])
    elif shown == "selected":
        state.set_selection(["成都市", "德阳市"])
    elif shown == "episode":
        state.set_episode(0)
    state.evaluation.observed_hours = observed_hours
    if dotted:  # the review's observed daily AQI, covering the forecast
        n = len(state.evaluation.times)
        monkeypatch.setattr(dock, "_observed_daily", lambda unit: np.full(n, 120.0))
        state.observations = object()
    dock.refresh()
    return plain(dock.title.text())


@pytest.mark.parametrize("shown,observed_hours,dotted",
                         list(itertools.product(SHOWN, (0, 24), (False, True))))
def test_the_caption_is_punctuated_right_in_every_combination(language, qtbot, state, monkeypatch, shown,
                                                             observed_hours, dotted):
    text = caption(qtbot, state, monkeypatch, shown, observed_hours, dotted)
    if shown == "none":
        expected = {"zh": "在地图上单击选择城市（Ctrl+单击多选），这里显示它的小时 AQI、日 AQI 和预警等级。",
                    "en": "Click a city on the map (Ctrl+click for several) to see its hourly AQI, daily AQI and "
                          "warning level here."}[language]
        assert text == expected  # no legend of lines that are not drawn
        return
    names, legend = text.split(" · ", 1)
    assert names.startswith("━ ")
    if language == "zh":
        parts = ["细线：小时 AQI，粗线：日 AQI（自然日）；底部色带：本市等级 / 预警等级"]
        parts += ["点线：实测日 AQI"] * dotted + ["实线：实况，虚线：预报"] * bool(observed_hours)
        expected = "；".join(parts)
        if shown == "peaks":
            expected = "未选城市：显示日 AQI 峰值最高的联动城市（在地图上单击可换成其他城市）。" + expected
        assert not re.search(r"[。；，]\s*[。；，]|[。；，] |^\s*[；。]", legend)
    else:
        parts = ["Thin: hourly AQI, thick: daily AQI (calendar day); strips below: own level / warning level"]
        parts += ["dotted: observed daily AQI"] * dotted + ["solid: observed, dashed: forecast"] * bool(observed_hours)
        expected = "; ".join(parts)
        if shown == "peaks":
            expected = ("No city selected: showing the linkage cities with the highest daily AQI (click the map to "
                        "choose others). ") + expected
        assert not re.search(r"[.;,]\s*[.;,]|[.;,]\S|\s[.;,]", legend.replace("/ ", ""))
        assert not [ch for ch in legend if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"]
    assert legend == expected
