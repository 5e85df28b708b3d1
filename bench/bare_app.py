"""bench/load.py's baseline: a bare Streamlit app with the app's widgets (join form, group page, dashboard).

It draws, under the same keys, what the app draws for the same URL: the join form (`?join=`), a group's step
(`?c=…&step=…`: the steps in the sidebar, one widget per field of the step, a banner fragment) and the
facilitator's dashboard (`?f=…`: its controls and a progress table refreshing every 5 s). Nothing else: no
checks, no merge, no revisions. An edit is saved the plain way (the group's answers dumped with PyYAML's C
dumper, one fsync'd write renamed into place); the dashboard reads every group's file each refresh. The steps
and fields come from `layout.json` in `$BARE_DATA`, written by bench/load.py from the worksheet pack.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

import pandas as pd  # type: ignore[import-untyped]
import streamlit as st
import yaml

FOLDER = Path(os.environ["BARE_DATA"])
BANNER_SECONDS, BOARD_SECONDS = 10, 5  # the app's own: ui/workshop_group.py, ui/workshop_progress.py


@st.cache_resource
def layout() -> dict:  # type: ignore[type-arg]
    return json.loads((FOLDER / "layout.json").read_text(encoding="utf-8"))


def save(group: str) -> None:
    answers = st.session_state.setdefault("answers", {})
    for key, value in st.session_state.items():
        if isinstance(key, str) and key.startswith("f:") and isinstance(value, str):
            answers[key[2:]] = value
    temporary = FOLDER / "groups" / f".{group}.tmp"
    with temporary.open("wb") as handle:
        handle.write(yaml.dump(answers, Dumper=yaml.CSafeDumper, allow_unicode=True).encode())
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, FOLDER / "groups" / f"{group}.yaml")


def joined() -> None:
    group = secrets.token_urlsafe(8).replace("-", "x").replace("_", "y")
    (FOLDER / "groups" / f"{group}.yaml").write_text("{}\n", encoding="utf-8")
    st.query_params.from_dict({"c": group, "step": layout()["steps"][0]["id"]})


def join_page() -> None:
    with st.form("join-workshop", border=True, enter_to_submit=False):
        st.text_input("Join code", key="join-code")
        st.text_input("Your group's name", key="join-name")
        st.form_submit_button("Join the workshop", on_click=joined)


@st.fragment(run_every=BANNER_SECONDS)
def banner() -> None:
    st.caption("No step chosen by the facilitator")


def widget(field: dict, step: str, group: str) -> None:  # type: ignore[type-arg]
    key, label, kind = f"f:{step}.{field['id']}", field["label"], field["kind"]
    if kind == "text_input":
        st.text_input(label, key=key, on_change=save, args=(group,))
    elif kind == "text_area":
        st.text_area(label, key=key, on_change=save, args=(group,))
    elif kind == "selectbox":
        st.selectbox(label, field["options"], index=None, key=key)
    elif kind == "multiselect":
        st.multiselect(label, field["options"], key=key)
    elif kind == "number_input":
        st.number_input(label, value=None, key=key)
    elif kind == "date_input":
        st.date_input(label, value=None, key=key)
    else:  # a table
        frame = pd.DataFrame([{column: "" for column in field["options"]}])
        st.data_editor(frame, key=key, num_rows="dynamic")


def group_page(group: str) -> None:
    steps = {step["id"]: step for step in layout()["steps"]}
    current = st.query_params.get("step", "")
    current = current if current in steps else next(iter(steps))
    with st.sidebar:
        st.markdown(f"### {group}")
        st.session_state["nav-step"] = current
        st.radio("Steps", list(steps), format_func=lambda s: steps[s]["label"], key="nav-step", on_change=moved)
    banner()
    st.title(steps[current]["label"])
    for field in steps[current]["fields"]:
        widget(field, current, group)


def moved() -> None:
    st.query_params["step"] = st.session_state["nav-step"]


@st.fragment(run_every=BOARD_SECONDS)
def board() -> None:
    rows = []
    for path in sorted((FOLDER / "groups").glob("*.yaml")):
        answers = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader) or {}  # noqa: TID251  # the plain floor
        rows.append({"Group": path.stem, "Answers": str(len(answers))})
    st.dataframe(pd.DataFrame(rows, dtype=object), hide_index=True, key="progress-table")
    st.caption(f"{len(rows)} groups; refreshes every {BOARD_SECONDS} seconds")


def dashboard() -> None:
    st.title("Load test")
    steps = [step["id"] for step in layout()["steps"]]
    st.selectbox("Current step", ["", *steps], key="dashboard-step")
    st.toggle("Joining open", value=True, key="dashboard-joining")
    board()
    st.selectbox("Open a group's plan (read-only)", [], index=None, key="dashboard-preview")


if "f" in st.query_params:
    dashboard()
elif "c" in st.query_params:
    group_page(st.query_params["c"])
else:
    join_page()
