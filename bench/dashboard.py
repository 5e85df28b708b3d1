"""The facilitator dashboard's refresh: reading 40 groups when one changed, and drawing the table, ours vs before.

Run: `.venv/bin/python -m bench.dashboard [--groups 40] [--rounds 15] [--s3]`.

Two measures, each interleaved with its baseline in the same run (medians of process CPU time, ms):

- *read*: one refresh of the progress of `--groups` groups right after one of them saved. Ours is
  `WorkshopRepository.progress` (a conditional read per group, the progress of unchanged groups kept); before
  is what it did until now: load every group's campaign (the parse cache spares the YAML, not the read, the
  copy or the counting) and count its progress. Each board is its own repository, as on another server than
  the groups'. With `--s3` the groups live on moto's S3 server (a real HTTP endpoint on 127.0.0.1); the
  process CPU time then leaves out the server's side, so wall time is printed too.
- *table*: turning the rows into what `st.dataframe` sends (Streamlit's own `marshall` into an Arrow proto):
  ours is the plain table of words; before is the same table as numbers with a pandas Styler that formats and
  colours each cell by its status (the code the dashboard had, kept here as the baseline).

The machine is shared: read the figures as orders of magnitude and compare within one run.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from streamlit.elements.arrow import marshall
from streamlit.proto.ArrowData_pb2 import ArrowData

from campaign import CampaignRepository, GroupProgress, WorksheetPack, load_worksheets, open_store
from campaign.completeness import campaign_progress
from campaign.example import example_campaign
from campaign.model import Campaign
from campaign.reading import title
from campaign.storage import BlobStore
from campaign.workshop import Group, Workshop
from campaign.workshops import WorkshopRepository
from ui.workshop_progress import progress_table, share_words, step_column, with_open_comments

COLOURS = {  # the dashboard's colours until now: background, text per status
    "not_started": ("#EEF2F2", "#56666B"),
    "under_way": ("#FBE7B5", "#5A4300"),
    "complete": ("#C9E9D0", "#0B4A1E"),
}


def progress_before(workshops: WorkshopRepository, workshop: Workshop, pack: WorksheetPack) -> list[GroupProgress]:
    """Return the rows as the dashboard read them until now: every group's campaign loaded and counted."""
    rows = []
    for group in workshop.groups:
        campaign = workshops.campaigns.load(group.campaign_id)
        progress = campaign_progress(campaign, pack)
        comments = sum(not comment.done for comment in campaign.comments)
        name = title(campaign, pack)
        rows.append(GroupProgress(group, progress.steps, progress.overall, campaign.updated, name, comments))
    return rows


def styled_before(rows: list[GroupProgress], pack: WorksheetPack, now: dt.datetime):  # type: ignore[no-untyped-def]
    """Return the table as the dashboard drew it until now: shares as numbers, a Styler writing and colouring
    each cell by its step's status."""
    import pandas as pd  # type: ignore[import-untyped]

    from ui.workshop_progress import time_ago

    steps = [step_column(n, sheet.short_title) for n, sheet in enumerate(pack.worksheets, 1)]
    columns = ["Group", *steps, "Overall", "Last activity"]
    records = [
        [
            row.group.name,
            *(row.progress[s.id].share for s in pack.worksheets),
            row.overall.share,
            time_ago(row.updated, now),
        ]
        for row in rows
    ]
    frame = pd.DataFrame(records, columns=columns)
    frame.insert(len(frame.columns) - 2, "Open comments", [row.open_comments for row in rows])
    statuses = [[*(row.progress[s.id] for s in pack.worksheets), row.overall] for row in rows]
    styler = frame.style
    for place, column in enumerate([*steps, "Overall"]):
        for status, (background, text) in COLOURS.items():
            cells = [number for number, progress in enumerate(statuses) if progress[place].status == status]
            if cells:
                words = partial(lambda share, status: share_words(_progress(share, status), _t()), status=status)
                styler = styler.format(words, subset=(cells, [column]))
                style = f"background-color: {background}; color: {text}"
                styler = styler.map(lambda _, style=style: style, subset=(cells, [column]))
    return styler


def _progress(share: float, status: str):  # type: ignore[no-untyped-def]
    from campaign.completeness import Progress

    given = 0 if status == "not_started" else 1
    missing = () if status == "complete" else ("x",)
    return Progress(100, given, int(share * 100), missing)  # type: ignore[arg-type]


