"""`python -m campaign` and the console script `advocacy-campaign`: the model's commands plus the export commands."""

from __future__ import annotations

import sys

from campaign.cli import run

SCRIPT = "advocacy-campaign"  # pyproject.toml [project.scripts]


def main(argv: list[str] | None = None, prog: str = "python -m campaign") -> int:
    """Run the command line and return its exit code."""
    registrations = []
    try:  # the entry point is the one place where the model meets the exporters
        from exports.cli import register as register_exports

        registrations.append(register_exports)
    except ImportError:  # pragma: no cover - exports not installed yet
        pass
    return run(argv, registrations, prog)


def script() -> int:
    """Run the command line as the console script `advocacy-campaign` (its help names it so)."""
    return main(prog=SCRIPT)


if __name__ == "__main__":
    sys.exit(main())
