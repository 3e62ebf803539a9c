"""Allocate a Dask DataFrame exactly: each partition where it lies, the parts added in a tree.

Each partition is a pandas DataFrame allocated by :func:`~.allocate.allocate` on the
worker that holds it; the partial :class:`~.allocate.Allocation` objects (a few kilobytes
each without ``per_person``) are added in a tree, ``split_every`` at a time, keeping the
partitions' order, so every row (per person, of an undetermined case, in an error) is the
row of the whole frame. The result equals ``allocate(frame.compute(), …)`` field by field,
on the threaded scheduler and on ``dask.distributed`` alike (the one in use when
:func:`allocate` is called, or ``scheduler=``). Needs the ``dask`` extra.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .._i18n import Catalog, Text
from .._optional import require
from ..errors import PersonDataError, SettingError
from ..rules.model import Ruleset
from .allocate import Allocation, shift_error
from .allocate import allocate as allocate_frame
from .engine import _resolve

_MSG = Catalog(
    "entitle.dask",
    {
        "feature": Text(vi="phân bổ một Dask DataFrame", en="allocating a Dask DataFrame"),
        "split_every": Text(
            vi="mỗi lần cộng ít nhất 2 phần", en="at least 2 parts are added at a time"
        ),
    },
)
_FEATURE = _MSG("feature")


@dataclass(frozen=True, slots=True)
class _Failed:
    """A partition's first bad record, carried up the tree as a value (a task that
    raised would stop the reduction before the first error in row order is known);
    rows are counted from the partition."""

    reason: Text
    path: str
    value: object
    rows_before: int = 0  # the rows of the partitions before this one

    def shifted(self, offset: int) -> _Failed:
        return _Failed(self.reason, self.path, self.value, self.rows_before + offset)

    def raise_(self) -> None:
        error = PersonDataError(self.reason, path=self.path, value=self.value)
        raise shift_error(error, self.rows_before) if self.rows_before else error


Part = Allocation | _Failed


def _part(frame: Any, ruleset: Ruleset, on: dt.date, per_person: bool) -> Part:
    """One partition's allocation, or its error (errors travel as values, picklable)."""
    try:
        return allocate_frame(frame, ruleset, on=on, per_person=per_person)
    except PersonDataError as exc:
        return _Failed(exc.reason, exc.path or "", _plain(exc.value))


def _plain(value: object) -> object:
    """A cell value safe to send between processes (its text when it is not plain)."""
    if value is None or isinstance(value, str | int | float | bool | dt.date):
        return value
    return str(value)


def _combine(*parts: Part) -> Part:
    """Consecutive parts added in order: each one's rows move past the rows before it; the
    first error (in row order) wins."""
    total = parts[0]
    for part in parts[1:]:
        if isinstance(total, _Failed):
            return total
        if isinstance(part, _Failed):
            return part.shifted(total.population)
        total = total + part.shifted(total.population)
    return total


def allocate(
    frame: Any,
    ruleset: Ruleset | str,
    *,
    on: dt.date,
    per_person: bool = False,
    split_every: int = 8,
    scheduler: Any = None,
) -> Allocation:
    """:func:`welfare_rules.entitle.allocate.allocate` of a ``dask.dataframe.DataFrame``.

    Each partition is allocated as a pandas DataFrame (the columns of
    ``docs/entitlements.md``) and the partial allocations are added exactly, ``split_every``
    at a time. ``scheduler`` is passed to ``dask.compute`` (``"threads"``, ``"processes"``,
    a ``distributed.Client``); ``None`` uses the one in use. A bad record raises
    :class:`~welfare_rules.errors.PersonDataError` naming its row in the whole frame.
    See ``docs/national-scale.md``.
    """
    dask = require("dask", extra="dask", feature=_FEATURE.en)
    require("dask.dataframe", extra="dask", feature=_FEATURE.en)
    if isinstance(split_every, bool) or not isinstance(split_every, int) or split_every < 2:
        raise SettingError("split_every", split_every, _MSG("split_every"))
    resolved = _resolve(ruleset)
    delayed = dask.delayed
    shared = delayed(resolved, pure=True)  # one copy of the ruleset in the graph
    tasks: list[Any] = [
        delayed(_part, pure=True)(part, shared, on, per_person) for part in frame.to_delayed()
    ]
    if not tasks:
        return Allocation.empty(resolved, on=on)
    while len(tasks) > 1:
        tasks = [
            delayed(_combine, pure=True)(*tasks[start : start + split_every])
            for start in range(0, len(tasks), split_every)
        ]
    options = {} if scheduler is None else {"scheduler": scheduler}
    (result,) = dask.compute(tasks[0], **options)
    if isinstance(result, _Failed):
        result.raise_()
    assert isinstance(result, Allocation)
    return result


__all__ = ["allocate"]
