"""The machine-readable record an exported proposal letter carries: what the letter puts in force, changes or lifts.

The officer can later take the warnings in force straight from an issued letter (``proposal_readback``) instead of
typing them again. The record is a small JSON object::

    {"format": "hazedesk-proposal", "version": 1, "kind": "start", "doc_number": "…", "title": "…",
     "scheme": "<scheme id>", "forecast_sha256": "…", "sender": "…", "recipients": "…", "date": "2026-01-09",
     "changes": [{"action": "start", "region": "…", "level": "orange", "start": "2026-01-09T00:00:00+08:00",
                  "end": "2026-01-11T23:00:00+08:00", "previous_level": null, "previous_start": null}],
     "data_findings": {"accepted_in": "review dialog", "count": 1, "counts": {…}, "items": [{"severity": …}]},
     "digest": "<sha256 of the canonical JSON of everything else>"}

``sender`` (发文机关署名), ``recipients`` (主送) and ``date`` (成文日期) say who wrote to whom and when, for the
case library; records written before they were added lack them (read back as empty).

``data_findings`` (only when the forecast had findings): the data-quality findings present when the letter was
made and accepted by the officer (``app.domain.quality.findings_record``).

One change per regional episode of a start letter; one for a follow-up letter (upgrade / downgrade: the new level
from ``start``; lift: level "none"). ``end`` is the inclusive last hour, as ``WarningInForce.end``. The digest
detects a damaged or hand-edited record; it is a checksum, not a signature (anyone may recompute it).

A file holding several letters (``hazedesk proposal`` without ``--split``) carries one record listing every
letter in order, each with its own digest, under a digest of the whole::

    {"format": "hazedesk-proposal", "version": 1, "kind": "set", "letters": [<record>, <record>, …],
     "pages": [[1, 2], [3, 4], …], "digest": "…"}

Reading it back applies the letters in that order (``proposal_readback.read_issued_letters``). ``pages`` (PDF
only: the pages are known once the file is laid out) gives each letter's first and last page of the file,
counted from 1; each :class:`IssuedLetter` read back knows its place in the file (``part`` of ``parts``,
``pages``), so the case library can say where each letter of a combined file lives.

How it is stored: in the .docx as custom document properties (``HazeDeskRecord01``, ``02`` … each ≤ 255
characters, the most Word keeps for a property value, so the record survives re-saving in Word); in the PDF as
an embedded file ``hazedesk-proposal.json`` (see ``proposal_pdf``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import datetime

import pandas as pd

from app import untrusted
from app.domain.proposal import KINDS, Proposal
from app.domain.scheme import BEIJING, LEVELS, Scheme
from app.errors import InputError, Problem

RECORD_FORMAT = "hazedesk-proposal"
RECORD_VERSION = 1
PDF_ATTACHMENT_NAME = "hazedesk-proposal.json"
SET_KIND = "set"  # a file holding several letters
EXPECTED = "a proposal letter exported by HazeDesk (建议函 .docx or .pdf)"

MAX_RECORD_TEXT = 4096  # a title, 发文字号, sender, 主送 list or date read back from a letter (主送 of every city: ~1 KB)


@dataclass(frozen=True)
class LetterChange:
    """One region's warning as a letter sets it."""

    action: str  # start | upgrade | downgrade | lift | extend | revise | cancel (spec §7)
    region: str  # the current scheme's region name
    level: str  # the level from ``start`` on; "none" for a lift or cancel
    start: datetime | None  # when it applies (None: a follow-up "即时", from the letter on)
    end: datetime | None = None  # the one expected end the letter states (inclusive last hour)
    previous_level: str | None = None  # follow-ups: the warning the letter acts on
    previous_start: datetime | None = None
    end_at_least: bool = False  # the end is "at least": the 过程 was still open when the letter was written


@dataclass(frozen=True)
class IssuedLetter:
    file: str
    kind: str  # start | upgrade | downgrade | lift
    title: str
    doc_number: str
    scheme_id: str
    forecast_sha256: str
    changes: tuple[LetterChange, ...]
    digest: str = ""  # the letter's own record checksum: the same letter in any file has the same one
    sender: str = ""  # 发文机关署名 ("" in records written before it was kept)
    recipients: str = ""  # 主送
    date: str = ""  # 成文日期, YYYY-MM-DD
    part: int = 1  # its place in the file: letter ``part`` of ``parts``
    parts: int = 1
    pages: tuple[int, int] | None = None  # first and last page of the file (PDF), None when not known


def _iso(t) -> str | None:
    return None if t is None else pd.Timestamp(t).tz_convert(BEIJING).isoformat()