def _t():  # type: ignore[no-untyped-def]
    from campaign.i18n import translator

    return translator(None)


def drawn(data: object, uuid: str | None = None) -> bytes:
    """Return what st.dataframe sends for `data`: Streamlit's own marshalling into an Arrow proto."""
    proto = ArrowData()
    marshall(proto, data, uuid)  # type: ignore[arg-type]
    return proto.SerializeToString()


def room(store: BlobStore, pack: WorksheetPack, groups: int) -> tuple[WorkshopRepository, Workshop, list[Campaign]]:
    """Return the groups' repository, a workshop of `groups` groups, and their campaigns, part-filled in turn."""
    workshops = WorkshopRepository(store, CampaignRepository(store, pack))
    workshop, _ = workshops.create("Bench forum")
    example = example_campaign(pack)
    made = []
    for number in range(groups):
        fresh = Campaign(id="")
        for sheet in pack.worksheets[: number % (len(pack.worksheets) + 1)]:
            fresh.answers[sheet.id] = copy.deepcopy(example.answers.get(sheet.id, {}))
        made.append(workshops.campaigns.create(fresh, workshop=workshop.id))
    extra = [Group(c.id, f"Table {n}") for n, c in enumerate(made, 1)]
    workshop = workshops.update(workshop.id, lambda stored: stored.groups.extend(extra))
    return workshops, workshop, made


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Return the process CPU time and the wall time of `action`, in ms."""
    cpu, wall = time.process_time(), time.perf_counter()
    action()
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


@contextmanager
def stores(s3: bool, folder: Path) -> Iterator[Callable[[], BlobStore]]:
    """Yield a maker of stores on one place: a folder, or one bucket on moto's S3 server."""
    if not s3:
        yield lambda: open_store(folder / "data")
        return
    from campaign.object_store import ObjectStore
    from tests.s3_server import new_bucket, s3_options, s3_server

    with s3_server() as url:
        bucket = new_bucket(url)
        yield lambda: ObjectStore(bucket, **s3_options(url))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--s3", action="store_true", help="the groups' campaigns on moto's S3 server")
    args = parser.parse_args()
    pack = load_worksheets()
    now = dt.datetime.now(dt.UTC)
    with tempfile.TemporaryDirectory() as folder, stores(args.s3, Path(folder)) as store:
        writer, workshop, made = room(store(), pack, args.groups)
        ours = WorkshopRepository(board := store(), CampaignRepository(board, pack))
        before_store = store()
        before = WorkshopRepository(before_store, CampaignRepository(before_store, pack))
        ours.progress(workshop, pack), progress_before(before, workshop, pack)  # each board's first look
        figures: dict[str, list[tuple[float, float]]] = {"read ours": [], "read before": []}
        figures |= {"table ours": [], "table before": []}
        for number in range(args.rounds):
            base = writer.campaigns.load(made[number % len(made)].id)
            mine = base.copy()
            mine.set_answer("profile", "name", f"Edited in round {number}")
            writer.campaigns.save(mine, base)
            pair = [("read ours", lambda: ours.progress(workshop, pack))]
            pair.append(("read before", lambda: progress_before(before, workshop, pack)))
            for name, action in pair if number % 2 else reversed(pair):
                figures[name].append(timed(action))
            rows = ours.progress(workshop, pack)
            tables = [
                ("table ours", lambda rows=rows: drawn(with_open_comments(progress_table(rows, pack, now), rows, _t())))
            ]
            tables.append(("table before", lambda rows=rows: drawn(styled_before(rows, pack, now), "bench")))
            for name, action in tables if number % 2 else reversed(tables):
                figures[name].append(timed(action))
    where = "moto S3 on 127.0.0.1" if args.s3 else "a local folder"
    print(f"{args.groups} groups on {where}, one saved before each of {args.rounds} interleaved rounds (medians)")
    print(f"{'measure':<34}{'ours':>10}{'before':>10}{'ratio':>8}")
    for measure, label in (("read", "refresh read, 1 changed"), ("table", "table drawn (st.dataframe's)")):
        for kind, index in (("CPU ms", 0), ("wall ms", 1)):
            mine = statistics.median(f[index] for f in figures[f"{measure} ours"])
            theirs = statistics.median(f[index] for f in figures[f"{measure} before"])
            print(f"{label + ', ' + kind:<34}{mine:>10.2f}{theirs:>10.2f}{mine / theirs:>7.2f}x")


if __name__ == "__main__":
    main()
