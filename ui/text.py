"""User text shown safely: Markdown escaped where Streamlit parses it, worked examples in plain words."""

from __future__ import annotations

import re
from typing import Any

from campaign import (
    NOT_ANSWERED,
    Campaign,
    FieldBase,
    Translator,
    WorksheetPack,
    answer_text,
    example_campaign,
    one_line,
    translator,
)

# Streamlit labels and st.markdown parse Markdown, HTML-like tags, :directives[], $math$ and emoji codes:
# backslash-escape every mark that means something so typed text shows exactly as typed.
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=^])")


# Streamlit then turns web addresses, e-mail addresses and :material/...: names found in the *displayed* text
# into links and icons, whatever the escapes: an invisible word joiner (U+2060) breaks each pattern instead.
_LINKABLE = re.compile(r"(?i)(?<![\w])(https?|ftp|www|mailto|material)(?=[:./])|(?=@)")
WORD_JOINER = "\u2060"
__all__ = ["describe", "escape_markdown", "one_line", "unlinked"]


def escape_markdown(text: str) -> str:
    """Return `text` with Markdown, HTML and directives neutralised, to be shown literally."""
    return _PUNCTUATION.sub(r"\\\1", unlinked(text)).replace("\n", "  \n")


def unlinked(text: str) -> str:
    """Return `text` with web and e-mail addresses broken by an invisible character, so none becomes a link."""
    return _LINKABLE.sub(lambda match: (match.group(1) or "") + WORD_JOINER, text)


def describe(definition: FieldBase, value: Any, t: Translator | None, examples: WorksheetPack) -> str:
    """Return a worked example as people read it: `campaign.reading.answer_text` over the pack's example
    campaign, so its references name the example's rows; "Not answered yet" when there is none."""
    t = t or translator(None)
    return answer_text(definition, value, _example_of(examples), examples, t) or t(NOT_ANSWERED)


_EXAMPLES: dict[int, tuple[WorksheetPack, Campaign]] = {}


def _example_of(pack: WorksheetPack) -> Campaign:
    """Return the pack's example campaign, built once per pack (an example popover is drawn on every rerun)."""
    cached = _EXAMPLES.get(id(pack))
    if cached is None or cached[0] is not pack:
        cached = _EXAMPLES[id(pack)] = (pack, example_campaign(pack))
    return cached[1]
