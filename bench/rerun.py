"""Server-side time of an interaction on the largest worksheet, beside a bare app drawing the same widgets and
saving the edited answer the plain way (PyYAML, two fsync'd writes).

Run: `.venv/bin/python bench/rerun.py [repeats]`. Prints medians (ms) and the ratio; the target is at most 2x.
Both apps run under AppTest in this process, interleaved round by round, so the figures exclude the browser
and the network.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from streamlit.testing.v1 import AppTest

from campaign import CampaignRepository, load_worksheets, open_store
from campaign.example import example_campaign
from campaign.fields import TableField
from ui.answer_box import report

ROOT = Path(__file__).resolve().parents[1]

KINDS = (
    "bidi_component",
    "text_input",
    "text_area",
    "selectbox",
    "multiselect",
    "date_input",
    "number_input",
    "button",
    "radio",
)
BLOCKS = ("expander", "popover", "markdown", "caption", "dataframe")


def largest_worksheet(campaign, pack) -> str:  # type: ignore[no-untyped-def]
    """Return the id of the worksheet that draws the most widgets for the example campaign."""

    def size(sheet) -> int:  # type: ignore[no-untyped-def]
        total = 0
        for definition in sheet.fields:
            if isinstance(definition, TableField):
                total += len(campaign.rows(sheet.id, definition.id)) * (len(definition.columns) + 1)
            elif definition.type == "list":
                total += 1 + len(campaign.answer(sheet.id, definition.id) or [])
            else:
                total += 1
        return total

    return max(pack.worksheets, key=size).id


def _elements(node):  # type: ignore[no-untyped-def]
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _elements(child)


def timed(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    assert not at.exception, [e.value for e in at.exception]
    return elapsed * 1000


BARE_SAVE = """
import os, yaml
from pathlib import Path
FOLDER = Path({folder!r})
def save():  # the floor of a save: the edit into the file's data, PyYAML's C dumper, two fsync'd writes
    if 'data' not in st.session_state:  # read once per session, as our app keeps the campaign in the session
        st.session_state['data'] = yaml.load((FOLDER / 'campaign.yaml').read_bytes(), Loader=yaml.CSafeLoader)
    data = st.session_state['data']
    data['answers'].setdefault('bench', {{}})['edited'] = st.session_state['bidi_component0']
    data['revision'] += 1
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False).encode()
    for name in ('campaign.yaml', f"revision-{{data['revision']:06d}}.yaml"):
        with open(FOLDER / f'.{{name}}.tmp', 'wb') as file:
            file.write(text); file.flush(); os.fsync(file.fileno())
        os.replace(FOLDER / f'.{{name}}.tmp', FOLDER / name)
