"""A sort-based sweep that finds overlapping windows per target key, never comparing all pairs.

Entries are grouped by key; each group is sorted by start and swept with a heap of active
windows ordered by end, so the cost is O(n log n + pairs found). A window that ends exactly
when another starts is not active any more: back-to-back windows do not overlap.

Roles say which entries may pair on a key: plain entries pair with each other; on a service
key a direct entry (the work is on that service) pairs with direct and dependent entries, but
two dependents of one service do not conflict; on a region's maintenance key only a release
wave and a maintenance notice pair.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from heapq import heappop, heappush

PLAIN, DIRECT, DEPENDENT, WAVE, NOTICE = range(5)
PARTNERS: tuple[tuple[int, ...], ...] = (
    (PLAIN,),
    (DIRECT, DEPENDENT),
    (DIRECT,),
    (NOTICE,),
    (WAVE,),
)

Entry = tuple[str, float, float, int, int]  # key, start, end (POSIX seconds), index, role
Pairs = dict[tuple[int, int], list[str]]


def overlapping_pairs(entries: Iterable[Entry]) -> Pairs:
    """Every pair of indexes (lower first) whose windows overlap, with the keys they share."""
    groups: defaultdict[str, list[tuple[float, float, int, int]]] = defaultdict(list)
    for key, start, end, index, role in entries:
        groups[key].append((start, end, index, role))
    pairs: defaultdict[tuple[int, int], list[str]] = defaultdict(list)
    for key, group in groups.items():
        if len(group) < 2:
            continue
        for one, other in _sweep(group):
            pairs[(one, other) if one < other else (other, one)].append(key)
    return dict(pairs)


def _sweep(group: list[tuple[float, float, int, int]]) -> Iterator[tuple[int, int]]:
    group.sort()  # linear when the caller adds entries in start order, as the engine does
    if all(role == PLAIN for _, _, _, role in group):
        yield from _sweep_plain(group)
        return
    active: list[list[tuple[float, int]]] = [[] for _ in PARTNERS]
    for start, end, index, role in group:
        for partner in PARTNERS[role]:
            heap = active[partner]
            while heap and heap[0][0] <= start:
                heappop(heap)
            for _, other in heap:
                yield other, index
        heappush(active[role], (end, index))


def _sweep_plain(group: list[tuple[float, float, int, int]]) -> Iterator[tuple[int, int]]:
    """The common case, every entry pairing with every other: one heap, no role look-ups."""
    heap: list[tuple[float, int]] = []
    for start, end, index, _ in group:
        while heap and heap[0][0] <= start:
            heappop(heap)
        for _, other in heap:
            yield other, index
        heappush(heap, (end, index))


def all_pairs(entries: list[Entry]) -> Pairs:
    """The same answer by comparing every pair: the reference the tests check the sweep against."""
    pairs: defaultdict[tuple[int, int], list[str]] = defaultdict(list)
    for position, (key, start, end, index, role) in enumerate(entries):
        for other_key, other_start, other_end, other, other_role in entries[position + 1 :]:
            if (
                key == other_key
                and other_role in PARTNERS[role]
                and start < other_end
                and other_start < end
            ):
                pairs[(index, other) if index < other else (other, index)].append(key)
    return dict(pairs)