def proposal_record(proposal: Proposal) -> dict | None:
    """The record for an exported letter; None for a follow-up built without its recommendation (nothing to say)."""
    if proposal.kind == "start":
        changes = [{"action": "start", "region": e.region, "level": e.level, "start": _iso(e.start),
                    "end": _iso(e.end), "previous_level": None, "previous_start": None}
                   | ({"end_at_least": True} if e.end_at_least else {}) for e in proposal.episodes]
    elif proposal.recommendation is not None:
        rec = proposal.recommendation
        gone = proposal.kind in ("lift", "cancel")
        start = rec.new_start if proposal.kind == "revise" and rec.new_start is not None else rec.from_time
        changes = [{"action": proposal.kind, "region": rec.region, "level": "none" if gone else rec.new_level,
                    "start": _iso(start), "end": None if gone else _iso(rec.until),
                    "previous_level": rec.in_force_level, "previous_start": _iso(rec.in_force_start)}
                   | ({"end_at_least": True} if rec.until_at_least and not gone else {})]
    else:
        return None
    record = {"format": RECORD_FORMAT, "version": RECORD_VERSION, "kind": proposal.kind,
              "doc_number": proposal.doc_number, "title": proposal.title, "scheme": proposal.scheme_id,
              "forecast_sha256": proposal.forecast_sha256, "changes": changes, "sender": proposal.signer,
              "recipients": proposal.recipients,
              "date": proposal.letter_date.isoformat() if proposal.letter_date is not None else ""}
    if proposal.data_findings:  # the data-quality findings present and accepted when the letter was made
        from app.domain.quality import findings_record

        record["data_findings"] = findings_record(proposal.data_findings, proposal.findings_accepted_in)
    record["digest"] = _digest(record)
    return record


def combined_record(proposals: list[Proposal]) -> dict | None:
    """The record for a file holding ``proposals`` in order: one letter's own record, or a set of them (letters
    without a record are left out: they change nothing); None when no letter has one."""
    records = [r for r in (proposal_record(p) for p in proposals) if r is not None]
    if not records:
        return None
    if len(proposals) == 1:
        return records[0]
    record = {"format": RECORD_FORMAT, "version": RECORD_VERSION, "kind": SET_KIND, "letters": records}
    record["digest"] = _digest(record)
    return record


def with_pages(record: dict | None, starts: list[int], last_page: int) -> dict | None:
    """A set record with each letter's pages, from the page each letter starts on and the file's last page (the
    outer digest recomputed; each letter's own is unchanged). A one-letter record is returned as it is."""
    if record is None or record.get("kind") != SET_KIND or len(starts) != len(record["letters"]):
        return record
    ends = [start - 1 for start in starts[1:]] + [last_page]
    record = {k: v for k, v in record.items() if k != "digest"}
    record["pages"] = [[start, end] for start, end in zip(starts, ends, strict=True)]
    record["digest"] = _digest(record)
    return record


