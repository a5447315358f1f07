"""Word reads a paragraph's or a run's properties only in the schema's order (CT_PPr, CT_RPr; ECMA-376 Part 1
§17.3.1.26, §17.3.2.28) and may refuse a file that breaks it; LibreOffice forgives it, so only Word users would
see it. The template's styles had autoSpaceDE/DN after jc and the body's character spacing after sz: python-docx
1.x keeps its element order only while building its classes, and our insertion helper appended instead."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from app.cli import main
from app.export.docx_xml import P_PR_ORDER, R_PR_ORDER
from app.export.proposal_docx import TEMPLATE
from app.paths import SAMPLES_DIR

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _out_of_order(path) -> list[str]:
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = etree.fromstring(archive.read(name))
            for tag, order in (("pPr", P_PR_ORDER), ("rPr", R_PR_ORDER)):
                names = [t.removeprefix("w:") for t in order]
                for element in root.iter(W + tag):
                    kids = [c.tag.removeprefix(W) for c in element if c.tag.startswith(W)]
                    places = [names.index(k) for k in kids if k in names]
                    if places != sorted(places):
                        found.append(f"{path.name}:{name} {tag}: {' '.join(kids)}")
    return found


def test_the_shipped_template_is_in_schema_order():
    assert _out_of_order(TEMPLATE) == []


@pytest.mark.parametrize("fonts", ["auto", "bundled"])
def test_letters_and_approval_forms_are_in_schema_order(tmp_path, fonts):
    docx = tmp_path / "letters.docx"
    assert main(["proposal", str(SAMPLES_DIR / "sample-red-plain-south.csv"), "--per-route", "--red-header",
                 "--date", "2026-12-19", "--doc-number", "川渝联防办〔2026〕7号", "--word-fonts", fonts,
                 "--approval-form", "--docx", str(docx)]) == 0
    files = sorted(tmp_path.glob("*.docx"))
    assert len(files) == 3  # the letters and a 呈批件 for each route
    assert [problem for path in files for problem in _out_of_order(path)] == []
