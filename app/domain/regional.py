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
from functools import cached_property

import numpy as np

from app.domain.arrays import unique_sorted
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

    @cached_property
    def name_array(self) -> np.ndarray:
        return np.array(self.names, dtype=object)

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

    node_city: np.ndarray
    label: np.ndarray  # component label per node
    size: np.ndarray  # nodes per label
    chosen: np.ndarray  # (steps, regions): label of the largest triggering component, −1 if none
    node_step: np.ndarray | None = None  # step of each node (ascending)
    searched: np.ndarray | None = None  # (steps,) bool: the step had enough active cities to be searched

    @cached_property
    def _order(self) -> tuple[np.ndarray, np.ndarray]:
        """Nodes sorted by label (stable: within a label, by city) and each label's start in that order."""
        return np.argsort(self.label, kind="stable"), np.concatenate([[0], np.cumsum(self.size)])

    def members(self, label: int) -> np.ndarray:
        """Local indices of a component's cities, ascending (scheme order)."""
        order, bounds = self._order
        return self.node_city[order[bounds[label]:bounds[label + 1]]]

    def level_part(self, k: int, n_steps: int) -> _Clusters | None:
        """The components of steps ``k·n_steps`` … ``(k+1)·n_steps − 1`` (one level of levels stacked as steps),
        labelled from 0 as a pass over those steps alone labels them; None when none of its steps had enough
        active cities to be searched (as such a pass returns)."""
        at = slice(k * n_steps, (k + 1) * n_steps)
        if self.searched is not None and not self.searched[at].any():
            return None
        nodes = slice(*np.searchsorted(self.node_step, [k * n_steps, (k + 1) * n_steps]))
        label = self.label[nodes]
        first = int(label[0]) if len(label) else 0
        count = int(label.max()) + 1 - first if len(label) else 0
        chosen = self.chosen[at]
        return _Clusters(self.node_city[nodes], label - first, self.size[first:first + count],
                         np.where(chosen >= 0, chosen - first, -1))


@dataclass
class RegionalLevels:
    level: np.ndarray  # (regions, steps) int8
    graph: LinkageGraph
    clusters: dict[tuple[int, str], _Clusters]  # (level rank, rule) -> components

    def trigger_members(self, region: int, step: int, rank: int) -> tuple[str, np.ndarray, tuple] | None:
        """(rule, local city indices, a key identifying the component) that triggered ``region`` at ``step``
        at level ``rank``; the within-region rule first."""
        for rule in (WITHIN, ACROSS):
            found = self.clusters.get((rank, rule))
            if found is None:
                continue
            label = int(found.chosen[step, region])
            if label >= 0:
                return rule, found.members(label), (rank, rule, label)
        return None

    def trigger(self, region: int, step: int, rank: int) -> tuple[str, list[str]] | None:
        """The rule and the city names of the component that triggered ``region`` at ``step``."""
        found = self.trigger_members(region, step, rank)
        if found is None:
            return None
        return found[0], self.graph.name_array[found[1]].tolist()


# above this many city-steps over all levels, a pass per level: stacked, 2,850 units × 240 h rolling peaked at
# 173 MB against 97 MB (hazedesk bench engine.scale), for no gain at that size; a replay's tables are far below
STACKED_CELLS_MAX = 1 << 19  # a winter replay (40 cities × 60 days of hours × 3 levels: 173 k) stays stacked


def regional_levels(city_level: np.ndarray, units: list[str], scheme: Scheme,
                    neighbours: Mapping[str, set[str]], graph: LinkageGraph | None = None) -> RegionalLevels:
    """``graph``: ``LinkageGraph.build(units, scheme, neighbours)`` when the caller has it already."""
    graph = graph if graph is not None else LinkageGraph.build(units, scheme, neighbours)
    n_regions, n_steps = len(scheme.regions), city_level.shape[1]
    level = np.zeros((n_regions, n_steps), dtype=np.int8)
    clusters: dict[tuple[int, str], _Clusters] = {}
    own = city_level[graph.rows].T  # (steps, linkage cities)
    same_region = graph.region[graph.edge_a] == graph.region[graph.edge_b]
    rules = ((WITHIN, same_region, scheme.within_region_min_cities, 1),
             (ACROSS, np.ones_like(same_region), scheme.across_regions_min_cities,
              scheme.across_regions_min_regions))
    ranks = range(1, min(int(own.max(initial=0)), len(LEVELS) - 1) + 1)  # yellow … the highest a city reaches
    if not ranks:
        return RegionalLevels(level, graph, clusters)
    if own.size * len(ranks) > STACKED_CELLS_MAX:
        for rank in ranks:  # a pass per level: a large table's arrays are not made once per level at once
            for rule, edge_mask, min_cities, min_regions in rules:
                part = _components(own >= rank, graph, edge_mask, min_cities, min_regions, n_regions, rule == WITHIN)
                if part is not None:
                    clusters[(rank, rule)] = part
                    level[(part.chosen >= 0).T] = rank
        return RegionalLevels(level, graph, clusters)
    # the levels one above the other as one axis of steps (a component lies within one step): each rule's
    # components at every level in one pass, split by level after — the same labels, in the same order, as a
    # pass per level (issue 26: a replay's 30 small evaluations paid the fifty numpy calls of a pass six times)
    active = np.concatenate([own >= rank for rank in ranks])
    found = {rule: _components(active, graph, edge_mask, min_cities, min_regions, n_regions, rule == WITHIN)
             for rule, edge_mask, min_cities, min_regions in rules}
    for k, rank in enumerate(ranks):
        for rule, _, _, _ in rules:
            part = None if found[rule] is None else found[rule].level_part(k, n_steps)
            if part is not None:
                clusters[(rank, rule)] = part
                level[(part.chosen >= 0).T] = rank
    return RegionalLevels(level, graph, clusters)


