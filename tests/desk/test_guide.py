"""The user guide: both languages cover the same sections, name the window's real keys, and ship their pictures."""

from __future__ import annotations

import re

from app.desk.guide import guide_html, picture_path, pictures, sections


def test_both_languages_have_the_same_sections_and_pictures():
    assert [s.key for s in sections("zh")] == [s.key for s in sections("en")]
    assert pictures("zh") == pictures("en") and len(pictures("zh")) >= 5
    for lang in ("zh", "en"):
        for name in pictures(lang):
            path = picture_path(lang, name)
            assert path.is_file() and path.stat().st_size > 10_000, path


def test_the_guide_covers_the_officers_cycle():
    text = guide_html("zh")
    for words in ("打开预报", "逐时查看", "预警原因", "情景修改", "现行预警", "建议函", "会商图", "会话"):
        assert words in text, words
    assert text.count("<img") == len(pictures("zh"))
    english = guide_html("en")
    assert "What if" in english and "Session files" in english and not re.search(r"[\u4e00-\u9fff]{4,}", english
                                                                                  .replace("渝中", ""))
