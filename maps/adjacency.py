"""Which units are neighbours (spec §2): rook contiguity derived from the polygons, never typed in.

Two units are adjacent when their common border, after closing gaps up to ``snap_gap_m``, is at least
``min_shared_km`` long, measured on full-resolution geometry in the basin projection
(:mod:`maps.shared_border`). The scheme may add or remove pairs, but only as explicit named overrides; the
result records which pairs an override decided, so the UI and exports can show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from app.domain.scheme import AdjacencyOverride, Scheme
from app.errors import InputError, Problem

Pair = tuple[str, str]


def pair_key(a: str, b: str) -> Pair:
    """The dictionary key of an unordered pair: the two names sorted."""
    return (a, b) if a <= b else (b, a)


@dataclass
class Adjacency:
    """An adjacency graph over ``names`` with the shared border length (km) of every adjacent pair."""

    names: list[str]
    pairs: dict[Pair, float]  # adjacent pairs (sorted names) → shared km
    measured: dict[Pair, float]  # every pair with any shared border (also below the minimum) → km
    min_shared_km: float
    snap_gap_m: float
    overrides: dict[Pair, AdjacencyOverride] = field(default_factory=dict)  # pairs an override decided
    neighbours: dict[str, set[str]] = field(init=False)

    def __post_init__(self) -> None:
        self.neighbours = {name: set() for name in self.names}
        for a, b in self.pairs:
            self.neighbours[a].add(b)
            self.neighbours[b].add(a)

    @property
    def isolated(self) -> list[str]:
        """Units with no neighbour, in unit order."""
        return [name for name in self.names if not self.neighbours[name]]

    def adjacent(self, a: str, b: str) -> bool:
        return pair_key(a, b) in self.pairs

    def shared_km(self, a: str, b: str) -> float:
        """Measured shared border (km) of any two units; 0 when they do not touch."""
        return self.measured.get(pair_key(a, b), 0.0)

    def override(self, a: str, b: str) -> AdjacencyOverride | None:
        return self.overrides.get(pair_key(a, b))

    def rows(self) -> list[tuple[str, str, float]]:
        """(a, b, shared_km) per adjacent pair, a before b in unit order, rows in unit order."""
        position = {name: i for i, name in enumerate(self.names)}
        out = []
        for (a, b), km in self.pairs.items():
            if position[a] > position[b]:
                a, b = b, a
            out.append((a, b, km))
        out.sort(key=lambda row: (position[row[0]], position[row[1]]))
        return out

    def induced_components(self, members) -> list[list[str]]:
        """Connected components of the graph induced on ``members`` (paths only through members)."""
        members = [m for m in self.names if m in set(members)]
        inside = set(members)
        seen: set[str] = set()
        components = []
        for start in members:
            if start in seen:
                continue
            stack, component = [start], []
            seen.add(start)
            while stack:
                node = stack.pop()
                component.append(node)
                for other in self.neighbours[node] & inside:
                    if other not in seen:
                        seen.add(other)
                        stack.append(other)
            components.append(sorted(component, key=members.index))
        return components


def derive_adjacency(projected_gdf, min_shared_km: float = 1.0, snap_gap_m: float = 100.0) -> Adjacency:
    """Adjacency of the units in ``projected_gdf`` (metric CRS; index = unit names), from full-res geometry."""
    from maps.shared_border import (
        shared_border_lengths,  # shapely: only when measuring, not when reading a cache
    )

    crs = projected_gdf.crs
    if crs is None or not crs.is_projected:
        raise ValueError("derive_adjacency needs geometry in a metric projection (use maps.projection.to_basin)")
    names = [str(n) for n in projected_gdf.index]
    if len(set(names)) != len(names):
        raise ValueError("unit names (the frame's index) must be unique")
    lengths_m = shared_border_lengths(projected_gdf.geometry.values, snap_gap_m)
    measured: dict[Pair, float] = {}
    pairs: dict[Pair, float] = {}
    threshold_m = min_shared_km * 1000.0
    for i, j in zip(*np.nonzero(np.triu(lengths_m, k=1) > 0)):
        key = pair_key(names[i], names[j])
        km = round(float(lengths_m[i, j]) / 1000.0, 6)
        measured[key] = km
        if lengths_m[i, j] >= threshold_m and lengths_m[i, j] > 0:
            pairs[key] = km
    return Adjacency(names, dict(sorted(pairs.items())), dict(sorted(measured.items())),
                     float(min_shared_km), float(snap_gap_m))


def apply_overrides(derived: Adjacency, overrides) -> Adjacency:
    """A copy of ``derived`` with the scheme's named add/remove entries applied and recorded."""
    pairs = dict(derived.pairs)
    decided: dict[Pair, AdjacencyOverride] = {}
    for entry in overrides:
        if entry.a not in derived.neighbours or entry.b not in derived.neighbours:
            continue  # the scheme names a unit these boundaries do not hold; nothing to change
        key = pair_key(entry.a, entry.b)
        if entry.action == "add":
            pairs[key] = derived.measured.get(key, 0.0)
        else:
            pairs.pop(key, None)
        decided[key] = entry
    return Adjacency(derived.names, dict(sorted(pairs.items())), derived.measured,
                     derived.min_shared_km, derived.snap_gap_m, decided)


def scheme_adjacency(scheme: Scheme, boundaries=None) -> Adjacency:
    """The adjacency the rules use: derived with the scheme's settings, then its named overrides applied.

    ``boundaries`` defaults to the bundled ones. The derivation is kept on the Boundaries object per setting,
    so switching schemes or asking twice does not measure again.
    """
    from maps.boundaries import load_boundaries

    boundaries = boundaries or load_boundaries()
    settings = scheme.adjacency
    derived = boundaries.memo(
        ("adjacency", settings.min_shared_km, settings.snap_gap_m),
        lambda: derive_adjacency(boundaries.projected, settings.min_shared_km, settings.snap_gap_m),
    )
    return require_pairs(apply_overrides(derived, settings.overrides), getattr(boundaries, "source", None))


def require_pairs(adjacency: Adjacency, source: str | None = None) -> Adjacency:
    """An adjacency with no pair at all is bad boundaries (points, lines, a wrong CRS, one polygon per file…),
    never a silent empty graph under which no region can ever warn."""
    if not adjacency.pairs:
        raise InputError(Problem(
            f"the boundaries give no adjacent units at all ({len(adjacency.names)} units): no region could ever "
            "warn", file=str(source) if source else None,
            expected=f"polygons that share borders of at least {adjacency.min_shared_km:g} km (after closing gaps "
                     f"up to {adjacency.snap_gap_m:g} m), in a file with a CRS"))
    return adjacency
