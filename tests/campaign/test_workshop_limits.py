"""Workshop limits are checked where data is written, on the text as stored; joining and code guesses are throttled."""

from __future__ import annotations

import unicodedata

import pytest

from campaign.model import new_id
from campaign.repository import CampaignRepository
from campaign.storage import BlobStore, StorageError
from campaign.throttle import JoinLimits, Throttle
from campaign.worksheet import load_worksheets
from campaign.workshop import (
    GROUP_NAME_LIMIT,
    MAX_GROUPS,
    PLACE_LIMIT,
    WORKSHOP_NAME_LIMIT,
    Group,
    new_join_code,
    workshop_to_yaml,
)
from campaign.workshops import JoinRefused, WorkshopRefused, WorkshopRepository

PACK = load_worksheets()
QA = "\u0958"  # DEVANAGARI LETTER QA: one character typed, two once in NFC (U+0915 U+093C)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def workshops(store: BlobStore, clock: Clock) -> WorkshopRepository:
    return WorkshopRepository(store, CampaignRepository(store, PACK), JoinLimits.default(clock))


def everything(store: BlobStore) -> dict[str, bytes]:
    """Return every stored object, to show that a refusal wrote nothing."""
    keys = [k for prefix in ("workshops", "campaigns", "codes", "facilitators") for k in store.keys(prefix)]
    return {key: store.get(key).data for key in keys}


def fill(workshops: WorkshopRepository, workshop_id: str, count: int) -> None:
    """Give the workshop `count` groups in one write (joining 500 times would only be slower)."""
    workshops.update(workshop_id, lambda w: w.groups.extend(Group(new_id(), f"Table {n}") for n in range(count)))


def test_the_501st_join_is_told_the_workshop_is_full_and_nothing_is_written(workshops, store) -> None:
    workshop, token = workshops.create("Forum")
    fill(workshops, workshop.id, MAX_GROUPS - 1)
    _, last = workshops.join(workshop.join_code, "The last table", visitor="laptop-1")
    assert len(workshops.load(workshop.id).groups) == MAX_GROUPS and last.workshop == workshop.id
    before = everything(store)
    with pytest.raises(JoinRefused, match="This workshop is full: it has 500 groups already"):
        workshops.join(workshop.join_code, "One too many", visitor="laptop-2")
    assert everything(store) == before
    # the dashboard, the code and closing joining still work
    assert workshops.by_token(token).id == workshop.id and workshops.by_code(workshop.join_code).id == workshop.id
    assert workshops.update(workshop.id, lambda w: setattr(w, "joining_open", False)).joining_open is False


def test_a_change_that_the_next_read_would_refuse_is_never_stored(workshops, store) -> None:
    workshop, _ = workshops.create("Forum")
    fill(workshops, workshop.id, MAX_GROUPS)
    before = everything(store)
    with pytest.raises(StorageError, match="the workshop has 500 groups already"):
        workshops.update(workshop.id, lambda w: w.groups.append(Group(new_id(), "501")))
    with pytest.raises(StorageError, match="would make the workshop unreadable"):
        workshops.update(workshop.id, lambda w: setattr(w, "name", "x" * (WORKSHOP_NAME_LIMIT + 1)))
    assert everything(store) == before and len(workshops.load(workshop.id).groups) == MAX_GROUPS


def test_a_workshop_overfilled_before_the_limit_was_checked_on_writing_still_opens_and_closes(workshops, store):
    workshop, token = workshops.create("Forum")
    key = f"workshops/{workshop.id}/workshop.yaml"
    overfilled = workshops.load(workshop.id)
    overfilled.groups = [Group(new_id(), f"Table {n}") for n in range(MAX_GROUPS + 1)]  # as 501 joins left it
    store.put(key, workshop_to_yaml(overfilled).encode(), if_match=store.get(key).etag)
    assert len(workshops.by_token(token).groups) == MAX_GROUPS + 1 and workshops.by_code(workshop.join_code)
    assert workshops.progress(workshops.load(workshop.id), PACK) == []  # the groups' campaigns are not there
    with pytest.raises(JoinRefused, match="This workshop is full"):
        workshops.join(workshop.join_code, "Table 502")
    assert workshops.update(workshop.id, lambda w: setattr(w, "joining_open", False)).joining_open is False
    assert len(workshops.update(workshop.id, lambda w: w.groups.pop()).groups) == MAX_GROUPS


