"""The "Only if ..." line under a conditional question: paper prints every question and says when each applies."""

from __future__ import annotations

from campaign.conditions import condition_field
from campaign.fields import Condition, ShowIf, conditions_of
from campaign.i18n import N_, Translator
from campaign.worksheet import Worksheet, WorksheetPack
from exports.document import Inline, Span
from exports.wording import clean, field_label

# Translators: under a question on a blank worksheet; {question} is another question, {choice} one of its answers
ONE_CHOICE = N_("Only if you ticked “{choice}” under “{question}”.")
# Translators: under a question on a blank worksheet; {choices} lists answers of {question}: “National”, “Local”
ANY_CHOICE = N_("Only if you ticked one of {choices} under “{question}”.")
# Translators: under a question on a blank worksheet; {question} is a question whose answer is a number
AT_LEAST = N_("Only if the answer to “{question}” is at least {number}.")
# Translators: under a question on a blank worksheet; {question} is a question whose answer is a number
AT_MOST = N_("Only if the answer to “{question}” is at most {number}.")
# Translators: under a question on a blank worksheet; {low} and {high} are numbers
BETWEEN = N_("Only if the answer to “{question}” is between {low} and {high}.")


def condition_notes(pack: WorksheetPack, sheet: Worksheet, show_if: ShowIf | None, t: Translator) -> list[Inline]:
    """Return one line in words per condition of `show_if` (all of them must hold), in `t`'s language."""
    return [(Span(condition_words(pack, sheet, condition, t)),) for condition in conditions_of(show_if)]


def condition_words(pack: WorksheetPack, sheet: Worksheet, condition: Condition, t: Translator) -> str:
    """Return when a question applies, as a person filling in paper reads it: "Only if you ticked “Fact sheets”
    under “Media you will make”."."""
    _, target = condition_field(pack, sheet, condition)
    question = clean(field_label(target))
    label = getattr(target, "choice_label", str)
    if condition.equals is not None or condition.contains is not None:
        return t(ONE_CHOICE, choice=clean(label(condition.equals or condition.contains)), question=question)
    if condition.in_ is not None:
        choices = ", ".join(f"“{clean(label(choice))}”" for choice in condition.in_)
        return t(ANY_CHOICE, choices=choices, question=question)
    low, high = condition.at_least, condition.at_most
    if low is not None and high is not None:
        return t(BETWEEN, question=question, low=_number(low, t), high=_number(high, t))
    if low is not None:
        return t(AT_LEAST, question=question, number=_number(low, t))
    return t(AT_MOST, question=question, number=_number(high or 0, t))


def _number(value: float, t: Translator) -> str:
    return t.number(int(value) if value == int(value) else value)
