"""`python -m campaign`'s parser and the model's commands: worksheets, example, validate, progress, new, history,
restore, purge-deleted, translations (their bodies: campaign/cli_files.py and campaign/cli_history.py)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from campaign.cli_files import list_worksheets, print_example, report_translations, show_progress, validate_file
from campaign.cli_history import create_campaign, purge_deleted_campaigns, restore_version, show_history
from campaign.config import DELETED_KEEP_DAYS, ConfigError, config
from campaign.model import is_valid_id
from campaign.worksheet import WorksheetError, available_languages, load_worksheets

if TYPE_CHECKING:  # argparse's class is generic only in its type stubs
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

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
        settings = config()  # a setting the commands cannot use stops here, in words, before anything reads it
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
        language = getattr(args, "lang", None) if args.command != "translations" else None
        pack = load_worksheets(language=language, cache=settings.cache)
    except WorksheetError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 2
    return int(args.run(args, pack))