@pytest.mark.parametrize(
    ("name", "place", "message"),
    [
        (QA * WORKSHOP_NAME_LIMIT, "", "Workshop name: too long. At most 120 characters once written out"),
        (QA * (WORKSHOP_NAME_LIMIT // 2 + 1), "", "this text has 122"),
        ("Forum", QA * PLACE_LIMIT, "Place: too long"),
        ("x" * (WORKSHOP_NAME_LIMIT + 1), "", "Workshop name: too long"),
        (" \t ", "", "Give the workshop a name"),
    ],
)
def test_a_workshop_text_too_long_once_normalised_is_refused_before_anything_is_written(
    workshops, store, name, place, message
) -> None:
    with pytest.raises(WorkshopRefused, match=message):
        workshops.create(name, "2027-03-16", place)
    assert everything(store) == {}


def test_a_workshop_text_that_fits_once_normalised_is_created_and_opens(workshops) -> None:
    name = QA * (WORKSHOP_NAME_LIMIT // 2)  # 60 typed, 120 stored: the most that fits
    workshop, token = workshops.create(name, place=QA * (PLACE_LIMIT // 2))
    assert workshops.by_token(token).name == unicodedata.normalize("NFC", name)
    assert len(workshops.load(workshop.id).name) == WORKSHOP_NAME_LIMIT


def test_a_group_name_too_long_once_normalised_is_refused_and_fits_when_shorter(workshops, store) -> None:
    workshop, _ = workshops.create("Forum")
    before = everything(store)
    for name in (QA * GROUP_NAME_LIMIT, QA * (GROUP_NAME_LIMIT // 2 + 1), "y" * (GROUP_NAME_LIMIT + 1)):
        with pytest.raises(JoinRefused, match=r"Your group's name: too long\. At most 80 characters"):
            workshops.join(workshop.join_code, name)
    assert everything(store) == before
    after, _ = workshops.join(workshop.join_code, QA * (GROUP_NAME_LIMIT // 2))
    assert len(after.groups[0].name) == GROUP_NAME_LIMIT and workshops.load(workshop.id) is not None


def test_code_guesses_from_one_browser_are_throttled(workshops, clock) -> None:
    workshop, _ = workshops.create("Forum")
    wrong = next(c for c in iter(new_join_code, None) if c != workshop.join_code)
    for _ in range(5):  # a typo or two is fine
        with pytest.raises(JoinRefused, match="does not match any workshop"):
            workshops.join(wrong, "Table 1", visitor="laptop-1")
    with pytest.raises(JoinRefused, match=r"Too many tries from this browser\. Wait 3 seconds"):
        workshops.join(workshop.join_code, "Table 1", visitor="laptop-1")  # even the right code waits
    workshops.join(workshop.join_code, "Table 1", visitor="laptop-2")  # another browser is not held
    clock.now += 3
    workshops.join(workshop.join_code, "Table 2", visitor="laptop-1")
    assert [g.name for g in workshops.load(workshop.id).groups] == ["Table 1", "Table 2"]


def test_one_browser_joins_a_few_times_then_waits(workshops, store, clock) -> None:
    workshop, _ = workshops.create("Forum")
    for number in range(3):  # four tries in all: within the code guesses' burst, so only joins count
        workshops.join(workshop.join_code, f"Table {number}", visitor="laptop-1")
    before = everything(store)
    with pytest.raises(JoinRefused, match=r"Too many tries from this browser\. Wait 30 seconds"):
        workshops.join(workshop.join_code, "Table 4", visitor="laptop-1")
    assert everything(store) == before
    clock.now += 30
    workshops.join(workshop.join_code, "Table 4", visitor="laptop-1")


def test_joins_to_one_workshop_are_throttled_whoever_joins(store, clock) -> None:
    limits = JoinLimits.default(clock)
    limits = JoinLimits(limits.guesses, limits.all_guesses, limits.joins, Throttle(2, 5.0, clock=clock))
    workshops = WorkshopRepository(store, CampaignRepository(store, PACK), limits)
    workshop, _ = workshops.create("Forum")
    other, _ = workshops.create("Another forum")
    for number in range(2):
        workshops.join(workshop.join_code, f"Table {number}", visitor=f"laptop-{number}")
    with pytest.raises(JoinRefused, match=r"Many groups are joining this workshop right now\. Wait 5 seconds"):
        workshops.join(workshop.join_code, "Table 2", visitor="laptop-2")
    workshops.join(other.join_code, "Table 2", visitor="laptop-2")  # another workshop is not held
    clock.now += 5
    workshops.join(workshop.join_code, "Table 2", visitor="laptop-2")
    assert len(workshops.load(workshop.id).groups) == 3


def test_the_default_limits_in_figures(clock) -> None:
    """Per browser: 5 code guesses at once, then 1 every 3 s (before: ~19 a second, no limit); every browser
    of the server together: 600, then 10 a second; 3 joins per browser, then 1 every 30 s; 250 joins per
    workshop, then 1 every 2 s (before: 501 joins in about 100 s)."""
    limits = JoinLimits.default(clock)

    def allowed(throttle: Throttle, seconds: int, per_second: int) -> int:
        passed = 0
        for _ in range(seconds * per_second):  # someone trying `per_second` times a second
            passed += throttle.take("someone") == 0
            clock.now += 1 / per_second
        return passed

    assert allowed(limits.guesses, 60, 20) == 5 + 20 - 1  # the last refill lands just after the minute
    assert allowed(limits.all_guesses, 60, 50) in range(1195, 1201)  # 600 + 10 a second
    assert allowed(limits.joins, 600, 1) in (22, 23)  # 3 + 1 every 30 s
    assert allowed(limits.workshop_joins, 60, 20) in range(278, 281)  # 250 + 1 every 2 s


def test_a_throttle_remembers_a_bounded_number_of_visitors(clock) -> None:
    throttle = Throttle(1, 60.0, clock=clock, max_keys=100)
    for number in range(1000):
        assert throttle.take(f"visitor-{number}") == 0
    assert len(throttle._buckets) == 100
    assert throttle.take("visitor-999") == 60 and throttle.wait("visitor-999") == 60
