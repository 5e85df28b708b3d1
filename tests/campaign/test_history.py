"""The history as editing bursts: saves coalesce, who and what changed in words, and the retention rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaign import Campaign, CampaignRepository, load_worksheets, translator
from campaign.example import example_campaign
from campaign.history import (
    BURST_SECONDS,
    Note,
    browser_writer,
    bursts,
    kept,
    read_note,
    recent,
    thin,
    what_changed,
    who,
)
from campaign.storage import LocalFolderStore

PACK = load_worksheets()
T = translator(None)
START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


class Clock:
    """A clock the test moves by hand: the repository asks it when each save is made."""

    def __init__(self, moment: dt.datetime = START) -> None:
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def repository(tmp_path: Path, clock: Clock) -> CampaignRepository:
    made = CampaignRepository(LocalFolderStore(tmp_path), PACK)
    made.clock = clock
    return made


def _type(repository: CampaignRepository, base: Campaign, text: str, by: str | None = "") -> Campaign:
    mine = base.copy()
    mine.set_answer("objectives", "goal", text)
    return repository.save(mine, base, by=by).campaign


def test_many_saves_in_a_few_minutes_are_one_burst(repository: CampaignRepository, clock: Clock) -> None:
    base = repository.create(Campaign(id=""), by="")
    for length in range(1, 167):  # one typing session: 166 saves, one every second
        clock.advance(1)
        base = _type(repository, base, "Every child counted"[: length % 20 or 1] + str(length))
    assert base.revision == 167
    assert repository.revisions(base.id) == [1, 2], "the first version, then one burst"
    burst = repository.load_burst(base.id, 2)
    assert burst.campaign.revision == 167 and burst.campaign.answers == base.answers
    assert burst.note.saves == 166 and burst.note.by == ""
    assert len(list((Path(repository.store.root) / f"campaigns/{base.id}/revisions").iterdir())) == 2  # type: ignore[attr-defined]


def test_a_pause_or_another_writer_starts_a_new_burst(repository: CampaignRepository, clock: Clock) -> None:
    base = repository.create(Campaign(id=""))
    base = _type(repository, base, "one", by="Group 1")
    clock.advance(BURST_SECONDS - 1)
    base = _type(repository, base, "two", by="Group 1")  # within the burst's last save: the same burst
    clock.advance(BURST_SECONDS + 1)
    base = _type(repository, base, "three", by="Group 1")  # after a pause: a new one
    clock.advance(5)
    base = _type(repository, base, "four", by="ana@example.org")  # another writer: a new one
    clock.advance(5)
    base = _type(repository, base, "five", by="Group 1")  # and back: a new one again, never theirs
    assert repository.revisions(base.id) == [1, 2, 4, 5, 6]
    assert [repository.load_revision(base.id, n).answer("objectives", "goal") for n in (2, 4, 5, 6)] == [
        "two",
        "three",
        "four",
        "five",
    ]


def test_two_writers_merging_keep_each_their_own_bursts(repository: CampaignRepository) -> None:
    base = repository.create(example_campaign(PACK))
    theirs = base.copy()
    theirs.set_answer("profile", "name", "Their name")
    repository.save(theirs, base, by="Group 2")
    mine = base.copy()
    mine.set_answer("objectives", "goal", "My goal")  # saved against the older base: merged with theirs
    merged = repository.save(mine, base, by="Group 1").campaign
    assert merged.answer("profile", "name") == "Their name" and merged.answer("objectives", "goal") == "My goal"
    listed = bursts(repository, base.id)
    assert [(b.number, b.note.by) for b in listed] == [(1, None), (2, "Group 2"), (3, "Group 1")]


def test_saves_without_a_writer_are_each_kept_as_before(repository: CampaignRepository) -> None:
    base = repository.create(Campaign(id=""))
    for number in range(3):
        base = _type(repository, base, f"goal {number}", by=None)
    assert repository.revisions(base.id) == [1, 2, 3, 4]
    stored = (Path(repository.store.root) / f"campaigns/{base.id}/revisions/000004.yaml").read_bytes()  # type: ignore[attr-defined]
    assert stored == (Path(repository.store.root) / f"campaigns/{base.id}/campaign.yaml").read_bytes()  # type: ignore[attr-defined]
    assert read_note(stored) == Note()


def test_a_restore_is_a_burst_of_its_own_and_says_where_it_came_from(
    repository: CampaignRepository, clock: Clock
) -> None:
    base = repository.create(Campaign(id=""))
    base = _type(repository, base, "kept")
    base = _type(repository, base, "typed over")
    restored = repository.restore(base.id, 1, by="")
    after = _type(repository, restored, "typed after the restore")
    assert repository.revisions(base.id) == [1, 2, restored.revision, after.revision]
    assert repository.load_burst(base.id, restored.revision).note.restored_from == 1
    entries = recent(repository, base.id, 10, T)
    assert entries[1].what.startswith("Brought back an earlier version: ")


def test_a_restart_mid_burst_loses_nothing_and_copies_nothing(repository: CampaignRepository, clock: Clock) -> None:
    base = repository.create(Campaign(id=""))
    for text in ("a", "ab", "abc"):
        base = _type(repository, base, text)
    restarted = CampaignRepository(LocalFolderStore(repository.store.root), PACK)  # type: ignore[attr-defined]
    restarted.clock = clock
    later = _type(restarted, base, "abcd")  # the new process asks once whether revision 4 is kept: in burst 2
    assert repository.revisions(base.id) == [1, 2, later.revision]
    assert repository.load_revision(base.id, 2).answer("objectives", "goal") == "abc"


def test_what_changed_is_said_step_by_step_in_words() -> None:
    old = example_campaign(PACK)
    new = old.copy()
    new.set_answer("objectives", "goal", "A new goal")
    rows = new.rows("objectives", "objectives")
    rows[0]["statement"], rows[0]["deadline"] = "Changed", "2027-01-31"
    new.set_answer("objectives", "objectives", rows)
    new.set_answer("profile", "name", "Renamed")
    assert what_changed(old, new, PACK, T) == "Profile: Campaign name; Objectives: Long-term goal, 2 cells"
    one = old.copy()
    one_rows = one.rows("objectives", "objectives")
    one_rows[0]["statement"] = "Only this"
    one.set_answer("objectives", "objectives", one_rows)
    assert what_changed(old, one, PACK, T) == "Objectives: 1 cell"
    assert what_changed(None, old, PACK, T) == "First version"
    assert what_changed(old, old.copy(), PACK, T) == "No answer changed"
    french = load_worksheets(language="fr")  # the steps' and fields' own words, in the page's language
    words = what_changed(old, new, french, translator("fr"))
    assert "Objectifs" in words and "But à long terme" in words and "Nom de la campagne" in words, words


def test_who_is_the_writer_named_by_the_page() -> None:
    assert who(Note(by="Group 3"), T) == "Group 3"
    assert who(Note(by=""), T) == "You" and who(Note(by=browser_writer("a1b2")), T) == "You"
    assert who(Note(by=browser_writer("a1b2", "Group 3")), T) == "Group 3"
    assert who(Note(), T) == "—"


def _aged(repository: CampaignRepository, clock: Clock, days: list[float]) -> Campaign:
    """Save one burst at each of `days` (days before START, oldest first); the clock ends at START."""
    clock.moment = START - dt.timedelta(days=days[0] + 1)
    base = repository.create(Campaign(id=""), by="")
    for age in days:
        clock.moment = START - dt.timedelta(days=age)
        base = _type(repository, base, f"{age} days ago")
    clock.moment = START
    return base


def test_retention_keeps_recent_bursts_then_one_a_day_then_one_a_month(
    repository: CampaignRepository, clock: Clock
) -> None:
    days = [400, 399.9, 380, 200, 199.5, 60.2, 60.1, 30, 13.5, 13.4, 1, 0.1]
    base = _aged(repository, clock, days)
    numbers = dict(zip(days, repository.revisions(base.id)[1:], strict=True))
    removed = thin(repository, base.id, now=START)
    # over 90 days: the newest of each month (400 and 399.9 days: October 2025; 200 and 199.5: May 2026);
    # 14 to 90 days: the newest of each day (60.2 and 60.1: 2 October 2026); the last 14 days: every one
    assert sorted(removed) == sorted([numbers[400], numbers[200], numbers[60.2]])
    assert repository.revisions(base.id) == [1, *(numbers[d] for d in days if numbers[d] not in removed)]
    assert thin(repository, base.id, now=START) == [], "a second sweep removes nothing more"


def test_thinning_never_removes_the_first_the_newest_or_a_restores_source(
    repository: CampaignRepository, clock: Clock
) -> None:
    base = _aged(repository, clock, [300, 299.9, 299.8])
    source = repository.revisions(base.id)[2]
    clock.moment = START - dt.timedelta(days=299.7)
    repository.restore(base.id, source, by="")
    listed = bursts(repository, base.id)
    keep = kept(listed, START + dt.timedelta(days=3650))
    assert {1, source, listed[-1].number} <= keep
    assert listed[1].number not in keep


OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("save"), st.sampled_from(["", "Group 1", None]), st.integers(0, 900)),
        st.tuples(st.just("restore"), st.integers(0, 50), st.integers(0, 900)),
        st.tuples(st.just("sweep"), st.integers(0, 3), st.integers(0, 200)),
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_nothing_listed_is_ever_lost_by_thinning(tmp_path_factory: pytest.TempPathFactory, operations) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    repository = CampaignRepository(LocalFolderStore(tmp_path_factory.mktemp("history")), PACK)
    repository.clock = clock
    base = repository.create(Campaign(id=""), by="")
    sources: set[int] = set()
    for number, (action, choice, wait) in enumerate(operations):
        if action == "save":
            clock.advance(wait)
            base = _type(repository, base, f"answer {number}", by=choice)  # type: ignore[arg-type]
        elif action == "restore":
            listed = repository.revisions(base.id)
            sources.add(listed[int(choice) % len(listed)])
            base = repository.restore(base.id, listed[int(choice) % len(listed)], by="")
        else:
            clock.advance(86400 * wait)
            before = repository.revisions(base.id)
            removed = thin(repository, base.id, now=clock())
            assert set(removed) <= set(before)
        listed = repository.revisions(base.id)
        assert 1 in listed and sources <= set(listed), "the first version and every restore's source stay"
        assert repository.load_revision(base.id, listed[-1]).answers == base.answers, "the newest is what is stored"
    for listed_number in repository.revisions(base.id):  # every listed burst loads and can be brought back
        kept_then = repository.load_revision(base.id, listed_number)
        base = repository.restore(base.id, listed_number)
        assert base.answers == kept_then.answers


def test_a_save_into_a_burst_during_a_deletion_is_put_back_by_undelete(repository: CampaignRepository) -> None:
    from campaign.keeping import undelete
    from campaign.repository import deleted_folder

    base = repository.create(Campaign(id=""))
    base = _type(repository, base, "before the deletion")
    folder = Path(repository.store.root) / f"campaigns/{base.id}"  # type: ignore[attr-defined]
    being_deleted = (folder / "campaign.yaml").read_bytes()  # what the deletion read
    base = _type(repository, base, "saved while it was being deleted")  # continues burst 2: no file of its own
    repository.store.put(f"{deleted_folder(base.id)}/20261201T090000Z.yaml", being_deleted)
    repository.store.delete(f"campaigns/{base.id}/campaign.yaml")
    undelete(repository, base.id)
    assert repository.load(base.id).answer("objectives", "goal") == "saved while it was being deleted"
