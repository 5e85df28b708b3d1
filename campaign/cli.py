"""The model's commands: worksheets, example, validate, progress, new, history, restore, purge-deleted."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from babel.numbers import format_percent

from campaign.campaign_file import campaign_to_yaml, parse_campaign
from campaign.completeness import Progress, campaign_progress, missing_required
from campaign.config import DELETED_KEEP_DAYS, ConfigError, config
from campaign.example import example_campaign
from campaign.file_end import FileEnd, file_end
from campaign.i18n import Translator, translator
from campaign.model import Campaign, is_valid_id
from campaign.problems import Problem
from campaign.reading import title as campaign_title
from campaign.strict_yaml import MAX_BYTES
from campaign.translation_report import translation_gaps
from campaign.worksheet import WorksheetError, WorksheetPack, available_languages, load_worksheets, pack_folder

if TYPE_CHECKING:  # argparse's class is generic only in its type stubs
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

# The storage commands import storage in their bodies: a cold `export` or `validate` never opens the data folder,
# and storage (with filelock) is a good part of a cold start.

ID_MARK = "\N{WORD JOINER}"  # never typed, never in an id: argparse sees a word, not an option


def register(subparsers: Subparsers) -> None:
    """Add the model's commands to the `python -m campaign` parser."""
    sheets = subparsers.add_parser("worksheets", help="list the worksheets (id, title, number of fields)")
    sheets.set_defaults(run=list_worksheets)
    example = subparsers.add_parser("example", help="print the worked example campaign as YAML")
    add_language_option(example)
    example.set_defaults(run=print_example)
    validate = subparsers.add_parser("validate", help="check a campaign file (use - for standard input)")
    validate.add_argument("file")
    add_language_option(validate, "language of the problems (default: English)")
    validate.set_defaults(run=validate_file)
    progress = subparsers.add_parser(
        "progress", help="show how far a campaign file is, step by step, and what is missing"
    )
    progress.add_argument("file")
    add_language_option(progress, "language of the words (default: English)")
    progress.set_defaults(run=show_progress)
    new = subparsers.add_parser("new", help="create a campaign in the data folder")
    new.add_argument("--title", required=True, help="the campaign's name")
    new.set_defaults(run=create_campaign)
    history = subparsers.add_parser("history", help="list the kept versions of a campaign in the data folder")
    history.add_argument("id", type=campaign_id_argument, help="the campaign's id (from its link: ?c=...)")
    history.add_argument("--last", type=int, default=20, help="how many of the newest versions (default: 20)")
    history.add_argument("--thin", action="store_true", help="first remove the versions the retention rule drops")
    add_language_option(history, "language of the words (default: English)")
    history.set_defaults(run=show_history)
    restore = subparsers.add_parser("restore", help="bring back an earlier version of a campaign (as a new version)")
    restore.add_argument("id", type=campaign_id_argument, help="the campaign's id (from its link: ?c=...)")
    restore.add_argument("version", type=int, help="the version to bring back (see `history`)")
    restore.set_defaults(run=restore_version)
    purge = subparsers.add_parser("purge-deleted", help=f"remove campaigns deleted over {DELETED_KEEP_DAYS} days ago")
    purge.set_defaults(run=purge_deleted_campaigns)
    words = subparsers.add_parser("translations", help="list the words each translation of the worksheets still lacks")
    words.add_argument("--lang", help="only this language (default: every translation)")
    words.set_defaults(run=report_translations)


def add_language_option(parser: argparse.ArgumentParser, purpose: str = "language of the worksheets") -> None:
    """Add `--lang` (one of the languages the worksheet pack has) to a command."""
    languages = available_languages()
    parser.add_argument("--lang", choices=languages, default=None, help=f"{purpose} ({', '.join(languages)})")


def list_worksheets(args: argparse.Namespace, pack: WorksheetPack) -> int:
    """Print one line per worksheet: id, title and number of fields."""
    width = max(len(sheet.id) for sheet in pack.worksheets)
    for number, sheet in enumerate(pack.worksheets, start=1):
        count = len(sheet.fields)
        print(f"{number}. {sheet.id:<{width}}  {sheet.title} ({count} {'field' if count == 1 else 'fields'})")
    return 0


def report_translations(args: argparse.Namespace, pack: WorksheetPack) -> int:
    """Print the words each translation lacks; return 1 if any is incomplete."""
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
    share = format_percent(step.share, locale=t.language)
    if step.status == "not_started":
        return t("not started")
    if step.status == "complete":
        return t("{share} answered, complete", share=share)
    return t("{share} answered, {count} still needed", share=share, count=len(step.missing))


def create_campaign(args: argparse.Namespace, pack: WorksheetPack) -> int:
    """Create a campaign with the given title and print its id and file path."""
    from campaign.repository import CampaignRepository
    from campaign.storage import StorageError, open_store

    store = open_store()
    campaign = Campaign(id="", pack=pack.info.id, language=pack.info.language)
    if (title := pack.field_with_role("title")) is not None:
        campaign.set_answer(title.sheet.id, title.field.id, args.title.strip())
    try:
        created = CampaignRepository(store, pack).create(campaign)
    except StorageError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    print(created.id)
    print(store.where(f"campaigns/{created.id}/campaign.yaml"))
    return 0


