"""The worked example campaign, assembled from the `example:` of every field in the pack."""

from __future__ import annotations

from typing import Any

from campaign.model import SCHEMA_VERSION, Campaign
from campaign.worksheet import WorksheetPack

EXAMPLE_ID = "ExampleCampaignKenya01"


def example_data(pack: WorksheetPack) -> dict[str, Any]:
    """Return the example campaign as plain file data (every field's worked example)."""
    answers = {
        sheet.id: {f.id: f.example for f in sheet.fields if f.example not in (None, "", [])}
        for sheet in pack.worksheets
    }
    return {
        "schema_version": str(SCHEMA_VERSION),
        "id": EXAMPLE_ID,
        "revision": "0",
        "language": pack.info.language,
        "pack": pack.info.id,
        "answers": answers,
    }


def example_campaign(pack: WorksheetPack) -> Campaign:
    """Return the worked example as a checked Campaign (raises ValueError if the pack's examples are wrong)."""
    from campaign.campaign_file import check_campaign_data

    campaign, problems = check_campaign_data(example_data(pack), pack, "example")
    if campaign is None:
        raise ValueError("the worksheet examples do not form a valid campaign:\n" + "\n".join(map(str, problems)))
    return campaign
