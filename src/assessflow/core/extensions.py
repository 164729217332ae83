"""Extension points: the one way an app adds to the pages and rules of an app below it without being imported by it.

A lower app declares a point and says what it accepts (a dataclass or a callable of a given shape); each app
above registers onto it in its `AppConfig.ready()`, and the lower app reads what was registered when it needs it.
Registration happens once per process, while Django loads its apps, so a point holds only what the installed
apps offer: with the app above left out, the point is empty and the lower app works on without it.
"""

from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class ExtensionPoint(Generic[T]):
    """What the apps above have registered for one purpose, in the order they registered it.

    Registering the same thing twice keeps one (`ready()` may run again in tests). A point that takes one
    answer (`single=True`, such as who handles safeguarding concerns) keeps the latest.
    """

    def __init__(self, name: str, *, single: bool = False) -> None:
        self.name = name
        self.single = single
        self._items: list[T] = []

    def register(self, item: T) -> T:
        if self.single:
            self._items[:] = [item]
        elif item not in self._items:
            self._items.append(item)
        return item

    def one(self) -> T | None:
        """The single answer registered, or None where no installed app gives one."""
        return self._items[-1] if self._items else None

    def __iter__(self) -> Iterator[T]:
        return iter(tuple(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"<ExtensionPoint {self.name}: {len(self._items)} registered>"
