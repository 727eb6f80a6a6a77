"""A sort-based sweep that finds windows overlapping under a shared scope, never all pairs.

Windows are taken in start order with a heap of active windows per scope, ordered by end,
so the cost is O(n log n + pairs found). A window that ends exactly when another starts is
not active any more: back-to-back windows do not overlap.

Roles say which windows may pair on a target key (`keys.keys_of` gives each key a role):
plain entries pair with each other; on a service key a direct entry (the work is on that
service) pairs with direct and dependent entries, but two dependents of one service do not
conflict; on a region's maintenance key only a release wave and a maintenance notice pair.
`all_pairs` applies them to every pair of key entries: the reference the tests hold the
sweep and `scopes.shared_keys` to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
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
Stamps = Sequence[tuple[float, float]]  # start, end (POSIX seconds) of each window


def overlapping_pairs(stamps: Stamps, scopes: Sequence[Iterable[str]]) -> list[tuple[int, int]]:
    """Every pair of indexes (lower first) overlapping in time under at least one scope, once,
    in the order found: by the start of the later window, so by the start of the overlap.

    One pass in start order with a heap of active windows per scope, ordered by end: a
    window that has ended is popped before the next start is compared, so each comparison
    yields a pair that really overlaps and the cost is O(n log n + pairs). Touching ends
    (one window ends when the next starts) do not overlap. Found in time order, the pairs'
    conflicts need little sorting afterwards.
    """
    active: dict[str, list[tuple[float, int]]] = {}
    pairs: dict[tuple[int, int], None] = {}  # a set that keeps the order found
    for index in sorted(range(len(stamps)), key=stamps.__getitem__):
        start, end = stamps[index]
        entry = (end, index)
        for scope in scopes[index]:
            heap = active.get(scope)
            if heap is None:
                active[scope] = [entry]
                continue
            while heap and heap[0][0] <= start:
                heappop(heap)
            for _, other in heap:
                pairs[(other, index) if other < index else (index, other)] = None
            heappush(heap, entry)
    return list(pairs)


def all_pairs(entries: list[Entry]) -> Pairs:
    """Every pair of windows that overlap and hold a key in partner roles, with those keys.

    Compares every pair of entries: the slow, plain reference the tests hold the sweep and
    `scopes.shared_keys` to.
    """
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