def show_history(args: argparse.Namespace, pack: WorksheetPack) -> int:
    """Print the newest kept versions (editing bursts) of a campaign, as the settings page lists them: number,
    when last saved (this machine's time zone), by whom, what changed; with `--thin`, apply the retention rule
    first (docs/storage.md)."""
    from campaign.history import recent, thin
    from campaign.repository import CampaignNotFound, CampaignRepository
    from campaign.storage import StorageError, open_store

    t = translator(getattr(args, "lang", None))
    repository = CampaignRepository(open_store(), pack)
    try:
        current = repository.load(args.id)
        removed = thin(repository, args.id) if args.thin else []
        entries = recent(repository, args.id, max(args.last, 1), t)
    except CampaignNotFound:
        print(f"error: there is no campaign {args.id!r} in the data folder", file=sys.stderr)
        return 1
    except StorageError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    if args.thin:
        print(f"{len(removed)} version(s) removed by the retention rule", file=sys.stderr)
    print(f"{campaign_title(current, pack)}: {len(repository.revisions(args.id))} version(s) kept")
    print(f"{'version':>7}  {'saved':<24}  {'by':<16}  what changed")
    for entry in entries:
        moment = entry.burst.saved.astimezone()
        zone = moment.strftime("%z")
        when = f"{t.date(moment.date(), 'medium')} {moment:%H:%M} UTC{zone[:3]}:{zone[3:]}".replace("UTC+00:00", "UTC")
        mark = "  (current)" if entry.burst.campaign.revision == current.revision else ""
        print(f"{entry.burst.number:>7}  {when:<24}  {entry.who:<16}  {entry.what}{mark}")
    return 0


def restore_version(args: argparse.Namespace, pack: WorksheetPack) -> int:
    """Bring back an earlier version of a campaign as its newest version."""
    from campaign.repository import CampaignNotFound, CampaignRepository
    from campaign.storage import StorageError, open_store

    repository = CampaignRepository(open_store(), pack)
    try:
        repository.load(args.id)
        kept = repository.revisions(args.id)  # the newest: what the campaign holds now
        restored = repository.restore(args.id, args.version)
    except CampaignNotFound:
        print(f"error: campaign {args.id!r} has no version {args.version} in the data folder", file=sys.stderr)
        return 1
    except StorageError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    print(f"version {args.version} is back as version {restored.revision}; version {kept[-1]} is kept")
    return 0


def purge_deleted_campaigns(args: argparse.Namespace, pack: WorksheetPack) -> int:
    """Remove for good the campaigns deleted over DELETED_KEEP_DAYS days ago (campaign/keeping.py); print their ids."""
    from campaign.keeping import purge_deleted
    from campaign.repository import CampaignRepository
    from campaign.storage import StorageError, open_store

    try:
        removed = purge_deleted(CampaignRepository(open_store(), pack))
    except StorageError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    print("".join(f"{campaign_id}\n" for campaign_id in removed), end="")
    print(f"{len(removed)} deleted campaign(s) removed for good", file=sys.stderr)
    return 0


def _ids_kept_as_words(argv: Sequence[str]) -> list[str]:
    """Return `argv` with every campaign id that starts with "-" (one id in 64: ids are URL-safe base64) marked
    so that argparse reads it as a word, not as an option; `campaign_id_argument` takes the mark off again."""
    return [ID_MARK + word if word.startswith("-") and is_valid_id(word) else word for word in argv]


def campaign_id_argument(word: str) -> str:
    """Return the campaign id a command was given (see `_ids_kept_as_words`)."""
    return word.removeprefix(ID_MARK)


def main_parser(prog: str = "python -m campaign") -> argparse.ArgumentParser:
    """Return the parser for `python -m campaign` (or the console script `prog`), without commands."""
    return argparse.ArgumentParser(
        prog=prog,
        description="Plan advocacy campaigns for the social service workforce from the command line.",
    )


def run(
    argv: list[str] | None,
    extra_registrations: Sequence[Callable[[Subparsers], None]],
    prog: str = "python -m campaign",
) -> int:
    """Parse `argv`, load the worksheets, run the chosen command and return its exit code."""
    try:
        config()  # a setting the commands cannot use stops here, in words, before anything reads it
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    parser = main_parser(prog)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    register(subparsers)
    for add_commands in extra_registrations:
        add_commands(subparsers)
    args = parser.parse_args(_ids_kept_as_words(sys.argv[1:] if argv is None else argv))
    try:
        pack = load_worksheets(language=getattr(args, "lang", None) if args.command != "translations" else None)
    except WorksheetError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 2
    return int(args.run(args, pack))
