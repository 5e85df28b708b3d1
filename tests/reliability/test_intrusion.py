"""Links cannot be guessed or forged, nothing from the URL reaches storage unchecked, and groups stay apart.

The store used by the app here is a real folder store that also writes down every key it is asked for, so
the tests see exactly what a forged link made the server read or write.
"""

from __future__ import annotations

import base64
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from campaign import CampaignRepository, WorksheetPack, campaign_to_yaml
from campaign.model import new_id
from campaign.storage import LocalFolderStore
from campaign.workshop import new_workshop
from campaign.workshops import WorkshopRepository
from tests.ui.conftest import box, rerun
from ui import resources
from ui.facilitator import NOT_A_DASHBOARD

URL_SAFE = set(string.ascii_letters + string.digits + "-_")


class RecordingStore(LocalFolderStore):
    """A real folder store that keeps a list of every (operation, key) it was asked for."""

    def __init__(self, root: Path) -> None:
        self.asked: list[tuple[str, str]] = []
        super().__init__(root)

    def get(self, key: str, **conditions):  # type: ignore[no-untyped-def]
        self.asked.append(("get", key))
        return super().get(key, **conditions)

    def put(self, key: str, data: bytes, **conditions):  # type: ignore[no-untyped-def]
        self.asked.append(("put", key))
        return super().put(key, data, **conditions)

    def keys(self, prefix: str) -> list[str]:
        self.asked.append(("keys", prefix))
        return super().keys(prefix)

    def exists(self, key: str) -> bool:
        self.asked.append(("exists", key))
        return super().exists(key)


@pytest.fixture
def recorded(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RecordingStore]:
    """The app's store for this test: the data folder, recorded."""
    store = RecordingStore(data_dir)
    monkeypatch.setattr(resources, "open_store", lambda location=None: store)
    resources._repository.clear()
    resources._workshops.clear()
    yield store
    resources._repository.clear()
    resources._workshops.clear()


@pytest.fixture
def workshop_with_groups(recorded: RecordingStore, pack: WorksheetPack):
    campaigns = CampaignRepository(recorded, pack)
    workshops = WorkshopRepository(recorded, campaigns)
    workshop, token = workshops.create("Forum")
    _, mine = workshops.join(workshop.join_code, "Table 1")
    _, theirs = workshops.join(workshop.join_code, "Table 2")
    recorded.asked.clear()
    return workshops, workshop, token, mine, theirs


def test_campaign_ids_carry_128_random_bits_in_22_url_safe_characters() -> None:
    ids = [new_id() for _ in range(10_000)]
    assert len(set(ids)) == len(ids)
    assert {len(i) for i in ids} == {22} and set("".join(ids)) == URL_SAFE  # every one of the 64 characters
    assert {len(base64.urlsafe_b64decode(i + "==")) for i in ids} == {16}  # 16 bytes = 128 bits
    # each character position is spread evenly (a stuck or biased generator would show here)
    for position in range(21):  # the 22nd character holds only 2 bits
        counts = {c: 0 for c in URL_SAFE}
        for i in ids:
            counts[i[position]] += 1
        assert min(counts.values()) > 10_000 / 64 * 0.5 and max(counts.values()) < 10_000 / 64 * 1.6


def test_facilitator_tokens_carry_192_random_bits_and_only_their_hash_is_stored(tmp_path: Path, pack) -> None:
    tokens = [new_workshop("W")[1] for _ in range(2_000)]
    assert len(set(tokens)) == len(tokens) and {len(t) for t in tokens} == {32}
    assert {len(base64.urlsafe_b64decode(t)) for t in tokens} == {24}  # 24 bytes = 192 bits
    store = LocalFolderStore(tmp_path)
    workshops = WorkshopRepository(store, CampaignRepository(store, pack))
    _, token = workshops.create("Forum")
    stored = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert token.encode() not in stored and all(token not in str(p) for p in tmp_path.rglob("*"))