STEPS_PER_PART = 512  # steps whose graph is built together: a part's node and edge arrays stay small


def _components(active: np.ndarray, graph: LinkageGraph, edge_mask: np.ndarray, min_cities: int,
                min_regions: int, n_regions: int, single_region: bool) -> _Clusters | None:
    n_steps, n_cities = active.shape
    # a component lies within one step, so a step with fewer active cities than the rule's minimum holds none
    # that can trigger: its nodes are left out (issue 26: most of a county-scale year), and the steps that
    # remain are taken a part at a time. Nodes stay in (step, city) order, so the labels — numbered by each
    # component's lowest node — come out in the same order as over all steps at once.
    steps = np.flatnonzero(np.count_nonzero(active, axis=1) >= min_cities)
    if not len(steps):
        return None
    # the edges from each city to its higher neighbours (edge_a < edge_b), grouped by city: a node's edges are
    # looked up from its city, so the work grows with the active nodes, not with every edge at every step
    ea, eb = graph.edge_a[edge_mask], graph.edge_b[edge_mask]
    by_a = np.argsort(ea, kind="stable")
    higher = eb[by_a]
    bounds = np.searchsorted(ea[by_a], np.arange(n_cities + 1))
    node_steps, node_cities, labels, n_labels = [], [], [], 0
    for s0 in range(0, len(steps), STEPS_PER_PART):
        part_steps = steps[s0:s0 + STEPS_PER_PART]
        part = active[part_steps]
        local_step, city = np.nonzero(part)
        degree = bounds[city + 1] - bounds[city]
        src = np.repeat(np.arange(len(city)), degree)  # one candidate edge per (node, higher neighbour)
        offset = np.arange(len(src)) - np.repeat(np.cumsum(degree) - degree, degree)
        other = higher[bounds[city][src] + offset]
        both = part[local_step[src], other]  # the neighbour is active at the same step
        src, other = src[both], other[both]
        # the neighbour's node: nodes are ordered by (step, city), so found by searching their cells
        dst = np.searchsorted(local_step * n_cities + city, local_step[src] * n_cities + other)
        count, label = connected_labels(len(local_step), src, dst)
        node_steps.append(part_steps[local_step])
        node_cities.append(city)
        labels.append(label + n_labels)
        n_labels += count
    node_step, node_city, label = (np.concatenate(a) for a in (node_steps, node_cities, labels))
    size = np.bincount(label, minlength=n_labels)
    # each label's first node: labels appear in increasing order of their first node
    seen = np.maximum.accumulate(np.concatenate([[-1], label]))[:-1]
    first_node = np.flatnonzero(label > seen)
    label_step = node_step[first_node]
    node_region = graph.region[node_city]
    big = size >= min_cities
    if single_region:  # same-region edges: a component lies in one region, the region of any of its nodes
        pair_label = np.flatnonzero(big)
        pair_region = node_region[first_node[pair_label]]
    else:
        keep = big[label]
        pairs = unique_sorted(label[keep] * n_regions + node_region[keep])  # (component, region) pairs
        pair_label, pair_region = pairs // n_regions, pairs % n_regions
        regions_per_label = np.bincount(pair_label, minlength=n_labels)
        hit = regions_per_label[pair_label] >= min_regions
        pair_label, pair_region = pair_label[hit], pair_region[hit]

    chosen = np.full((n_steps, n_regions), -1, dtype=np.int64)
    key = label_step[pair_label] * n_regions + pair_region
    by_key = np.lexsort((-size[pair_label], key))  # per (step, region): the largest component first
    first = np.concatenate([[True], key[by_key][1:] != key[by_key][:-1]]) if len(key) else np.zeros(0, bool)
    best = by_key[first]
    chosen[label_step[pair_label[best]], pair_region[best]] = pair_label[best]
    searched = np.zeros(n_steps, dtype=bool)
    searched[steps] = True
    return _Clusters(node_city, label, size, chosen, node_step, searched)


def connected_labels(n: int, src: np.ndarray, dst: np.ndarray) -> tuple[int, np.ndarray]:
    """Connected components of the undirected graph on nodes 0..n-1 with edges (src[i], dst[i]).

    Returns (number of components, label per node), labels numbered in the order of each component's lowest
    node (as scipy.sparse.csgraph.connected_components numbers them). Union–find in numpy: every round hooks
    each edge's higher root under its lower one, then halves paths until every node points at its root; the
    root of a component ends as its lowest node. A few rounds for these graphs; no scipy import (0.2 s) on the
    command line's path.
    """
    parent = np.arange(n, dtype=np.int64)
    src, dst = np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64)
    while len(src):
        a, b = parent[src], parent[dst]
        differ = a != b
        if not differ.any():
            break
        a, b = a[differ], b[differ]
        np.minimum.at(parent, np.maximum(a, b), np.minimum(a, b))
        while True:  # path halving until flat
            grand = parent[parent]
            if np.array_equal(grand, parent):
                break
            parent = grand
        src, dst = src[differ], dst[differ]  # edges already inside one component stay so
    is_root = parent == np.arange(n)
    number = np.cumsum(is_root) - 1  # roots are their component's lowest node: numbered in that order
    return int(is_root.sum()), number[parent]
