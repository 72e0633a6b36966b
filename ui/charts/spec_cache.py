"""Each chart built once per (rows, language, options) and reused on warm reruns.

A warm rerun (any click that leaves a chart's inputs alone: a tab, a toggle elsewhere,
another session on the same figures) used to rebuild every chart, Altair objects and
all, about a third of a Sector compliance rerun. A chart builder is a pure function of
its arguments: the viewer's prepared rows (`rows.prepare_rows`, so already what *this*
viewer may see), the language, titles, orders and options. `reused` keeps its result
under a digest of **all** those arguments, pickled, so two calls share a chart only when
every input is equal: a constituent's rows (values blanked) and a staff member's rows
(values kept) differ, and so do their keys. Nothing a role may not see can reach it
through another role's entry, because an entry holds nothing but what its own inputs
produce.

The entries live in this process (bounded, least recently used first out, thread-safe)
rather than in `st.cache_data`, which would pickle every spec and table on the way in
and unpickle a copy on every hit; the key here is the exact pickled arguments, so equal
keys mean equal inputs. A `BuiltChart` is shared, so nobody may change one
(`spec.BuiltChart`).
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any, ParamSpec

from ui.charts.spec import BuiltChart

P = ParamSpec("P")

#: Charts kept: every chart of every page in both languages for each role's views is a
#: few hundred; a spec is 5–60 kB, so the cache stays within tens of megabytes.
CAPACITY = 512


class SpecCache:
    """A bounded, thread-safe store of built charts by the digest of their inputs."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[bytes, BuiltChart] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_build(self, key: bytes, build: Callable[[], BuiltChart]) -> BuiltChart:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return found
        # Built outside the lock, so one slow chart never holds up other sessions; two
        # sessions building the same chart at once build equal ones, and either is kept.
        built = build()
        with self._lock:
            self.misses += 1
            self._entries[key] = built
            self._entries.move_to_end(key)
            while len(self._entries) > self.capacity:
                self._entries.popitem(last=False)
        return built

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.hits = self.misses = 0


SPECS = SpecCache()


def digest(name: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> bytes:
    """A key for one call: the builder's name and every argument, exactly (frames with
    their columns, types, order and values; lists with their order)."""
    payload = pickle.dumps((name, args, sorted(kwargs.items())), protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.blake2b(payload, digest_size=32).digest()


def reused(build: Callable[P, BuiltChart]) -> Callable[P, BuiltChart]:
    """The builder, answering a call it has answered before from `SPECS`."""
    name = f"{build.__module__}.{build.__qualname__}"

    @functools.wraps(build)
    def cached(*args: P.args, **kwargs: P.kwargs) -> BuiltChart:
        return SPECS.get_or_build(digest(name, args, kwargs), lambda: build(*args, **kwargs))

    return cached
