"""Which words of a worksheet pack each translation still lacks (for translators and the tests)."""

from __future__ import annotations

from pathlib import Path

from campaign.strict_yaml import YamlProblem, read_yaml
from campaign.translation import missing_translations


def translation_gaps(folder: Path, language: str) -> list[str]:
    """Return `file: path` for every word of the pack in `folder` missing from `locales/<language>/`."""
    gaps: list[str] = []
    for path in sorted(folder.glob("*.yaml")):
        overlay_path = folder / "locales" / language / path.name
        english = read_yaml(path.read_bytes()).data
        try:
            overlay = read_yaml(overlay_path.read_bytes()).data if overlay_path.is_file() else {}
        except YamlProblem as error:
            gaps.append(f"{overlay_path}:{error.line}: {error.message}")
            continue
        kind = "pack" if path.name == "pack.yaml" else "worksheet"
        gaps += [f"{overlay_path.relative_to(folder)}: {gap}" for gap in missing_translations(english, overlay, kind)]
    return gaps