def _digest(record: dict) -> str:
    body = {k: v for k, v in record.items() if k != "digest"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def encode_record(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def parse_record(text: str, file: str, scheme: Scheme) -> IssuedLetter:
    """Check a one-letter record read from ``file`` and resolve its regions in ``scheme``; InputError says what is
    wrong (also for a file holding several letters: use :func:`parse_records`)."""
    letters = parse_records(text, file, scheme)
    if len(letters) != 1:
        count = len(letters)
        raise InputError(Problem(f"this file holds {count} letters, not one", file=file,
                                 expected="a file holding one letter"))
    return letters[0]


def parse_records(text: str, file: str, scheme: Scheme) -> list[IssuedLetter]:
    """Every letter a record read from ``file`` lists, in order (one for a single letter)."""
    try:
        record = json.loads(text)
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise InputError(Problem(f"the HazeDesk record in this letter is damaged (not JSON: {reason})", file=file,
                                 expected=EXPECTED)) from exc
    if isinstance(record, dict) and record.get("kind") == SET_KIND:
        _check_header(record, file)
        letters = record.get("letters")
        if not isinstance(letters, list) or not letters:
            raise InputError(Problem("the HazeDesk record lists no letter", file=file, column="letters",
                                     expected="at least one letter record"))
        pages = _pages(record.get("pages"), len(letters))
        return [replace(_letter(item, file, scheme, where=f"letters[{i}]."), part=i + 1, parts=len(letters),
                        pages=pages[i]) for i, item in enumerate(letters)]
    return [_letter(record, file, scheme)]


def _pages(value, count: int) -> list[tuple[int, int] | None]:
    """Each letter's (first, last) page from a set record's ``pages``; None for each when it is absent (a .docx,
    or a file written before pages were kept) or not a list of ascending page pairs, one per letter."""
    try:
        pairs = [(int(a), int(b)) for a, b in value]
    except (TypeError, ValueError):
        return [None] * count
    ascending = all(1 <= a <= b for a, b in pairs) and all(b < c for (_, b), (c, _) in zip(pairs, pairs[1:]))
    return pairs if len(pairs) == count and ascending else [None] * count


def _check_header(record, file: str, where: str = "") -> None:
    def damaged(message: str, **at) -> InputError:
        return InputError(Problem(message, file=file, expected=at.pop("expected", EXPECTED), **at))

    if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT:
        raise damaged("the embedded record is not a HazeDesk proposal record")
    if record.get("version") != RECORD_VERSION:
        raise damaged("the HazeDesk record has an unknown version", column=f"{where}version",
                      value=str(record.get("version")),
                      expected=f"version {RECORD_VERSION} (export the letter again with this HazeDesk)")
    if record.get("digest") != _digest(record):
        raise damaged("the HazeDesk record in this letter was changed after export (its checksum does not match)",
                      column=f"{where}digest",
                      expected="the record exactly as HazeDesk wrote it (export the letter again)")


def _letter(record, file: str, scheme: Scheme, where: str = "") -> IssuedLetter:
    _check_header(record, file, where)
    kind = record.get("kind")
    changes = record.get("changes")
    if kind not in KINDS or not isinstance(changes, list) or not changes:
        raise InputError(Problem("the HazeDesk record names no letter kind or no change", file=file,
                                 column=f"{where}kind", value=str(kind),
                                 expected=" / ".join(KINDS) + " with at least one change"))
    untrusted.sha256(record.get("forecast_sha256", ""), field=f"{where}forecast_sha256", file=file, empty=True)
    for key in ("title", "doc_number", "sender", "recipients", "date", "scheme"):
        if len(str(record.get(key) or "")) > MAX_RECORD_TEXT:  # kept in the case library: a name, not a book
            raise InputError(Problem("a field of the HazeDesk record is too long", file=file, column=f"{where}{key}",
                                     value=f"{len(str(record.get(key)))} characters",
                                     expected=f"at most {MAX_RECORD_TEXT} characters"))
    return IssuedLetter(file=file, kind=kind, title=str(record.get("title", "")),
                        doc_number=str(record.get("doc_number", "")), scheme_id=str(record.get("scheme", "")),
                        forecast_sha256=str(record.get("forecast_sha256", "")), digest=str(record["digest"]),
                        sender=str(record.get("sender") or ""), recipients=str(record.get("recipients") or ""),
                        date=str(record.get("date") or ""),
                        changes=tuple(_change(item, f"{where}changes[{i}]", kind, file, scheme)
                                      for i, item in enumerate(changes)))


def _change(item, where: str, kind: str, file: str, scheme: Scheme) -> LetterChange:
    if not isinstance(item, dict):
        raise InputError(Problem("a change in the HazeDesk record is not an object", file=file, column=where,
                                 expected="{action, region, level, start, end}"))
    try:
        region = scheme.region(str(item.get("region"))).name
    except KeyError:
        raise InputError(Problem("the letter names a region the current scheme does not have", file=file,
                                 column=f"{where}.region", value=str(item.get("region")),
                                 expected=f"a region of scheme {scheme.id}: "
                                          + " / ".join(r.name for r in scheme.regions))) from None
    action, level = item.get("action"), item.get("level")
    allowed = ("none",) if action in ("lift", "cancel") else LEVELS[1:]
    if action != kind or level not in allowed:
        raise InputError(Problem("the HazeDesk record has a change that does not fit the letter", file=file,
                                 column=f"{where}.level", value=f"{action}/{level}",
                                 expected=f"{kind} with level {' / '.join(allowed)}"))
    times = {}
    for key in ("start", "end", "previous_start"):
        value = item.get(key)
        try:
            times[key] = None if value is None else datetime.fromisoformat(value).astimezone(BEIJING)
        except (TypeError, ValueError):
            raise InputError(Problem("a time in the HazeDesk record is not a date-time", file=file,
                                     column=f"{where}.{key}", value=str(value),
                                     expected="ISO 8601 with offset, e.g. 2026-01-09T00:00:00+08:00")) from None
    if kind == "start" and times["start"] is None:
        raise InputError(Problem("the HazeDesk record has a warning without a start", file=file,
                                 column=f"{where}.start", expected="the warning's start time"))
    previous = item.get("previous_level")
    return LetterChange(action=action, region=region, level=level, start=times["start"], end=times["end"],
                        previous_level=previous if previous in LEVELS else None,
                        previous_start=times["previous_start"], end_at_least=item.get("end_at_least") is True)
