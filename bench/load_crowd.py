"""bench/load.py's crowd: participants who join, type answers and move between steps, and one open dashboard."""

from __future__ import annotations

import asyncio
import random
import time

import websockets
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.load_client import Session, Tally, Widget, text_state, trigger_state, typed_state
from bench.load_server import rss_mb
from campaign import load_worksheets

Think = tuple[float, float]  # seconds between one participant's interactions: low, high
EDIT_SHARE = 0.75
DASHBOARD_SECONDS = 5.0
TEXT_FIELDS = {  # "sheet.field" -> its length limit, of every top-level text answer (a date box refuses words)
    f"{sheet.id}.{field.id}": getattr(field, "max_length", None) or 10_000
    for sheet in load_worksheets().worksheets
    for field in sheet.fields
    if field.type in ("text", "long_text")
}
TEXT_KINDS = ("text_input", "text_area", "bidi_component")  # the answer boxes are components (ui/answer_box.py)
groups: dict[str, str] = {}  # group name -> its query string (the private link), for second laptops


async def participant(
    url: str, code: str, name: str, member: int, members: int, tally: Tally, until: float, think: Think
) -> None:
    """Join (or, for a second laptop, open the group's link), then edit and move until `until`, `think` seconds
    (low, high) between one interaction and the next."""
    session = Session(url, tally)
    try:
        await session.open()
        if member == 0 and name not in groups:
            session.query = f"join={code}"
            await session.run()
            form = session.widgets
            submit = next(w for k, w in form.items() if k.startswith("FormSubmitter:join-workshop"))
            tally.joins.append(
                await session.run(
                    [text_state(form["join-code"], code), text_state(form["join-name"], name), trigger_state(submit)]
                )
            )
            if session.param("c") is None:
                tally.errors.append(f"join refused for {name}")
                return
            groups[name] = session.query
        else:
            while name not in groups:
                await asyncio.sleep(0.2)
            session.query = groups[name]
            await session.run()
        await _work(session, member, members, tally, until, think)
    except (TimeoutError, websockets.ConnectionClosed, RuntimeError, StopIteration, KeyError) as error:
        tally.errors.append(f"{type(error).__name__}: {error}"[:160])
    finally:
        await session.close()


async def _work(session: Session, member: int, members: int, tally: Tally, until: float, think: Think) -> None:
    low, high = think
    counter = 0
    last_refresh = time.monotonic()
    while time.monotonic() < until:
        await asyncio.sleep(random.uniform(low, high))
        for fragment, interval in list(session.fragments.items()):
            if time.monotonic() - last_refresh >= interval:
                tally.refreshes.append(await session.run(fragment=fragment))
                last_refresh = time.monotonic()
        fields = sorted(k for k, w in session.widgets.items() if _own_field(k, w, member, members))
        if fields and random.random() < EDIT_SHARE:
            counter += 1
            key = random.choice(fields)
            limit = session.widgets[key].max_chars or TEXT_FIELDS[key[2:]]  # a box has no max_chars: the field's
            value = f"m{member} #{counter}: typed under load"[:limit]
            elapsed = await session.run([typed_state(session.widgets[key], value, counter)])
            tally.edits.append(elapsed)
            tally.actions.append(elapsed)
            tally.written[(session.param("c") or "", key[2:])] = value
        else:
            nav = session.widgets["nav-step"]
            step = random.choice(nav.options)
            elapsed = await session.run([WidgetState(id=nav.id, string_value=step)])
            tally.moves.append(elapsed)
            tally.actions.append(elapsed)


def _own_field(key: str, widget: Widget, member: int, members: int) -> bool:
    # a top-level text answer ("f:profile.area"), shared out between the laptops of one group
    if not key.startswith("f:") or key[2:] not in TEXT_FIELDS or widget.kind not in TEXT_KINDS:
        return False
    return sum(map(ord, key)) % members == member


async def dashboard(url: str, token: str, tally: Tally, until: float) -> None:
    """Keep the facilitator's dashboard open, rerunning its progress table as the browser does."""
    session = Session(url, tally)
    try:
        await session.open()
        session.query = f"f={token}"
        tally.dashboard.append(await session.run())
        while time.monotonic() < until:
            await asyncio.sleep(DASHBOARD_SECONDS)
            for fragment in list(session.fragments):
                tally.dashboard.append(await session.run(fragment=fragment))
    except (TimeoutError, websockets.ConnectionClosed, RuntimeError) as error:
        tally.errors.append(f"dashboard {type(error).__name__}: {error}"[:160])
    finally:
        await session.close()


async def warm_up(url: str, code: str, token: str) -> None:
    """Load every module and cache once (a join, a step, the dashboard), so memory growth is the sessions'."""
    tally = Tally()
    await participant(url, code, "Warm-up table", 0, 1, tally, time.monotonic(), (0.0, 0.0))
    await dashboard(url, token, tally, time.monotonic())


async def crowd(
    url: str, code: str, token: str, size: int, members: int, seconds: float, think: Think, tally: Tally, pid: int
) -> None:
    """Let `size` participants arrive over a few seconds and work for `seconds`, with the dashboard open."""
    arrive = min(10.0, size / 4)  # groups join over a few seconds, as a room does after the code is shown
    until = time.monotonic() + arrive + seconds
    board = asyncio.create_task(dashboard(url, token, tally, until))

    async def sample_memory() -> None:
        await asyncio.sleep(until - time.monotonic() - 2)
        tally.rss = rss_mb(pid)

    async def one(number: int) -> None:
        await asyncio.sleep(random.uniform(0, arrive))
        group = number // members
        await participant(url, code, f"Table {group + 1}", number % members, members, tally, until, think)

    await asyncio.gather(*(one(n) for n in range(size)), board, sample_memory())
