"""Suppression of small numbers: no number that leaves the system may single out a person.

`suppress(table)` is the one function every exported table goes through (and the statistics page
uses the same result to mark which cells an export hides). The rules:

1. Primary: a count from 1 to 4 is shown as "<5". 0 stays 0: no one to single out.
2. Secondary: a hidden cell must not be recoverable by subtracting the visible cells from a sum.
   So when a row (or a column with a total) has exactly one hidden cell, the next smallest
   non-zero cell in it is hidden too, as "x"; if there is none (the rest are zeros), the total
   itself is hidden. This repeats until no row or column has exactly one hidden cell, since each
   new "x" can leave another line with one. Rows count even where the table shows no total:
   the month's total may stand in another table.
3. A share or a median computed from fewer than 5 cases is shown as "–". A share is also hidden
   ("x") when any count in its row is hidden: together with the row's total it would give the
   hidden count back.
"""

from __future__ import annotations

from dataclasses import dataclass

from .selectors import Table

MINIMUM = 5
SMALL = "<5"
HIDDEN = "x"
TOO_FEW = "–"

# Why a value is not shown as it is. "" = shown.
PRIMARY, SECONDARY, FEW_CASES = "small", "secondary", "few_cases"


@dataclass(frozen=True)
class Shown:
    """A value as it leaves the system: its text and, when suppressed, why."""

    text: str
    reason: str = ""


def suppress(table: Table) -> dict[tuple[str, str], Shown]:
    """Every cell of `table` (counts, sums, shares, medians) as it may leave the system."""
    counts = {
        (row, column): table.count(row, column)
        for row in table.count_rows()
        for column in table.count_columns()
    }
    hidden = {cell: PRIMARY for cell, n in counts.items() if 0 < n < MINIMUM}
    order = {cell: i for i, cell in enumerate(counts)}  # ties go to the first cell, stably
    sums = list(table.sums())
    changed = True
    while changed:
        changed = False
        for parts, total in sums:
            if total in hidden or sum(cell in hidden for cell in parts) != 1:
                continue
            visible = [cell for cell in parts if cell not in hidden and counts[cell] > 0]
            victim = min(visible, key=lambda c: (counts[c], order[c])) if visible else total
            if victim is not None:
                hidden[victim] = SECONDARY
                changed = True

    shown = {
        cell: Shown({PRIMARY: SMALL, SECONDARY: HIDDEN}[hidden[cell]], hidden[cell])
        if cell in hidden
        else Shown(str(n))
        for cell, n in counts.items()
    }
    for row, _label in table.rows:
        row_hidden = any((row, column) in hidden for column in table.count_columns())
        for key, _label, unit in table.derived:
            derived = table.derived_values.get((row, key))
            if derived is None or derived.value is None or derived.base < MINIMUM:
                shown[row, key] = Shown(TOO_FEW, FEW_CASES)
            elif unit == "percent" and row_hidden:
                shown[row, key] = Shown(HIDDEN, SECONDARY)
            else:
                shown[row, key] = Shown(decimal(derived.value))
    return shown


def decimal(value: float) -> str:
    """One decimal with a decimal comma, as Danish spreadsheets read it."""
    return f"{value:.1f}".replace(".", ",")
