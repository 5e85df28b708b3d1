"""What a cold export relies on to do less: the faces asked in turn by their ranges, not by sets of every code point."""

from __future__ import annotations

import pytest

from exports.fonts import FACES, Face, _ranges, cmap_coverage, coverage, face_for, has_glyph


@pytest.mark.parametrize("face", FACES, ids=lambda face: face.name)
def test_a_face_draws_by_its_ranges_exactly_the_code_points_of_its_cmap(face: Face) -> None:
    ranges = _ranges(face)
    assert ranges is not None, "the coverage file matches the vendored font"
    drawn = cmap_coverage(face)
    assert coverage(face) == drawn
    edges = {code + step for first, last in zip(*ranges, strict=True) for code in (first, last) for step in (-1, 0, 1)}
    probes = edges | {0, 0x10FFFF}
    assert {code for code in probes if has_glyph(face, code)} == {code for code in probes if code in drawn}


def test_a_symbol_is_found_without_building_every_faces_set() -> None:
    coverage.cache_clear()
    face_for.cache_clear()
    assert face_for("\u2192").name == "SymbolaEmoji"  # an arrow, after the Latin, Arabic, ... CJK faces are asked
    assert coverage.cache_info().currsize == 0
