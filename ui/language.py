"""The interface language: named in the URL (`?lang=fr`), else the browser's, else English; and its picker."""

from __future__ import annotations

import datetime as dt
import threading
from functools import cache, lru_cache

import streamlit as st
from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton
from babel.numbers import format_percent
from streamlit.runtime.scriptrunner import get_script_run_ctx

from campaign import SOURCE_LANGUAGE, Translator, available_languages, interface_languages, translator
from ui.state import LANGUAGE_PARAM, forget_widgets

PICKER_KEY = "ui-language"
# A run's language, remembered by the thread that runs the script, for its session: every widget asks for it,
# and reading the URL each time cost ~10 µs a call, about 0.5 ms a rerun.
_RUN = threading.local()


@cache
def offered_languages() -> tuple[str, ...]:
    """Return the languages the app can be used in, English first: those with both catalogs and worksheets."""
    worksheets = set(available_languages())
    return tuple(language for language in interface_languages() if language in worksheets)


def language_name(code: str) -> str:
    """Return a language's own name ("Français"), or the code when Babel does not know it."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:]


def language_in(code: str, t: Translator) -> str:
    """Return a language's name in `t`'s language, as written inside a sentence ("French", "francés")."""
    try:
        return Locale.parse(code).get_display_name(t.language) or code
    except (UnknownLocaleError, ValueError):
        return code


def chosen_language() -> str | None:
    """Return the language the URL names (`?lang=`), when the app offers it."""
    code = st.query_params.get(LANGUAGE_PARAM)
    return code if code in offered_languages() else None


def browser_language() -> str | None:
    """Return the browser's language ("fr" for "fr-CI") when the app offers it; None outside a browser."""
    try:
        locale = st.context.locale
    except Exception:  # no browser session (a script, a test runner)
        return None
    code = (locale or "").replace("_", "-").split("-")[0].lower()
    return code if code in offered_languages() else None


def ui_language() -> str:
    """Return the language the interface speaks in this session."""
    return chosen_language() or browser_language() or SOURCE_LANGUAGE


def ui_translator() -> Translator:
    """Return the translator of the interface language (`t("…")`, `t.date(…)`)."""
    session = _session()
    remembered = getattr(_RUN, "remembered", None)
    if remembered is None or remembered[0] != session:
        remembered = _RUN.remembered = (session, translator(ui_language()))
    return remembered[1]


def begin_run() -> Translator:
    """Read the interface language afresh from the URL (first thing in every run) and return its translator."""
    _RUN.remembered = None
    return ui_translator()


def _session() -> str | None:
    ctx = get_script_run_ctx(suppress_warning=True)
    return ctx.session_id if ctx is not None else None


def percent(share: float, t: Translator) -> str:
    """Return a share as the language writes it: "40%", "40 %"."""
    return _percent(round(share, 2), t.language)


@lru_cache(maxsize=1024)
def _percent(share: float, language: str) -> str:
    return format_percent(share, locale=language)


def day_month(day: dt.date, t: Translator) -> str:
    """Return a day and month without the year, in the language's order ("23 Nov", "23 de nov.")."""
    return format_skeleton("MMMd", day, locale=t.date_locale)


def render_language_picker(*, compact: bool = False) -> None:
    """Draw the language selector; choosing a language puts it in the URL, so links and a refresh keep it.

    `compact` hides the label (it stays the widget's accessible name) for a corner of the start page.
    """
    languages = offered_languages()
    if len(languages) < 2:
        return
    t = ui_translator()
    st.session_state[PICKER_KEY] = t.language  # follow the URL (Back in the browser, a shared link)
    st.selectbox(
        ":material/translate: " + t("Language"),
        languages,
        format_func=language_name,
        key=PICKER_KEY,
        on_change=_switch,
        label_visibility="collapsed" if compact else "visible",
        width=170 if compact else "stretch",
    )


def _switch() -> None:
    st.query_params[LANGUAGE_PARAM] = st.session_state[PICKER_KEY]
    _RUN.remembered = None
    forget_widgets()  # every label and choice changes: refill the widgets from the campaign in the new words
