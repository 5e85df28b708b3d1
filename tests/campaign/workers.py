"""Separate processes for the storage tests: racing writers and a saver that gets killed."""

import sys

from campaign.model import Campaign
from campaign.repository import CampaignRepository
from campaign.storage import open_store
from campaign.worksheet import load_worksheets


def race(folder: str, campaign_id: str, writer: str, count: int) -> None:
    """Save `count` answers, each a new list item of this writer, reloading only when told to."""
    repository = CampaignRepository(open_store(folder), load_worksheets())
    base = repository.load(campaign_id)
    for number in range(count):
        mine = base.copy()
        rows = list(mine.rows("audiences", "partners"))
        rows.append({"id": f"{writer}-{number}", "name": f"{writer} partner {number}"})
        mine.set_answer("audiences", "partners", rows)
        mine.set_answer("profile", "owner" if writer == "a" else "country", f"{writer} {number}")
        base = repository.save(mine, base).campaign


def save_forever(folder: str, campaign_id: str) -> None:
    """Save ever-growing answers until killed; prints 'ready' after the first save."""
    repository = CampaignRepository(open_store(folder), load_worksheets())
    base: Campaign = repository.load(campaign_id)
    number = 0
    while True:
        mine = base.copy()
        mine.set_answer("objectives", "goal", f"goal {number} " + "word " * (number % 500))
        base = repository.save(mine, base).campaign
        if number == 0:
            print("ready", flush=True)
        number += 1


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "race":
        race(args[0], args[1], args[2], int(args[3]))
    elif command == "save_forever":
        save_forever(args[0], args[1])
