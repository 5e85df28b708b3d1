"""The campaign model: worksheet definitions, a campaign's answers, checks, and storage."""

from campaign.campaign_file import campaign_to_yaml, parse_campaign
from campaign.model import Campaign, Conflict, Settings, is_valid_id
from campaign.repository import CampaignNotFound, CampaignRepository, SaveResult
from campaign.storage import StorageError, open_store
from campaign.worksheet import Worksheet, WorksheetError, WorksheetPack, load_worksheets

__all__ = [
    "Campaign",
    "CampaignNotFound",
    "CampaignRepository",
    "Conflict",
    "SaveResult",
    "Settings",
    "StorageError",
    "Worksheet",
    "WorksheetError",
    "WorksheetPack",
    "campaign_to_yaml",
    "is_valid_id",
    "load_worksheets",
    "open_store",
    "parse_campaign",
]
