"""A loaded forecast described for people: metadata, coverage, value ranges and warnings (``hazedesk inspect``,
and the GUI's file details). Plain dicts of JSON-ready values.
"""

from __future__ import annotations

import numpy as np

from app.domain.forecast import Forecast


def summarise(forecast: Forecast) -> dict:
    meta = forecast.meta
    fields = {}
    for name, arr in {**forecast.values, **forecast.met}.items():
        finite = arr[np.isfinite(arr)]
        fields[name] = {
            "kind": "met" if name in forecast.met else "value",
            "valid": int(finite.size), "missing": int(arr.size - finite.size),
            "min": _num(finite.min()) if finite.size else None,
            "mean": _num(finite.mean()) if finite.size else None,
            "max": _num(finite.max()) if finite.size else None,
        }
    return {
        "source": meta.source_path,
        "sha256": meta.sha256,
        "format": meta.source_format,
        "encoding": meta.encoding,
        "label": meta.label,
        "issued_at": meta.issued_at.isoformat() if meta.issued_at else None,
        "issued_at_source": meta.issued_at_source or None,
        "range_bound": meta.range_bound or None,
        "step_hours": forecast.step_hours,
        "start": forecast.start.isoformat(),
        "end": forecast.end.isoformat(),
        "steps": len(forecast.times),
        "horizon_hours": forecast.horizon_hours,
        "units_covered": len(forecast.units),
        "units": list(forecast.units),
        "missing_units": list(forecast.missing_units),
        "fields": fields,
        "warnings": [{"message": w.message, "file": w.file, "row": w.row, "column": w.column, "value": w.value,
                      "expected": w.expected, "text": str(w)} for w in forecast.warnings],
    }


def summary_text(summary: dict) -> str:
    lines = [
        f"file:        {summary['source']}",
        f"sha256:      {summary['sha256']}",
        f"format:      {summary['format']}  encoding: {summary['encoding'] or '-'}",
        f"issued at:   {summary['issued_at'] or 'unknown (will be asked)'}"
        + (f"  (from {summary['issued_at_source']})" if summary["issued_at_source"] else ""),
        f"period:      {summary['start']} → {summary['end']}  ({summary['steps']} steps of "
        f"{summary['step_hours']} h, horizon {summary['horizon_hours']} h)",
        f"units:       {summary['units_covered']} covered, {len(summary['missing_units'])} without data"
        + (": " + "、".join(summary["missing_units"]) if summary["missing_units"] else ""),
    ]
    if summary["range_bound"]:
        lines.append(f"range bound: {summary['range_bound']}")
    lines.append("fields:")
    for name, f in summary["fields"].items():
        lines.append(f"  {name:<11} {f['valid']:>7} values, {f['missing']:>6} missing, "
                     f"min {f['min']}, mean {f['mean']}, max {f['max']}")
    lines.append(f"warnings:    {len(summary['warnings'])}")
    lines.extend(f"  - {w['text']}" for w in summary["warnings"])
    return "\n".join(lines) + "\n"


def _num(value) -> float:
    return round(float(value), 3)
