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


def test_the_guide_explains_consultation_cases_review_and_data_quality():
    """Issue 25.7: F1 said nothing on 会商, 案例, 评估 and 数据质量 — what an officer is least likely to know."""
    zh, en = guide_html("zh"), guide_html("en")
    for title in ("八、预测会商", "九、案例库", "十、应对评估", "十一、数据质量", "十二、常用快捷键"):
        assert f"</a>{title}</h2>" in zh, title
    for key in ("consult", "cases", "review", "quality"):  # in the contents at the top
        assert f"<a href='#{key}'>" in zh and f"<a href='#{key}'>" in en, key
    for words in ("Ctrl+Shift+K", "采用为会商结论", "导出会商纪要", "记录已发函件", "选择实测数据", "命中（等级偏高一级）",
                  "评估报告", "查看全部", "紫色斜线", "结果可能偏低", "无数据"):
        assert words in zh, words
    for title in ("8. Forecast consultation", "9. Case library", "10. Review against observations",
                  "11. Data quality", "12. Keys"):
        assert f"</a>{title}</h2>" in en, title
    for words in ("Adopt as consensus", "Export minutes", "Record an issued letter", "Choose observed data",
                  "hit (one level too high)", "Show all", "purple hatching", "the result may be too low"):
        assert words in en, words
