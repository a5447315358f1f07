"""Consultation (预测会商, plan 四(三)): several forecasts side by side, where they agree on the regional trigger,
and one recorded decision. Pure (no Qt): :func:`compare` → :class:`Comparison`; :func:`build_consensus` →
:class:`Consensus`; :class:`ConsultationRecord` is the decision as kept (``to_json``/``from_json``).
"""

from app.consultation.compare import MISSING, Comparison, Gap, compare, compare_evaluations
from app.consultation.consensus import METHODS, Consensus, build_consensus, dissent, parse_method
from app.consultation.record import ConsultationRecord, make_record
from app.consultation.sources import Source, SourceRecord, name_sources

__all__ = ["MISSING", "METHODS", "Comparison", "Consensus", "ConsultationRecord", "Gap", "Source", "SourceRecord",
           "build_consensus", "compare", "compare_evaluations", "dissent", "make_record", "name_sources",
           "parse_method"]
