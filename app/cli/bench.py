"""``hazedesk bench [--only SUBSTR] [--json PATH|-]``: run the benchmarks and print their figures as JSON."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="measure speed and memory; prints JSON figures with goals and baselines")
    p.add_argument("--only", action="append", default=[],
                   help="run only benchmarks whose name contains this text (repeatable)")
    p.add_argument("--json", default="-", help="write the JSON here (default: stdout)")
    p.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import importlib
    import pkgutil
    import platform
    import sys
    import traceback

    import app.bench as bench_pkg
    from app import __version__
    from app.cli._common import dump_json, write_output

    benches = []
    for info in sorted(pkgutil.iter_modules(bench_pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"app.bench.{info.name}")
        benches.extend(getattr(module, "BENCHES", []))
    if args.list:
        for name, _ in benches:
            print(name)
        return 0
    selected = [(n, f) for n, f in benches if not args.only or any(s in n for s in args.only)]
    results = {"hazedesk": __version__, "python": platform.python_version(),
               "machine": f"{platform.machine()} {platform.system()}", "benchmarks": []}
    for name, fn in selected:
        print(f"[bench] {name} …", file=sys.stderr, flush=True)
        try:
            figures = fn()
        except Exception as exc:  # a broken benchmark is reported, the others still run
            figures = [{"name": name, "error": f"{type(exc).__name__}: {exc}",
                        "traceback": traceback.format_exc(limit=3)}]
        results["benchmarks"].extend(figures)
    from app.bench.scaling import annotate

    floor = annotate(results["benchmarks"])  # seconds goals of the issue, read against this run's floor
    if floor is not None:
        results["floor_s"] = round(floor, 4)
    write_output(dump_json(results), args.json)
    return 0
