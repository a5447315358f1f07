"""Proposal drafts: what the officer typed in the review dialog, autosaved so it survives a crash or a restart.

One file, ``user_state_dir()/drafts/proposal.json``: the letter fields per forecast (keyed by the forecast
file's sha256, so a draft comes back only for the forecast it was written for) and the office fields (signer,
copy-to, last document number) that carry over to the next forecast. Written atomically; an unreadable file
is set aside (renamed ``.bad``) rather than losing the dialog.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from app.atomic import write_text_atomic
from app.paths import user_state_dir

MAX_FORECASTS = 20  # drafts kept, newest first


@dataclass
class ProposalDraft:
    doc_number: str = ""
    signer: str = ""
    date: str = ""  # ISO date, "" for today
    met_text: str | None = None  # None: not edited (the prefill applies)
    copy_to: str = ""
    episodes: list[int] = field(default_factory=list)  # 1-based; [] for all
    letter: str = "start"  # "start", "followups" (all of them), "rec:<index>" for a follow-up letter, or "s7" (spec
    # §7's set with warnings in force: the follow-ups, then a start letter per new warning)
    # the 多件函 choices and how the letters are sent (as `hazedesk proposal --per-route --per-side --split
    # --approval-form --red-header`), and the sending side of a single letter ("" the joint letter)
    per_route: bool = False
    per_side: bool = False
    split: bool = False
    approval_form: bool = False
    red_header: bool = False
    side: str = ""


def drafts_path() -> Path:
    folder = user_state_dir() / "drafts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "proposal.json"


def _read() -> dict:
    try:
        path = drafts_path()
    except OSError:  # no usable state folder: no draft to give back (saving says why, in the dialog)
        return {}
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
        return data
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            path.replace(path.with_suffix(".json.bad"))
        return {}


def load_draft(forecast_sha256: str) -> tuple[ProposalDraft, bool]:
    """The draft for this forecast (True), else a new one carrying the office fields (False)."""
    data = _read()
    for entry in data.get("forecasts", []):
        if entry.get("sha256") == forecast_sha256 and forecast_sha256:
            return draft_from_dict(entry.get("draft", {})), True
    office = data.get("office", {})
    return ProposalDraft(signer=office.get("signer", ""), copy_to=office.get("copy_to", ""),
                         doc_number=office.get("doc_number", "")), False


def draft_from_dict(saved) -> ProposalDraft:
    """The draft from its saved fields: unknown ones dropped, a field of the wrong type (a hand-edited or older
    file) left at its default rather than breaking the dialog."""
    defaults = asdict(ProposalDraft())
    fields = {}
    for name, value in (saved.items() if isinstance(saved, dict) else ()):
        if name not in defaults:
            continue
        if name == "met_text":
            ok = value is None or isinstance(value, str)
        elif name == "episodes":
            ok = isinstance(value, list) and all(type(n) is int for n in value)
        else:
            ok = type(value) is type(defaults[name])
        if ok:
            fields[name] = value
    return ProposalDraft(**fields)


def save_draft(forecast_sha256: str, draft: ProposalDraft) -> None:
    data = _read()
    entries = [e for e in data.get("forecasts", []) if e.get("sha256") != forecast_sha256]
    entries.insert(0, {"sha256": forecast_sha256, "draft": asdict(draft)})
    data["forecasts"] = entries[:MAX_FORECASTS]
    data["office"] = {"signer": draft.signer, "copy_to": draft.copy_to, "doc_number": draft.doc_number}
    write_text_atomic(drafts_path(), json.dumps(data, ensure_ascii=False, indent=1))
