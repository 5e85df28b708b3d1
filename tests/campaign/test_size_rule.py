"""One size rule, measured on the bytes written: a save over it is refused before anything is stored, and no
file the app stores is ever refused by the app's own reader (nor by the CLI)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from campaign.campaign_file import campaign_to_yaml, parse_campaign
from campaign.fields import TableField
from campaign.model import Campaign, new_id
from campaign.repository import CampaignRepository, CampaignTooLarge
from campaign.storage import BlobStore, LocalFolderStore
from campaign.strict_yaml import MAX_BYTES, MAX_VALUES, STORED_MAX_BYTES, YamlProblem, count_values, read_yaml
from campaign.worksheet import load_worksheets

PACK = load_worksheets()
ROOT = Path(__file__).resolve().parents[2]
LINE = "字\n"  # the costliest ordinary text as YAML: 3 bytes, a line break, and the indent of every line
TUNE = ("profile", "problem")  # a one-line text: each character more is one byte more in the file


def cells() -> list[tuple[str, str, int, str, int]]:
    """Return (worksheet, table, row, column, max length) of every long text cell a campaign can hold."""
    found = []
    for sheet in PACK.worksheets:
        for definition in sheet.fields:
            if isinstance(definition, TableField):
                columns = [c for c in definition.columns if c.type == "long_text"]
                for row in range(definition.max_rows):
                    found += [(sheet.id, definition.id, row, c.id, c.max_length) for c in columns]
    return found


def filled(campaign: Campaign, count: int, lines: int = 0) -> Campaign:
    """Return `campaign` with the first `count` long text cells full of short lines, and `lines` in the next."""
    result = campaign.copy()
    rows: dict[tuple[str, str], dict[int, dict[str, str]]] = {}
    for number, (sheet, table, row, column, limit) in enumerate(cells()[: count + 1]):
        text = (LINE * limit)[:limit] if number < count else LINE * min(lines, limit // 2)
        if text:
            rows.setdefault((sheet, table), {}).setdefault(row, {"id": f"row{row:03d}".ljust(22, "x")})[column] = text
    for (sheet, table), by_number in rows.items():
        result.set_answer(sheet, table, list(by_number.values()))
    return result


def written(campaign: Campaign) -> int:
    return len(campaign_to_yaml(campaign).encode())


def just_over_the_limit(base: Campaign) -> Campaign:
    """Return an edit of `base` whose file is a few hundred bytes over MAX_BYTES, with TUNE 1,500 'x' long."""
    base = base.copy()
    base.set_answer(*TUNE, "x" * 1500)
    low, high = 0, len(cells())
    while low < high:  # the most full cells that stay under the limit less a margin
        middle = (low + high + 1) // 2
        low, high = (middle, high) if written(filled(base, middle)) <= MAX_BYTES - 300 else (low, middle - 1)
    count, low, high = low, 0, 3000
    while low < high:  # then lines in the next cell, to within one line of it
        middle = (low + high + 1) // 2
        low, high = (middle, high) if written(filled(base, count, middle)) <= MAX_BYTES - 300 else (low, middle - 1)
    campaign = filled(base, count, low)
    campaign.set_answer(*TUNE, "x" * 2000)
    assert MAX_BYTES < written(campaign) <= MAX_BYTES + 1000
    return campaign


def contents(store: BlobStore) -> dict[str, bytes]:
    return {key: store.get(key).data for key in store.keys("campaigns")}  # type: ignore[union-attr]


def test_a_save_at_the_limit_is_stored_and_readable_and_one_byte_more_is_refused(store: BlobStore) -> None:
    repository = CampaignRepository(store, PACK)
    base = repository.create(Campaign(id=""))
    mine = just_over_the_limit(base)
    before = contents(store)
    with pytest.raises(CampaignTooLarge, match="over the limit of 2,000,000 bytes") as refused:
        repository.save(mine, base)
    assert contents(store) == before, "nothing stored was changed"
    over = int(refused.value.values["size"]) - MAX_BYTES  # type: ignore[call-overload]
    assert over > 0
    tune = str(mine.answer(*TUNE))
    mine.set_answer(*TUNE, tune[:-over])
    saved = repository.save(mine, base).campaign
    data = store.get(f"campaigns/{base.id}/campaign.yaml").data  # type: ignore[union-attr]
    assert len(data) == MAX_BYTES, "exactly at the limit, measured on the stored bytes"
    assert repository.load(base.id).answers == saved.answers  # a restarted app reads it
    uploaded, problems = parse_campaign(data, PACK)  # and so does an upload of the downloaded file
    assert problems == [] and uploaded is not None and uploaded.answers == saved.answers
    more = saved.copy()
    more.set_answer(*TUNE, tune[:-over] + "x")
    before = contents(store)
    with pytest.raises(CampaignTooLarge) as refused:
        repository.save(more, saved)
    assert refused.value.values["size"] == MAX_BYTES + 1
    assert contents(store) == before


def test_an_upload_that_would_be_written_over_the_limit_is_refused_and_nothing_is_stored(tmp_path: Path) -> None:
    store = LocalFolderStore(tmp_path / "data")
    repository = CampaignRepository(store, PACK)
    campaign = just_over_the_limit(Campaign(id=new_id()))
    with pytest.raises(CampaignTooLarge, match="shorten or remove some long answers"):
        repository.create(campaign)
    assert store.keys("campaigns") == []


def test_a_campaign_stored_over_the_limit_still_opens_and_can_be_trimmed(tmp_path: Path) -> None:
    """A file stored before the rule (or by an older writer) is read up to the larger cap, and shrinks."""
    store = LocalFolderStore(tmp_path / "data")
    repository = CampaignRepository(store, PACK)
    base = repository.create(Campaign(id=""))
    large = filled(base, len(cells()))
    large.revision = base.revision + 1
    data = campaign_to_yaml(large).encode()
    assert MAX_BYTES < len(data) <= STORED_MAX_BYTES
    store.put(f"campaigns/{base.id}/campaign.yaml", data)
    opened = repository.load(base.id)
    environment = {**os.environ, "CAMPAIGN_DATA_DIR": str(tmp_path / "data")}
    environment.pop("CAMPAIGN_STORE", None)
    history = subprocess.run(
        [sys.executable, "-m", "campaign", "history", base.id], cwd=ROOT, env=environment, capture_output=True
    )
    assert history.returncode == 0, history.stderr.decode()
    grown = opened.copy()
    grown.set_answer(*TUNE, "one more answer")
    with pytest.raises(CampaignTooLarge):
        repository.save(grown, opened)  # growing further is refused
    trimmed = opened.copy()
    trimmed.set_answer("media", "items", trimmed.rows("media", "items")[:-1])
    saved = repository.save(trimmed, opened).campaign  # smaller, though still over the limit: allowed
    stored = store.get(f"campaigns/{base.id}/campaign.yaml").data  # type: ignore[union-attr]
    assert len(stored) < len(data) and repository.load(base.id).answers == saved.answers


def test_the_reader_refuses_only_beyond_its_cap() -> None:
    body = b"# " + b"x" * (STORED_MAX_BYTES - 10) + b"\nk: v\n"
    assert len(body) > MAX_BYTES
    with pytest.raises(YamlProblem, match="the limit is"):
        read_yaml(body)  # an upload is held to the write limit
    assert read_yaml(body, STORED_MAX_BYTES).data == {"k": "v"}  # a stored file to the larger cap
    with pytest.raises(YamlProblem):
        read_yaml(body + b"#" * 10, STORED_MAX_BYTES)


def test_the_values_counted_before_writing_are_those_the_reader_counts() -> None:
    campaign = filled(Campaign(id=new_id()), 40)
    data = campaign_to_yaml(campaign)
    count = count_values(read_yaml(data).data)
    assert count < MAX_VALUES
    read_yaml(data, max_values=count)
    with pytest.raises(YamlProblem, match="more than"):
        read_yaml(data, max_values=count - 1)


def test_a_multi_line_answer_is_written_as_a_readable_block() -> None:
    campaign = Campaign(id=new_id())
    text = "First paragraph.\n\nSecond paragraph,\nwith a second line."
    campaign.set_answer(*TUNE, text)
    written_text = campaign_to_yaml(campaign)
    block = "    problem: |-\n      First paragraph.\n\n      Second paragraph,\n      with a second line.\n"
    assert block in written_text
    assert parse_campaign(written_text, PACK)[0].answer(*TUNE) == text  # type: ignore[union-attr]
