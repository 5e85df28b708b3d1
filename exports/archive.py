"""Every group's plan in one ZIP: a folder per group holding plan.docx, plan.pdf and campaign.yaml."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from campaign.campaign_file import campaign_to_yaml
from campaign.model import Campaign
from campaign.worksheet import WorksheetPack
from exports.document import Paper
from exports.docx import render_docx
from exports.names import file_stem
from exports.pdf import render_pdf
from exports.plan import build_plan

GROUP_FILES = ("plan.docx", "plan.pdf", "campaign.yaml")
INDEX_NAME = "groups.txt"


@dataclass(frozen=True)
class GroupPlan:
    """One group's campaign as it goes into the archive; `logo` is the cover image's bytes, if any; `pack` is the
    worksheets in the campaign's language (the archive's pack when None)."""

    name: str
    campaign: Campaign
    logo: bytes | None = None
    pack: WorksheetPack | None = None


Stamp = tuple[int, int, int, int, int, int]  # a zip entry's date and time, as zipfile wants it


def folder_name(number: int, group_name: str) -> str:
    """Return a safe, unique folder name such as `03-equipe-lusaka`, cut at a word: never the typed name itself
    as a path."""
    return f"{number:02d}-{file_stem(group_name, 'group')}"


def build_archive(
    groups: Sequence[GroupPlan],
    pack: WorksheetPack,
    *,
    today: dt.date,
    paper: Paper | None = None,
    on_group: Callable[[int, GroupPlan], None] | None = None,
) -> bytes:
    """Return a ZIP of every group's plan (Word, PDF) and campaign file, one folder each, with an index.

    `on_group(number, group)` is called before each group is built, for a progress bar. `today` dates the
    plans' covers and the archive's entries, so the same input gives the same bytes apart from the DOCX.
    """
    stamp = (today.year, today.month, today.day, 0, 0, 0)
    buffer = io.BytesIO()
    index = []
    with zipfile.ZipFile(buffer, "w") as archive:
        for number, group in enumerate(groups, start=1):
            if on_group is not None:
                on_group(number, group)
            folder = folder_name(number, group.name)
            index.append(f"{folder}\t{group.name}")
            plan = build_plan(group.campaign, group.pack or pack, logo=group.logo, today=today, paper=paper)
            # PDF and DOCX are compressed already: store them, deflate only the text
            _add(archive, f"{folder}/plan.docx", render_docx(plan), stamp, zipfile.ZIP_STORED)
            _add(archive, f"{folder}/plan.pdf", render_pdf(plan), stamp, zipfile.ZIP_STORED)
            _add(archive, f"{folder}/campaign.yaml", campaign_to_yaml(group.campaign).encode(), stamp)
        _add(archive, INDEX_NAME, ("folder\tgroup\n" + "\n".join(index) + "\n").encode(), stamp)
    return buffer.getvalue()


def _add(archive: zipfile.ZipFile, name: str, data: bytes, stamp: Stamp, method: int = zipfile.ZIP_DEFLATED) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = method
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)
