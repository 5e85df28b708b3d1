"""File names made from typed titles are cut between words: downloads, the ZIP's folders."""

from __future__ import annotations

import pytest

from campaign.example import example_campaign
from campaign.worksheet import WorksheetPack
from exports.archive import folder_name
from exports.names import MOST_CHARACTERS, file_stem
from ui.downloads import EXPORTS, file_name

LONG_TITLE = "A social worker for every child in Kenya, funded and trained by 2030"


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        (LONG_TITLE, "a-social-worker-for-every-child-in-kenya"),
        ("Équipe Lusaka: l'été", "equipe-lusaka-l-ete"),
        ("x" * 60, "x" * MOST_CHARACTERS),
        ("ቡድን", "campaign"),
    ],
)
def test_a_stem_is_cut_at_a_word(title: str, stem: str) -> None:
    assert file_stem(title) == stem


def test_a_download_name_never_cuts_a_word(pack: WorksheetPack) -> None:
    campaign = example_campaign(pack)
    campaign.set_answer("profile", "name", LONG_TITLE)
    pdf = next(export for export in EXPORTS if export.id == "pdf")
    assert file_name(campaign, pack, pdf) == "a-social-worker-for-every-child-in-kenya-plan.pdf"


def test_a_group_folder_never_cuts_a_word() -> None:
    assert (
        folder_name(3, "The Nairobi county social workers association group") == "03-the-nairobi-county-social-workers"
    )
