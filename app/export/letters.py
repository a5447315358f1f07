"""Write proposal letters as .docx and/or .pdf (one file holding several letters, or one file each), the 呈批件
beside them, and record them in the audit log."""

from __future__ import annotations

from pathlib import Path

from app.domain.forecast import ForecastMeta
from app.domain.proposal import Proposal
from app.domain.scheme import Scheme
from app.errors import InputError, Problem
from app.export.audit import record_export
from app.export.proposal_docx import write_docx
from app.export.proposal_pdf import write_pdf

KIND_WORDS = {"start": "启动", "upgrade": "升级", "downgrade": "降级", "lift": "解除", "extend": "延长", "revise": "调整",
              "cancel": "取消"}


def _findings_details(proposal: Proposal | None) -> dict:
    if proposal is None or not proposal.data_findings:
        return {}
    from app.domain.quality import findings_record

    return {"data_findings": findings_record(proposal.data_findings, proposal.findings_accepted_in)}


def _check(docx, pdf) -> None:
    if docx is None and pdf is None:
        raise InputError(Problem("no output given", column="--docx/--pdf", expected="a .docx and/or a .pdf path"))
    for path, suffix, option in ((docx, ".docx", "--docx"), (pdf, ".pdf", "--pdf")):
        if path is not None and Path(path).suffix.lower() != suffix:
            raise InputError(Problem("wrong file type", file=str(path), column=option, expected=f"a {suffix} file"))


def export_proposal(proposal: Proposal | list[Proposal], *, docx: str | Path | None = None,
                    pdf: str | Path | None = None, scheme: Scheme, meta: ForecastMeta, word_fonts: str = "auto",
                    red_header: str | list[str] = "", duplex: bool = True) -> list[Path]:
    """Write the letter(s) to the given paths (each atomically; several letters: in order, each from a new page
    numbered from 1) and append one audit entry for them."""
    _check(docx, pdf)
    letters = proposal if isinstance(proposal, list) else [proposal]
    written = []
    if docx is not None:
        written.append(write_docx(letters, docx, word_fonts=word_fonts, red_header=red_header, duplex=duplex))
    if pdf is not None:
        written.append(write_pdf(letters, pdf, red_header=red_header, duplex=duplex))
    first = letters[0]
    record_export(f"proposal-{first.kind}", written, scheme_id=scheme.id, scheme_version=scheme.version,
                  forecast_sha256=meta.sha256, forecast_path=meta.source_path, edits=first.edits,
                  details={"titles": [p.title for p in letters], "title": first.title, "level": first.level,
                           "episodes": [e.number for p in letters for e in p.episodes],
                           "doc_number": first.doc_number, "doc_numbers": [p.doc_number for p in letters],
                           "kinds": [p.kind for p in letters], "sides": [p.side for p in letters],
                           **_findings_details(first)})
    return written


WINDOWS_FORBIDDEN = '<>:"/\\|?*'
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}


def file_stem(text: str) -> str:
    """``text`` as a file name Windows accepts (no <>:"/\\|?*, control characters, trailing dot or space, or a
    device name such as CON) — what a save dialog offers."""
    stem = "".join("_" if c in WINDOWS_FORBIDDEN or ord(c) < 32 else c for c in text).rstrip(". ")
    if not stem or stem.split(".")[0].upper() in WINDOWS_RESERVED:
        stem = f"_{stem}"
    return stem


def letters_file_stem(letters: list[Proposal]) -> str:
    """The name a save dialog offers for a file of these letters: one letter's title; for several, what the file
    holds — the date and how many letters of which kind (2026年12月6日区域预警建议函（3件：降级2件、解除1件）),
    not the first letter's title."""
    if len(letters) == 1:
        return file_stem(letters[0].title)
    counts: dict[str, int] = {}
    for letter in letters:
        word = KIND_WORDS.get(letter.kind, letter.kind)
        counts[word] = counts.get(word, 0) + 1
    kinds = "、".join(f"{word}{n}件" for word, n in counts.items())
    what = kinds if len(counts) == 1 else f"{len(letters)}件：{kinds}"
    return file_stem(f"{letters[0].date_text}区域预警建议函（{what}）")


def letter_label(proposal: Proposal) -> str:
    """A short file-name part for one letter: 启动-红色, 升级-盆地中部地区, 解除-成都平原地区-四川省 …"""
    if proposal.recommendation is not None:
        parts = [KIND_WORDS[proposal.kind], proposal.recommendation.region]
    else:
        levels = sorted({e.level for e in proposal.episodes})
        from app.domain.letter_wording import LEVEL_ZH

        parts = [KIND_WORDS[proposal.kind], "".join(LEVEL_ZH[x] for x in levels)]
    if proposal.side:
        parts.append(proposal.side)
    return "-".join(parts)


def split_path(path: str | Path, number: int, proposal: Proposal) -> Path:
    path = Path(path)
    return path.with_name(f"{path.stem}-{number}-{letter_label(proposal)}{path.suffix}")


def approval_path(path: str | Path, suffix: str = "") -> Path:
    path = Path(path)
    return path.with_name(f"{path.stem}-呈批件{suffix}{path.suffix}")
