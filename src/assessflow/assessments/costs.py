"""What a support plan costs and how its personal budget splits (Care Act s.26). Pure: no database.

Every amount is whole pence. Recurring lines are turned into a weekly cost (a month is 12/52 of a year, so a
month's cost is 12/52 of a year's cost a week); one-off lines (equipment, an adaptation) are counted apart, since
a weekly budget that spread them would hide them. Rounding is to the nearest penny, halves up, once per line.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

WEEKS_IN = {"week": Fraction(1), "four_weeks": Fraction(4), "month": Fraction(52, 12), "year": Fraction(52)}
ONCE = "once"


@dataclass(frozen=True)
class Line:
    cost_pence: int  # per unit
    units: Decimal
    frequency: str


def _pence(amount: Fraction) -> int:
    return int((Decimal(amount.numerator) / Decimal(amount.denominator)).quantize(Decimal(1), ROUND_HALF_UP))


def pounds(pence: int) -> str:
    """Whole pence as a page or a letter shows money: £1,234.50 (exact, as pence are whole)."""
    return f"£{pence // 100:,}.{pence % 100:02d}"


def weekly_pence(line: Line) -> int:
    """The line's cost a week; 0 for a one-off."""
    if line.frequency == ONCE:
        return 0
    total = Fraction(line.cost_pence) * Fraction(str(line.units))
    return _pence(total / WEEKS_IN[line.frequency])


def one_off_pence(line: Line) -> int:
    return _pence(Fraction(line.cost_pence) * Fraction(str(line.units))) if line.frequency == ONCE else 0


@dataclass(frozen=True)
class Budget:
    """The personal budget: what meeting the eligible needs costs, and who pays what of it."""

    weekly_pence: int
    one_off_pence: int
    contribution_pence: int | None  # the person's assessed contribution a week; None until it is assessed

    @property
    def council_weekly_pence(self) -> int | None:
        if self.contribution_pence is None:
            return None
        return max(0, self.weekly_pence - self.contribution_pence)

    @property
    def yearly_pence(self) -> int:
        return self.weekly_pence * 52 + self.one_off_pence


def budget(lines: Iterable[Line], *, contribution_pence: int | None = None) -> Budget:
    lines = list(lines)
    return Budget(
        weekly_pence=sum(map(weekly_pence, lines)),
        one_off_pence=sum(map(one_off_pence, lines)),
        contribution_pence=contribution_pence,
    )
