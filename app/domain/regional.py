"""Regional triggers (spec §5): per step and level, connected clusters of linkage cities on the induced graph.

For each level L (yellow … red) and every step at once, S = linkage cities with own level ≥ L. One graph
holds a node per (step, active city) and an edge per adjacent pair active at the same step, so a single
connected-components call labels every step's clusters. Edges only join cities of S (the induced subgraph:
two linkage cities joined only through a unit outside S — or outside the linkage — are not connected).

- within a region: a component of the graph restricted to same-region edges with ≥ 4 cities triggers its region;
- across regions: a component with ≥ 6 cities touching ≥ 2 regions triggers every region it holds a city of.

A region's level at a step is the highest L it is triggered at.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from app.domain.scheme import LEVELS, Scheme

WITHIN, ACROSS = "within-region", "across-regions"


@dataclass
class LinkageGraph:
    """The linkage cities present in a forecast, their regions and the adjacency among them."""

    rows: np.ndarray  # forecast unit row of each linkage city
    names: list[str]
    region: np.ndarray  # region index of each linkage city (into scheme.regions)
    edge_a: np.ndarray  # edges as pairs of local indices, a < b
    edge_b: np.ndarray

    @classmethod
    def build(cls, units: list[str], scheme: Scheme, neighbours: Mapping[str, set[str]]) -> LinkageGraph:
        region_index = {r.name: i for i, r in enumerate(scheme.regions)}
        row_of = {u: i for i, u in enumerate(units)}
        names = [c for c in scheme.linkage_cities if c in row_of]  # scheme order: results ignore row order
        rows = [row_of[c] for c in names]
        local = {name: k for k, name in enumerate(names)}
        pairs = {(min(local[a], local[b]), max(local[a], local[b]))
                 for a in names for b in neighbours.get(a, ()) if b in local and b != a}
        pairs = sorted(pairs)
        return cls(np.array(rows, dtype=np.int64), names,
                   np.array([region_index[scheme.region_of[n]] for n in names], dtype=np.int64),
                   np.array([p[0] for p in pairs], dtype=np.int64), np.array([p[1] for p in pairs], dtype=np.int64))


@dataclass
class _Clusters:
    """Components of one rule at one level, over all steps."""

    node_step: np.ndarray
    node_city: np.ndarray
    label: np.ndarray  # component label per node
    chosen: np.ndarray  # (steps, regions): label of the largest triggering component, −1 if none
    order: np.ndarray  # nodes sorted by label
    bounds: np.ndarray  # start of each label's nodes in ``order``

    def members(self, label: int) -> np.ndarray:
        return self.node_city[self.order[self.bounds[label]:self.bounds[label + 1]]]


@dataclass
class RegionalLevels:
    level: np.ndarray  # (regions, steps) int8
    graph: LinkageGraph
    clusters: dict[tuple[int, str], _Clusters]  # (level rank, rule) -> components

    def trigger(self, region: int, step: int, rank: int) -> tuple[str, list[str]] | None:
        """The rule and the cities of the component that triggered ``region`` at ``step`` at level ``rank``."""
        for rule in (WITHIN, ACROSS):
            found = self.clusters.get((rank, rule))
            if found is None:
                continue
            label = int(found.chosen[step, region])
            if label >= 0:
                return rule, [self.graph.names[c] for c in sorted(found.members(label).tolist())]
        return None


def regional_levels(city_level: np.ndarray, units: list[str], scheme: Scheme,
                    neighbours: Mapping[str, set[str]]) -> RegionalLevels:
    graph = LinkageGraph.build(units, scheme, neighbours)
    n_regions, n_steps = len(scheme.regions), city_level.shape[1]
    level = np.zeros((n_regions, n_steps), dtype=np.int8)
    clusters: dict[tuple[int, str], _Clusters] = {}
    own = city_level[graph.rows].T  # (steps, linkage cities)
    same_region = graph.region[graph.edge_a] == graph.region[graph.edge_b]
    rules = ((WITHIN, same_region, scheme.within_region_min_cities, 1),
             (ACROSS, np.ones_like(same_region), scheme.across_regions_min_cities,
              scheme.across_regions_min_regions))
    for rank in range(1, len(LEVELS)):
        active = own >= rank
        if not active.any():
            break
        for rule, edge_mask, min_cities, min_regions in rules:
            found = _components(active, graph, edge_mask, min_cities, min_regions, n_regions)
            if found is not None:
                clusters[(rank, rule)] = found
                level[(found.chosen >= 0).T] = rank
    return RegionalLevels(level, graph, clusters)


def _components(active: np.ndarray, graph: LinkageGraph, edge_mask: np.ndarray, min_cities: int,
                min_regions: int, n_regions: int) -> _Clusters | None:
    n_steps, n_cities = active.shape
    if active.sum(axis=1).max(initial=0) < min_cities:
        return None
    node_step, node_city = np.nonzero(active)
    node_of = np.full(n_steps * n_cities, -1, dtype=np.int64)
    node_of[node_step * n_cities + node_city] = np.arange(len(node_step))
    ea, eb = graph.edge_a[edge_mask], graph.edge_b[edge_mask]
    e_step, e_idx = np.nonzero(active[:, ea] & active[:, eb])
    n = len(node_step)
    src = node_of[e_step * n_cities + ea[e_idx]]
    dst = node_of[e_step * n_cities + eb[e_idx]]
    adjacency = coo_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n, n)).tocsr()
    n_labels, label = connected_components(adjacency, directed=False)
    size = np.bincount(label, minlength=n_labels)
    node_region = graph.region[node_city]
    pairs = np.unique(label * n_regions + node_region)  # (component, region) pairs
    pair_label, pair_region = pairs // n_regions, pairs % n_regions
    regions_per_label = np.bincount(pair_label, minlength=n_labels)
    ok = (size >= min_cities) & (regions_per_label >= min_regions)

    chosen = np.full((n_steps, n_regions), -1, dtype=np.int64)
    first_node = np.full(n_labels, n, dtype=np.int64)
    np.minimum.at(first_node, label, np.arange(n))
    label_step = node_step[first_node]
    hit = ok[pair_label]
    p_label, p_region = pair_label[hit], pair_region[hit]
    key = label_step[p_label] * n_regions + p_region
    by_key = np.lexsort((-size[p_label], key))  # per (step, region): the largest component first
    first = np.concatenate([[True], key[by_key][1:] != key[by_key][:-1]]) if len(key) else np.zeros(0, bool)
    best = by_key[first]
    chosen[label_step[p_label[best]], p_region[best]] = p_label[best]
    order = np.argsort(label, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(size)])
    return _Clusters(node_step, node_city, label, chosen, order, bounds)
