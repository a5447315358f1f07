"""The 会商 (consultation) view: small maps per source, the agreement grid, the per-source timeline, the dialog."""
