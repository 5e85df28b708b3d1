"""The export commands of `python -m campaign`: `export` (the plan), `calendar` (its dates, .ics), `handouts`."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from campaign.cli import add_language_option
from campaign.cli_files import read_campaign_file
from campaign.config import config
from campaign.i18n import translator
from campaign.model import Campaign
from campaign.worksheet import WorksheetError, WorksheetPack, load_worksheets

if TYPE_CHECKING:
    from exports.document import PlanDocument

FORMATS = ("docx", "pdf", "md")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `export` and `handouts` to the `python -m campaign` parser."""
    export = subparsers.add_parser("export", help="write the campaign plan as DOCX, PDF and/or Markdown")
    export.add_argument("file", help="the campaign file (.yaml)")
    export.add_argument("--format", choices=(*FORMATS, "all"), default="all", help="which file to write (default: all)")
    export.add_argument("--out", default=".", help="folder to write into (default: the current folder)")
    export.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: the campaign's setting)")
    add_language_option(export, "language of the plan (default: the campaign's own)")
    export.set_defaults(run=export_plan)
    calendar = subparsers.add_parser("calendar", help="write the plan's activities and deadlines as an .ics calendar")
    calendar.add_argument("file", help="the campaign file (.yaml)")
    calendar.add_argument("--out", help="the .ics file to write (default: the campaign file's name, in this folder)")
    add_language_option(calendar, "language of the event names (default: the campaign's own)")
    calendar.set_defaults(run=write_calendar)
    handouts = subparsers.add_parser("handouts", help="write blank worksheets to print, as PDF")
    handouts.add_argument("--out", default="worksheets.pdf", help="the PDF file to write (default: worksheets.pdf)")
    handouts.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size (default: a4)")
    add_language_option(handouts, "language of the worksheets (default: English)")
    handouts.set_defaults(run=write_handouts)


def export_plan(args: argparse.Namespace, pack: WorksheetPack) -> int:
    """Write the plan of campaign `args.file` into `args.out` and print each file's path; 1 on a bad file.

    The plan is in the campaign's own language, or in `args.lang` when given (`pack` is then in that language).
    """
    campaign, problems = read_campaign_file(args.file, pack, translator(args.lang))
    if campaign is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    if args.lang:
        campaign.language = args.lang
    else:
        pack = _pack_in(campaign.language, pack)
    from exports.plan import build_plan

    plan = build_plan(campaign, pack, logo=_logo(args.file, campaign), today=dt.date.today(), paper=args.paper)
    stem = "campaign" if args.file == "-" else Path(args.file).stem
    chosen = FORMATS if args.format == "all" else (args.format,)
    for extension in chosen:
        path = Path(args.out) / f"{stem}.{extension}"
        if not _write(path, renderer(extension)(plan)):
            return 1
        print(path)
    return 0


def renderer(extension: str) -> Callable[[PlanDocument], bytes]:
    """Return the renderer of one format, importing only it: python-docx and reportlab each take a good part of a
    cold start, so `export --format pdf` never loads python-docx, nor `--format docx` the PDF side."""
    if extension == "docx":
        from exports.docx import render_docx

        return render_docx
    if extension == "pdf":
        from exports.pdf import render_pdf

        return render_pdf
    from exports.markdown import render_markdown

    return lambda plan: render_markdown(plan).encode("utf-8")


def write_calendar(args: argparse.Namespace, pack: WorksheetPack) -> int:
    """Write the dates of campaign `args.file` as an `.ics` file and print its path; 1 on a bad file."""
    campaign, problems = read_campaign_file(args.file, pack, translator(args.lang))
    if campaign is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    language = args.lang or campaign.language
    pack = pack if args.lang else _pack_in(campaign.language, pack)
    from exports.ics import calendar_ics

    stem = "campaign" if args.file == "-" else Path(args.file).stem
    path = Path(args.out or f"{stem}.ics")
    if not _write(path, calendar_ics(campaign, pack, translator(language), now=dt.datetime.now(dt.UTC))):
        return 1
    print(path)
    return 0


def write_handouts(args: argparse.Namespace, pack: WorksheetPack) -> int:
    """Write the blank worksheets to `args.out` and print its path."""
    path = Path(args.out)
    from exports.handouts import handouts_pdf

    if not _write(path, handouts_pdf(pack, args.paper)):
        return 1
    print(path)
    return 0


def _pack_in(language: str, pack: WorksheetPack) -> WorksheetPack:
    """Return the worksheets in `language`, or `pack` (saying so) when they have no translation into it."""
    if language == pack.info.language:
        return pack
    try:
        return load_worksheets(language=language, cache=config().cache)
    except WorksheetError:
        print(f"the worksheets have no translation into '{language}': their words stay in English", file=sys.stderr)
        return pack


def _logo(file: str, campaign: Campaign) -> bytes | None:
    """Return the campaign's logo, stored beside its file, or None (saying why) when it cannot be read."""
    if not campaign.settings.logo or file == "-":
        return None
    path = Path(file).parent / campaign.settings.logo
    if not path.exists() and (path.parent / "assets" / path.name).exists():
        path = path.parent / "assets" / path.name  # a campaign file in the data folder keeps its logos there
    try:
        return path.read_bytes()
    except OSError as error:
        print(f"{path}: logo not used ({error.strerror or error})", file=sys.stderr)
        return None


def _write(path: Path, data: bytes) -> bool:
    """Write `data` to `path` whole or not at all (a temporary file then a rename); say why on failure."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o644)  # a temporary file is private; the plan is meant to be shared
        os.replace(handle.name, path)
    except OSError as error:
        print(f"{path}: cannot be written ({error.strerror or error})", file=sys.stderr)
        if "handle" in locals():
            Path(handle.name).unlink(missing_ok=True)
        return False
    return True
