"""``hazedesk adjacency [--boundaries PATH] [--scheme PATH] [--csv PATH|-]``: the unit adjacency as CSV.

One row per unordered adjacent pair, ``a,b,shared_km``, units by full Chinese name, shared border in km
(derived from the polygons with the scheme's settings and overrides, spec §2). Units without any neighbour,
the pairs an override decided, and warnings about the boundaries go to stderr.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("adjacency", help="list adjacent units and their shared border length as CSV")
    p.add_argument("--boundaries", metavar="PATH",
                   help="boundary file (GeoPackage, Shapefile, GeoJSON) instead of the bundled one")
    p.add_argument("--scheme", metavar="PATH", help="scheme file (default: the bundled 2025–26 scheme)")
    p.add_argument("--csv", metavar="PATH", default="-", help="write the CSV here (default: stdout)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import csv
    import io
    import sys

    from app.cli._common import write_output
    from app.domain.scheme import load_scheme
    from maps.derived import scheme_adjacency_and_warnings

    scheme = load_scheme(args.scheme)
    # measured once per file; the boundaries (geopandas, ~1 s) are loaded only when not cached yet
    adjacency, boundary_warnings = scheme_adjacency_and_warnings(scheme, args.boundaries)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["a", "b", "shared_km"])
    for a, b, km in adjacency.rows():
        writer.writerow([a, b, f"{km:.3f}"])
    write_output(buffer.getvalue(), args.csv)
    if args.csv not in (None, "-"):
        from app.export.audit import record_export

        record_export("adjacency-csv", [args.csv], scheme_id=scheme.id, scheme_version=scheme.version,
                      details={"boundaries": str(args.boundaries or "bundled"), "pairs": len(adjacency.pairs)})

    for problem in boundary_warnings:
        print(f"warning: {problem}", file=sys.stderr)
    for (a, b), entry in adjacency.overrides.items():
        print(f"override {entry.action} {a}–{b}: {entry.name}", file=sys.stderr)
    if adjacency.isolated:
        print("units without a neighbour: " + "、".join(adjacency.isolated), file=sys.stderr)
    print(f"{len(adjacency.pairs)} adjacent pairs among {len(adjacency.names)} units "
          f"(shared border ≥ {adjacency.min_shared_km:g} km after closing gaps ≤ {adjacency.snap_gap_m:g} m)",
          file=sys.stderr)
    return 0
