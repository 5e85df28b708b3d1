"""`python -m campaign` and the console script `advocacy-campaign`: the model's commands plus the export commands."""

from __future__ import annotations

import gc
import sys

SCRIPT = "advocacy-campaign"  # pyproject.toml [project.scripts]
# A command is one short run whose objects (modules, classes, pydantic validators) mostly live until it ends: at
# Python's default thresholds the collector walks them again and again while they are imported, about 3 % of a
# cold `export` (cachegrind's count). A first generation of 200,000 objects, as mypy's command line uses, makes
# those passes rare; garbage cycles are still collected, so memory stays bounded (the same peak on the example).
SHORT_RUN_THRESHOLDS = (200_000, 30, 30)


def main(argv: list[str] | None = None, prog: str = "python -m campaign") -> int:
    """Run the command line and return its exit code."""
    from campaign.cli import run  # here, so that `script` and `python -m` set the thresholds before any import

    registrations = []
    try:  # the entry point is the one place where the model meets the exporters
        from exports.cli import register as register_exports

        registrations.append(register_exports)
    except ImportError:  # pragma: no cover - exports not installed yet
        pass
    return run(argv, registrations, prog)


def finished(code: int) -> int:
    """Return `code` once the command is done, its objects frozen: the interpreter's last collection at exit
    would walk every one of them again only to free what the process gives back on exiting anyway (about a
    quarter of a cold `export`'s CPU time beyond its floor, `bench/export.py`). Nothing else changes at exit: the
    command closed its files, and the exit handlers and stream flushes run as always."""
    gc.freeze()
    return code


def script() -> int:
    """Run the command line as the console script `advocacy-campaign` (its help names it so)."""
    gc.set_threshold(*SHORT_RUN_THRESHOLDS)
    return finished(main(prog=SCRIPT))


if __name__ == "__main__":
    gc.set_threshold(*SHORT_RUN_THRESHOLDS)
    sys.exit(finished(main()))
