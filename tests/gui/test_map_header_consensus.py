"""The map's header names an adopted 会商 consensus in the interface language (the English map said
"会商结论：ensemble median": the word sat inside an f-string, where lupdate never saw it, so its translation was
dropped as vanished)."""

from __future__ import annotations

from types import SimpleNamespace


def test_the_consensus_word_is_translated(desk):
    from app.gui.i18n import install_language
    from app.gui.map.header import _title

    desk.state.consultation = SimpleNamespace(consensus={"label": "集合中位数", "label_en": "ensemble median"})
    try:
        assert _title(desk.state).endswith("  ·  会商结论：集合中位数")
        assert install_language("en")
        title = _title(desk.state)
        assert title.endswith("  ·  Consensus: ensemble median") and "会商" not in title
    finally:
        install_language("zh")
        desk.state.consultation = None