FORGED = [
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "/etc/passwd",
    "campaigns/../../x",
    "AAAAAAAAAAAAAAAAAAAAA",  # 21 characters
    "AAAAAAAAAAAAAAAAAAAAAAA",  # 23
    "AAAAAAAAAAAAAAAAAAAA/A",  # a separator inside the right length
    "AAAAAAAAAAAAAAAAAAAA.A",
    "' OR '1'='1' --",
    "1; DROP TABLE campaigns",
    "ÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄ",  # 22 letters, not URL-safe
    "ＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡ",  # fullwidth: NFKC would make it valid, nothing must normalise it
    "\x00" * 22,
    "A" * 5000,
    "",
    " " * 22,
]


@pytest.mark.parametrize("forged", FORGED)
def test_a_forged_campaign_link_is_refused_before_storage(app, recorded: RecordingStore, forged: str) -> None:
    at = app(c=forged, step="profile")
    assert "does not open a campaign" in at.warning[0].value
    assert "c" not in at.query_params
    assert all(forged not in key for _, key in recorded.asked) if forged.strip() else True
    assert not [k for op, k in recorded.asked if op == "put"], "nothing is written"
    assert not [k for _, k in recorded.asked if ".." in k or k.startswith("/")]


@pytest.mark.parametrize("forged", [*FORGED, "A" * 32, "z" * 31 + "!", "A" * 22])
def test_a_forged_dashboard_link_opens_nothing(app, recorded: RecordingStore, forged: str) -> None:
    at = app(f=forged)
    assert NOT_A_DASHBOARD in at.warning[0].value and "f" not in at.query_params
    assert not at.dataframe
    read = [k for op, k in recorded.asked if op == "get" and k.startswith("facilitators/")]
    assert len(read) <= 1 and all(forged not in k for k in read), "only the token's hash is ever looked up"
    assert not [k for op, k in recorded.asked if op == "put"]


@pytest.mark.parametrize("forged", [*FORGED, "K7D-Q4M", "k7dq4m", "ZZZZZZ"])
def test_a_forged_join_code_touches_only_the_code_index(app, recorded: RecordingStore, forged: str) -> None:
    at = app(join=forged)
    assert not at.exception
    touched = [k for _, k in recorded.asked if not k.startswith("campaigns")]  # the start page's own list aside
    assert all(k.startswith("codes/") and len(k) == len("codes/") + 6 for k in touched), touched
    assert not [k for op, k in recorded.asked if op == "put"]


def test_a_well_formed_unknown_id_reads_one_key_and_writes_none(app, recorded: RecordingStore) -> None:
    guess = new_id()
    at = app(c=guess, step="profile")
    assert "does not open a campaign" in at.warning[0].value
    assert ("get", f"campaigns/{guess}/campaign.yaml") in recorded.asked
    # the file, then (it is missing) whether it was deleted and is kept (campaign/keeping.py): reads only
    assert [k for _, k in recorded.asked if guess in k] == [
        f"campaigns/{guess}/campaign.yaml",
        f"campaigns/{guess}/deleted",
    ]
    assert not [k for op, k in recorded.asked if op == "put"]


@settings(max_examples=300, deadline=None)
@given(key=st.text(max_size=60))
def test_no_key_can_leave_the_data_folder(tmp_path_factory: pytest.TempPathFactory, key: str) -> None:
    root = tmp_path_factory.getbasetemp() / "keys"
    store = LocalFolderStore(root)
    try:
        path = store._path(key)
    except ValueError:
        return
    assert root.resolve() in path.parents


