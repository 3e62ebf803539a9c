"""Check figures against edits and diagnose violations: typos, scale slips, counts off by one.

See :func:`check_edits`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from .compile import FigureKind
from .edits import Edit, as_edits, require_values

Status = Literal["valid", "corrected", "partial", "invalid"]
"""As in R's deducorrect: nothing violated / all repaired / some repaired / none repaired."""

Family = Literal[
    "scale_up",  # written value × 1000 is right: a dropped ".000"
    "scale_down",  # written value ÷ 1000 is right: an added ".000"
    "off_by_one",  # a count one too many or one too few
    "digits_swapped",  # two adjacent digits swapped
    "digit_replaced",  # one digit wrong
    "digit_inserted",  # one digit too many
    "digit_deleted",  # one digit missing
]
"""How a written figure differs from the value that makes the edits hold."""

DEFAULT_MAX_CHANGES = 3
DEFAULT_BUDGET = 20_000


@dataclass(frozen=True, slots=True)
class Change:
    """One figure corrected: what was written, the value that fits, and the kind of slip."""

    figure: str
    reported: int
    value: int
    family: Family


@dataclass(frozen=True, slots=True)
class Explanation:
    """Changes that together repair ``repaired`` (edits violated before, holding after)."""

    changes: tuple[Change, ...]
    repaired: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class EditCheck:
    """The outcome of :func:`check_edits`.

    ``violated`` are the edits the figures break as written; ``violations`` those still
    broken after the ``corrections`` are applied. ``explanations`` are the applied ones
    (each with its changes and the edits it repairs); ``candidates`` the alternatives
    that tied (none of them applied). ``unexplained`` are violated edits no typo
    explains; for them ``minimal_sets`` lists the smallest sets of figures whose change
    could restore consistency (Fellegi–Holt). ``cut_short`` is true when the search
    budget ran out.
    """

    status: Status
    violated: tuple[Edit, ...]
    violations: tuple[Edit, ...]
    corrections: Mapping[str, int] = field(default_factory=dict)
    explanations: tuple[Explanation, ...] = ()
    candidates: tuple[Explanation, ...] = ()
    unexplained: tuple[Edit, ...] = ()
    minimal_sets: tuple[frozenset[str], ...] = ()
    cut_short: bool = False

    @property
    def ok(self) -> bool:
        """Whether no edit is violated as written."""
        return self.status == "valid"


def check_edits(
    values: Mapping[str, int],
    edits: Iterable[Edit | str],
    *,
    max_changes: int = DEFAULT_MAX_CHANGES,
    kinds: Mapping[str, FigureKind] | None = None,
    budget: int = DEFAULT_BUDGET,
    diagnose: bool = True,
) -> EditCheck:
    """Check ``values`` against ``edits`` and, where edits are violated, diagnose them.

    ``values`` are exact ``int`` (a float raises ``MoneyTypeError``); ``edits`` are
    :class:`Edit` objects or expressions.
    """
    edit_list = as_edits(edits)
    figures = require_values(values, edit_list)
    broken = tuple(edit for edit in edit_list if not edit.holds(figures))
    if not broken:
        return EditCheck("valid", (), ())
    del max_changes, kinds, budget, diagnose  # diagnosis: next step
    return EditCheck("invalid", broken, broken, unexplained=broken)


__all__ = [
    "DEFAULT_BUDGET",
    "DEFAULT_MAX_CHANGES",
    "Change",
    "EditCheck",
    "Explanation",
    "Family",
    "Status",
    "check_edits",
]