"""


def bare_app(counts: Counter[str], folder: Path) -> str:
    """Return the source of an app that draws `counts` widgets of each kind and nothing else, and saves the
    edited answer the plain way (the campaign file in `folder`, read once, dumped and written with its revision)."""
    lines = ["import pandas as pd", "import streamlit as st", "st.set_page_config(layout='wide')"]
    lines.append(BARE_SAVE.format(folder=str(folder)))
    lines.append("frame = pd.DataFrame([{c: f'{c} {r}' for c in 'abcde'} for r in range(4)])")
    lines.append("st.sidebar.radio('Steps', [str(i) for i in range(10)], key='nav')")
    for kind in KINDS + BLOCKS:
        number = counts[kind] - (kind == "radio")
        for i in range(max(number, 0)):
            key = f"{kind}{i}"
            lines.append(
                {
                    # our answer box (a component) against Streamlit's own text area, the widget it replaces
                    "bidi_component": f"st.text_area('Answer {i}', key='{key}'"
                    + (", on_change=save)" if i == 0 else ")"),
                    "text_input": f"st.text_input('Text {i}', key='{key}')",
                    "text_area": f"st.text_area('Long text {i}', key='{key}')",
                    "selectbox": f"st.selectbox('Choice {i}', ['a', 'b', 'c', 'd'], index=None, key='{key}')",
                    "multiselect": f"st.multiselect('Choices {i}', ['a', 'b', 'c', 'd'], key='{key}')",
                    "date_input": f"st.date_input('Date {i}', value=None, key='{key}')",
                    "number_input": f"st.number_input('Number {i}', value=None, key='{key}')",
                    "button": f"st.button('Button {i}', key='{key}')",
                    "radio": f"st.radio('Radio {i}', ['a', 'b'], key='{key}')",
                    "expander": f"st.expander('Card {i}').write('')",
                    "markdown": f"st.markdown('Some **text** {i}')",
                    "caption": f"st.caption('Caption {i}')",
                    "dataframe": f"st.data_editor(frame, key='{key}', num_rows='dynamic')",
                    "popover": f"st.popover('Example {i}').text('An example')",
                }[kind]
            )
    return "\n".join(lines) + "\n"


def main(repeats: int = 25) -> None:
    data = tempfile.mkdtemp(prefix="bench-rerun-")
    os.environ["CAMPAIGN_DATA_DIR"] = data
    pack = load_worksheets()
    campaign = CampaignRepository(open_store(data), pack).create(example_campaign(pack))
    step = largest_worksheet(campaign, pack)
    other = next(s.id for s in pack.worksheets if s.id != step)

    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    app.query_params.update({"c": campaign.id, "step": step})
    timed(app)
    counts = Counter(element.type for element in _elements(app._tree) if hasattr(element, "type"))
    saving = _time_saves()
    boxes = [e.key for e in app.get("bidi_component") if e.key and e.key.startswith(f"f:{step}.")]
    target = next(key for key in boxes if key.count(".") == 3)  # a cell of a table row

    script = Path(data) / "bare_app.py"
    floor_folder = Path(data) / "bare"
    floor_folder.mkdir()
    stored = next(Path(data).glob("campaigns/*/campaign.yaml"))
    (floor_folder / "campaign.yaml").write_bytes(stored.read_bytes())  # the same campaign file to save into
    script.write_text(bare_app(counts, floor_folder))
    bare = AppTest.from_file(str(script), default_timeout=60)
    timed(bare)

    edits, moves, saves, bare_edits, bare_moves = [], [], [], [], []
    for number in range(repeats):  # interleaved: each round times ours, then the bare app, on equal terms
        app.session_state[target] = report(f"Edited {number}", f"bench-{number}")  # what the box sends
        saving.clear()
        edits.append(timed(app))
        saves.append(sum(saving))
        bare.text_area(key="bidi_component0").input(f"Edited {number}")
        bare_edits.append(timed(bare))
        app.radio(key="nav-step").set_value(other)
        timed(app)
        app.radio(key="nav-step").set_value(step)
        moves.append(timed(app))
        bare.radio(key="nav").set_value(str(number % 2))
        bare_moves.append(timed(bare))

    widgets = ", ".join(f"{counts[k]} {k}" for k in KINDS + BLOCKS if counts[k])
    print(f"Largest worksheet: {step} ({widgets}); {repeats} repeats, median server-side ms under AppTest")
    print(f"{'interaction':<34}{'this app':>10}{'bare app':>10}{'ratio':>8}")
    for name, ours, floor in (
        ("edit a field (saved to disk)", edits, bare_edits),
        ("change step (to this worksheet)", moves, bare_moves),
    ):
        a, b = statistics.median(ours), statistics.median(floor)
        print(f"{name:<34}{a:>10.1f}{b:>10.1f}{a / b:>7.2f}x")
    save = statistics.median(saves)
    ui = statistics.median(e - s for e, s in zip(edits, saves, strict=True))
    floor = statistics.median(bare_edits)
    print(f"  of the edit, repository.save (model: read, merge check, YAML, 2 fsync'd writes): {save:.1f} ms")
    print(f"  the edit without its save: {ui:.1f} ms, {ui / floor:.2f}x the bare app")
    shutil.rmtree(data, ignore_errors=True)


def _time_saves() -> list[float]:
    """Wrap the app's repository so each save's duration is recorded (the bench's only instrument)."""
    from ui.resources import repository

    repo = repository()
    durations: list[float] = []
    original = repo.save

    def save(mine, base, **options):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return original(mine, base, **options)
        finally:
            durations.append((time.perf_counter() - start) * 1000)

    repo.save = save  # type: ignore[method-assign]
    return durations


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 25)
