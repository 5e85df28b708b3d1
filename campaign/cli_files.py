"""The commands on campaign files and the worksheets: worksheets, example, validate, progress, translations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from campaign.campaign_file import parse_campaign
from campaign.file_end import FileEnd, file_end
from campaign.i18n import Translator, translator
from campaign.problems import Problem
from campaign.strict_yaml import MAX_BYTES
from campaign.worksheet import WorksheetPack, available_languages, pack_folder

if TYPE_CHECKING:
    from campaign.completeness import Progress
    from campaign.model import Campaign

# What one command alone needs (progress figures, the translation report, Babel's percentages) is imported in its
# body: a cold `export` reads a campaign file through this module and needs none of it.


def list_worksheets(args: argparse.Namespace, pack: WorksheetPack) -> int:
    """Print one line per worksheet: id, title and number of fields."""
    width = max(len(sheet.id) for sheet in pack.worksheets)
    for number, sheet in enumerate(pack.worksheets, start=1):
        count = len(sheet.fields)
        print(f"{number}. {sheet.id:<{width}}  {sheet.title} ({count} {'field' if count == 1 else 'fields'})")
    return 0


def report_translations(args: argparse.Namespace, pack: WorksheetPack) -> int:
    """Print the words each translation lacks; return 1 if any is incomplete."""
    from campaign.translation_report import translation_gaps

    languages = [args.lang] if args.lang else available_languages()[1:]
    incomplete = 0
    for language in languages:
        gaps = translation_gaps(pack_folder(), language)
        print(f"{language}: {'complete' if not gaps else f'{len(gaps)} words missing'}")
        for gap in gaps:
            print(f"  {gap}")
        incomplete += bool(gaps)
    return 1 if incomplete else 0


def print_example(args: argparse.Namespace, pack: WorksheetPack) -> int:
    """Print the worked example campaign, ready to save and edit."""
    from campaign.campaign_file import campaign_to_yaml
    from campaign.example import example_campaign

    sys.stdout.write(campaign_to_yaml(example_campaign(pack)))
    return 0


def read_campaign_file(
    name: str, pack: WorksheetPack, t: Translator | None = None
) -> tuple[Campaign | None, list[Problem]]:
    """Return the campaign in file `name` (or stdin for '-') and its problems, worded in `t`'s language
    (English without one); never raises for bad content."""
    campaign, problems, _ = read_campaign_file_end(name, pack, t)
    return campaign, problems


def read_campaign_file_end(
    name: str, pack: WorksheetPack, t: Translator | None = None
) -> tuple[Campaign | None, list[Problem], FileEnd]:
    """Return what `read_campaign_file` returns and what the file's end line says (a file cut short is refused)."""
    t = t or translator(None)
    try:
        if name == "-":
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with Path(name).open("rb") as handle:
                raw = handle.read(MAX_BYTES + 1)  # never read a huge file whole
    except OSError as error:
        problem = Problem(name, 0, t("cannot be read ({reason})", reason=error.strerror or error))
        return None, [problem], FileEnd.UNMARKED
    return (*parse_campaign(raw, pack, file=name, t=t), file_end(raw))


def validate_file(args: argparse.Namespace, pack: WorksheetPack) -> int:
    """Print `FILE: valid`, or one `FILE:LINE: problem` line per problem on stderr and return 1.

    The words are English, or in `args.lang` when given.
    """
    from campaign.completeness import missing_required

    t = translator(getattr(args, "lang", None))
    campaign, problems, end = read_campaign_file_end(args.file, pack, t)
    if campaign is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    missing = missing_required(campaign, pack, t=t)
    if missing:
        print(t("{file}: valid ({count} required answers still to fill in)", file=args.file, count=len(missing)))
    else:
        print(t("{file}: valid (complete)", file=args.file))
    if end is FileEnd.EDITED:
        print(t("{file}: edited by hand since it was saved: check it before you continue", file=args.file))
    return 0


def show_progress(args: argparse.Namespace, pack: WorksheetPack) -> int:
    """Print the campaign's share answered, each step's share and status, and every required answer still
    missing: the rule of `campaign.completeness`, the figures the app shows. Return 1 if the file cannot be read."""
    from babel.numbers import format_percent

    from campaign.completeness import campaign_progress

    t = translator(getattr(args, "lang", None))
    campaign, problems = read_campaign_file(args.file, pack, t)
    if campaign is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    progress = campaign_progress(campaign, pack, t=t)
    share = format_percent(progress.overall.share, locale=t.language)
    if progress.overall.complete:
        print(t("{file}: {share} answered, complete", file=args.file, share=share))
    else:
        count = len(progress.overall.missing)
        print(
            t.ngettext(
                "{file}: {share} answered, {count} required answer still to fill in",
                "{file}: {share} answered, {count} required answers still to fill in",
                count,
                file=args.file,
                share=share,
            )
        )
    for number, sheet in enumerate(pack.worksheets, start=1):
        print(f"  {number}. {sheet.short_title}: {_step_words(progress.steps[sheet.id], t)}")
    if progress.overall.missing:
        print(t("Still to fill in:"))
        for gap in progress.overall.missing:
            print(f"  {gap.label}")
    return 0


def _step_words(step: Progress, t: Translator) -> str:
    from babel.numbers import format_percent

    share = format_percent(step.share, locale=t.language)
    if step.status == "not_started":
        return t("not started")
    if step.status == "complete":
        return t("{share} answered, complete", share=share)
    return t("{share} answered, {count} still needed", share=share, count=len(step.missing))
