"""A bounded in-memory cache of rendered pages and API bodies.

The lexicon is read-only for the life of the process, so a word or character page is a pure
function of its URL; rendering one costs milliseconds, serving a cached one microseconds.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar, cast

Body = TypeVar("Body", str, bytes)


class RenderCache:
    """Least-recently-used strings (or bytes: PDF sheets), bounded by their total size in
    characters (bytes)."""

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars
        self._items: OrderedDict[Hashable, str | bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get_or_render(self, key: Hashable, render: Callable[[], Body]) -> Body:
        """The cached text for ``key``, rendering (outside the lock) when absent; a key
        always renders to the same type."""
        if self.max_chars <= 0:
            return render()
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return cast(Body, found)
        text = render()
        if len(text) > self.max_chars // 8:
            return text  # one huge page must not evict everything else
        with self._lock:
            if key not in self._items:
                self._items[key] = text
                self._size += len(text)
            while self._size > self.max_chars and self._items:
                _, evicted = self._items.popitem(last=False)
                self._size -= len(evicted)
        return text

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0

    def __len__(self) -> int:
        return len(self._items)