def test_a_workshop_id_or_a_group_link_opens_no_dashboard_and_no_other_group(app, workshop_with_groups) -> None:
    _, workshop, token, mine, theirs = workshop_with_groups
    for guess in (workshop.id, mine.id, theirs.id, token[:-1] + ("A" if token[-1] != "A" else "B")):
        board = app(f=guess)
        assert NOT_A_DASHBOARD in board.warning[0].value and not board.dataframe
    as_workshop_campaign = app(c=workshop.id)  # a workshop's id is not a campaign
    assert "does not open a campaign" in as_workshop_campaign.warning[0].value
    at = app(c=mine.id, step="review")
    page = str(at.main) + str(at.sidebar) + str(at.query_params)
    assert theirs.id not in page and workshop.id not in page and token not in page
    assert not at.dataframe, "no progress table of the other groups"


def test_a_group_edits_and_exports_only_its_own_campaign(app, workshop_with_groups, recorded) -> None:
    workshops, _, _, mine, theirs = workshop_with_groups
    before = workshops.campaigns.load(theirs.id)
    recorded.asked.clear()
    at = app(c=mine.id, step="profile")
    box(at, "f:profile.name").input("Table 1's plan")
    rerun(at)
    at.query_params["step"] = "review"
    rerun(at)
    written = {k for op, k in recorded.asked if op == "put"}
    assert written and all(k.startswith(f"campaigns/{mine.id}/") for k in written)
    assert not [k for _, k in recorded.asked if theirs.id in k], "the other group's files were never opened"
    assert workshops.campaigns.load(theirs.id) == before


def test_an_uploaded_file_cannot_take_over_another_campaign(app, workshop_with_groups, recorded) -> None:
    workshops, workshop, _, _, theirs = workshop_with_groups
    victim = workshops.campaigns.load(theirs.id)
    victim_bytes = recorded.get(f"campaigns/{theirs.id}/campaign.yaml").data
    groups = [g.campaign_id for g in workshops.load(workshop.id).groups]
    forged = victim.copy()
    forged.owner = "victim@example.org"
    forged.set_answer("profile", "name", "Taken over")
    at = app()
    at.file_uploader(key="upload-yaml").set_value(("theirs.yaml", campaign_to_yaml(forged).encode(), "text/yaml"))
    rerun(at)
    at.button(key="upload-open").click()
    rerun(at)
    created = workshops.campaigns.load(at.query_params["c"])
    assert created.id != theirs.id and created.answer("profile", "name") == "Taken over"
    assert created.workshop is None and created.owner is None and created.revision == 1
    assert recorded.get(f"campaigns/{theirs.id}/campaign.yaml").data == victim_bytes
    assert [g.campaign_id for g in workshops.load(workshop.id).groups] == groups
    assert not [k for op, k in recorded.asked if op == "put" and theirs.id in k]


@settings(max_examples=25, deadline=None)
@given(raw=st.one_of(st.binary(max_size=2000), st.text(max_size=400).map(str.encode)))
def test_any_bytes_uploaded_as_yaml_get_a_message_and_store_nothing(app_once, raw: bytes) -> None:
    at, store = app_once
    before = len([k for op, k in store.asked if op == "put"])
    at.file_uploader(key="upload-yaml").set_value(("any.yaml", raw, "text/yaml"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error or at.success, "every upload gets an answer"
    assert len([k for op, k in store.asked if op == "put"]) == before, "checking a file stores nothing"


@pytest.fixture(scope="module")
def app_once(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, RecordingStore]]:
    """One start page kept open for many uploads (hypothesis runs many examples per test)."""
    import os

    from streamlit.testing.v1 import AppTest

    from tests.ui.conftest import APP

    folder = tmp_path_factory.mktemp("uploads")
    store = RecordingStore(folder)
    saved = {name: os.environ.get(name) for name in ("CAMPAIGN_DATA_DIR", "ADVOCACY_MODE")}
    os.environ["CAMPAIGN_DATA_DIR"] = str(folder)
    os.environ.pop("ADVOCACY_MODE", None)
    original = resources.open_store
    resources.open_store = lambda location=None: store  # type: ignore[assignment]
    resources._repository.clear()
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.run()
    try:
        yield at, store
    finally:
        resources.open_store = original  # type: ignore[assignment]
        resources._repository.clear()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
