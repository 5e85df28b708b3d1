"""The campaign's money: fields found by their declared `role`, the activities' costs added up against the total."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from campaign.i18n import Translator
from campaign.model import Campaign, is_empty
from campaign.roles import RolePlace
from campaign.worksheet import WorksheetPack


@dataclass(frozen=True)
class Budget:
    """What the campaign's answers say about money; amounts are None when not answered."""

    currency: str
    total: float | None  # the whole campaign's budget, as answered
    costs: tuple[float | None, ...]  # one per filled-in row of the costed table, in plan order
    cost_place: RolePlace | None
    total_place: RolePlace | None

    @property
    def costed(self) -> float:
        """Return the sum of the costs given (rows without a cost count as nothing)."""
        return sum(cost for cost in self.costs if cost is not None)

    @property
    def over_total(self) -> bool:
        """Return True when the costs add up to more than the total budget answered."""
        return self.total is not None and self.costed > self.total


def campaign_budget(campaign: Campaign, pack: WorksheetPack) -> Budget:
    """Return the campaign's currency, total budget and the cost of each row of the table with a `cost` column."""
    currency_place, total_place, cost_place = (pack.field_with_role(r) for r in ("currency", "budget_total", "cost"))
    currency = _answer(campaign, currency_place)
    total = _answer(campaign, total_place)
    costs: tuple[float | None, ...] = ()
    if cost_place is not None and cost_place.column is not None:
        rows = [r for r in campaign.rows(cost_place.sheet.id, cost_place.field.id) if not is_empty(r)]
        costs = tuple(_number(row.get(cost_place.column.id)) for row in rows)
    return Budget(
        currency=" ".join(currency.split()) if isinstance(currency, str) else "",
        total=_number(total),
        costs=costs,
        cost_place=cost_place,
        total_place=total_place,
    )


def _answer(campaign: Campaign, place: RolePlace | None) -> Any:
    if place is None or place.column is not None:
        return None
    return campaign.answer(place.sheet.id, place.field.id)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def amount_text(value: float, currency: str, t: Translator) -> str:
    """Return an amount with the language's separators, after its currency when one is given: "KES 970,000"."""
    number = t.number(int(value)) if float(value).is_integer() else t.number(round(value, 2))
    return f"{currency} {number}" if currency else number
