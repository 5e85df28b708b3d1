"""`python -m campaign`: the model's commands plus the export commands, in one command line."""

from __future__ import annotations

import sys

from campaign.cli import run


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    registrations = []
    try:  # the entry point is the one place where the model meets the exporters
        from exports.cli import register as register_exports

        registrations.append(register_exports)
    except ImportError:  # pragma: no cover - exports not installed yet
        pass
    return run(argv, registrations)


if __name__ == "__main__":
    sys.exit(main())
