"""Font checks on PDFs: poppler's pdffonts/pdftotext when installed, and a byte-level check that always runs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path


def embedded_font_report(pdf: Path) -> list[tuple[str, bool]]:
    """(font name, embedded) per font from ``pdffonts``; [] when poppler is not installed."""
    if shutil.which("pdffonts") is None:
        return []
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    report = []
    for row in rows:
        cells = row.split()
        # columns from the right: object ID (2), uni, sub, emb
        report.append((cells[0], cells[-5] == "yes"))
    return report


def text_of(pdf: Path) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def fonts_embedded_bytes(data: bytes) -> tuple[int, int, int]:
    """(font descriptors, embedded font programs, non-embedded standard fonts) counted in the raw PDF.

    Every font is embedded when the first two are equal and the third is 0."""
    descriptors = len(re.findall(rb"/Type\s*/FontDescriptor", data))
    programs = len(re.findall(rb"/FontFile[23]?\b", data))
    standard = len(re.findall(rb"/BaseFont\s*/(?:Helvetica|Times-Roman|Courier|Symbol|ZapfDingbats)", data))
    return descriptors, programs, standard
