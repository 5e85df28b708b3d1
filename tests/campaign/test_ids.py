"""Campaign ids: unguessable, the exact shape the app accepts, and never read as an option on a command line."""

from __future__ import annotations

from campaign import is_valid_id
from campaign.model import new_id


def test_a_new_id_never_starts_with_a_dash_and_always_has_the_accepted_shape() -> None:
    drawn = [new_id() for _ in range(3000)]  # a dash would start about 47 of them if nothing prevented it
    assert not [value for value in drawn if value.startswith("-")]
    assert all(is_valid_id(value) for value in drawn) and len(set(drawn)) == len(drawn)
