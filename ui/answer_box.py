"""The answer box: a text line, text area, number or date that stores what is typed after a pause in typing.

Streamlit's own text area, number and date inputs report only when the person leaves them, so an answer
typed and left in its box is lost on a reload or a closed tab. This component (Streamlit's components v2:
inline HTML, CSS and JavaScript, no build step) reports 0.6 s after the last keystroke and at once on Enter,
on leaving the box and when the page is hidden. Each report carries a fresh id, and a report is stored once:
a report seen again (after a rerun, a merge or a catch-up) never writes an old answer over a newer one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, Literal

import streamlit as st

from ui import state
from ui.language import ui_translator
from ui.text import escape_markdown

Kind = Literal["line", "lines", "number", "date"]
Take = Callable[[str], str | None]  # store the typed text; return why it was not stored, or None

REPORTS_KEY = "_answer_reports"  # box key -> (id, text) of the last report taken from that box
PROBLEMS_KEY = "_answer_problems"  # box key -> why the last text typed there was not stored
DRAWN_KEY = "_answer_boxes"  # box key -> the Box drawn by the last run

# The box's code and look are served once per page from static/ (`server.enableStaticServing`): inline, they
# would travel with every box on every rerun (a step of 24 boxes sent 240 KB a run instead of 27 KB).


def _version() -> str:
    """Return a digest of the box's code, so a browser never runs a cached copy of an older one."""
    from pathlib import Path  # the UI reads no files but this one, at start-up

    code = Path(str(files("ui"))).parent / "static" / "answer_box.js"
    return hashlib.sha256(code.read_bytes() + code.with_suffix(".css").read_bytes()).hexdigest()[:12]


LOADER = """
const code = new URL("app/static/answer_box.js?v=VERSION", document.baseURI).href;
export default function (component) {
  let unmount = null;
  let gone = false;
  import(code).then((box) => { if (!gone) unmount = box.mount(component); });
  return () => { gone = true; if (unmount) unmount(); };
}
""".replace("VERSION", _version())

# The state is named "typed", not "value": Streamlit 1.67 reads a state `{"value": {...}}` as the inner dict's
# own keys, so an `on_value_change` callback whose value is a dict never runs.
ANSWER_BOX = st.components.v2.component(
    "advocacy.answer_box",
    js=LOADER,
    isolate_styles=False,  # the page's save status must see which boxes hold text not yet stored
)


@dataclass(frozen=True)
class Box:
    """One answer box: its widget key, what it shows, and how a typed text is stored."""

    key: str
    kind: Kind
    label: str
    value: str  # the stored answer as the box shows it
    take: Take
    help: str | None = None
    placeholder: str | None = None
    max_chars: int | None = None
    height: int | None = None
    label_visibility: Literal["visible", "collapsed"] = "visible"
    next: str | None = None  # the key of the box that Enter moves to (the next item of a list)
    blank_waits: bool = False  # an emptied box reports only when left (a list item is not removed mid-edit)
    minimum: str | None = None  # for dates: the earliest and latest day the box accepts, as ISO text
    maximum: str | None = None
    disabled: bool = False


def render_box(box: Box) -> None:
    """Draw `box` and store what the person types in it; show why a text was not stored, if it was not."""
    reports: dict[str, tuple[str, str]] = st.session_state.setdefault(REPORTS_KEY, {})
    data: dict[str, object] = {
        "key": box.key,
        "kind": box.kind,
        "label": box.label,
        "value": box.value,
        "reported": reports[box.key][1] if box.key in reports else None,
        "help": box.help,
        "placeholder": box.placeholder,
        "max_chars": box.max_chars,
        "height": box.height,
        "label_visibility": box.label_visibility,
        "next": box.next,
        "blank_waits": box.blank_waits,
        "min": box.minimum,
        "max": box.maximum,
        "disabled": box.disabled,
    }
    space = state.workspace()
    if space is not None and space.unsaved:  # the server holds edits the store has not taken: the box keeps its copy
        data["unsaved"] = True
    drawn = st.session_state.setdefault(DRAWN_KEY, {})
    if not drawn:  # the first box of a run carries the words of every box's notes (sent once, not per box)
        data["words"] = _note_words()
    data = {name: value for name, value in data.items() if value not in (None, False)}  # less to send each run
    drawn[box.key] = box

    def on_typed_change() -> None:
        take_report(box, _state(box.key))

    ANSWER_BOX(key=box.key, data=data, on_typed_change=on_typed_change)
    problem = st.session_state.get(PROBLEMS_KEY, {}).get(box.key)
    if problem:
        st.caption(f":red[:material/error: {escape_markdown(problem)}]")


def _note_words() -> dict[str, str]:
    """Return the words a box shows when it puts back, or offers back, text the server never received."""
    t = ui_translator()
    return {
        "restored": t("Brought back from this browser: what you typed here at {time} had not reached the server yet."),
        "changed": t("What you typed here at {time} was never saved, and the answer has changed since. Your text:"),
        "put_back": t("Put it back"),
        "discard": t("Discard"),
    }


def take_report(box: Box, report: Any) -> bool:
    """Store the text of `report` once (a report already taken is ignored); return True when it was new."""
    if not (isinstance(report, dict) and isinstance(report.get("text"), str) and isinstance(report.get("id"), str)):
        return False
    reports: dict[str, tuple[str, str]] = st.session_state.setdefault(REPORTS_KEY, {})
    if reports.get(box.key, ("",))[0] == report["id"]:
        return False
    text = report["text"][: box.max_chars] if box.max_chars else report["text"]
    reports[box.key] = (report["id"], report["text"])
    problems: dict[str, str] = st.session_state.setdefault(PROBLEMS_KEY, {})
    problem = box.take(text)
    if problem:
        problems[box.key] = problem
    else:
        problems.pop(box.key, None)
    return True


def take_waiting_reports() -> None:
    """Store every report of the boxes the last run drew that no callback has taken yet; call it first in a run.

    In a browser each report reaches its `on_typed_change` callback before the script runs. A report put
    in session state directly (AppTest) reaches none: taken here, before the page reads the stored campaign,
    it follows the same path at the same moment.
    """
    for key, box in st.session_state.pop(DRAWN_KEY, {}).items():
        take_report(box, _state(key))


def _state(key: str) -> Any:
    state = st.session_state.get(key)
    return state.get("typed") if isinstance(state, dict) else None


def report(text: str, report_id: str) -> dict[str, dict[str, str]]:
    """Return the component state that a box holds after reporting `text` (what tests put in session state)."""
    return {"typed": {"text": text, "id": report_id}}
