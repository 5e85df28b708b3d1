"""Campaign settings: the paper size and the organisation's logo, stored with the campaign."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from campaign import Campaign, CampaignRepository
from campaign.logo import LogoProblem, is_logo_name, logo_name
from tests.ui.conftest import rerun


def _image(kind: str, size: tuple[int, int] = (60, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, format=kind)
    return out.getvalue()


def test_the_paper_size_is_saved(app, example: Campaign, repo: CampaignRepository) -> None:
    at = app(c=example.id, step="settings")
    at.radio(key="f:settings.paper").set_value("letter")
    rerun(at)
    assert repo.load(example.id).settings.paper == "letter"


def test_a_png_logo_is_stored_with_the_campaign(app, example: Campaign, repo: CampaignRepository) -> None:
    at = app(c=example.id, step="settings")
    logo = _image("PNG")
    at.file_uploader(key="logo-upload").set_value(("logo.png", logo, "image/png"))
    rerun(at)
    name = repo.load(example.id).settings.logo
    assert name is not None and is_logo_name(name) and name.endswith(".png")
    assert repo.get_asset(example.id, name) == logo
    assert at.get("imgs") or at.get("image")


def test_a_file_that_is_not_an_image_is_refused(app, example: Campaign, repo: CampaignRepository) -> None:
    at = app(c=example.id, step="settings")
    at.file_uploader(key="logo-upload").set_value(("logo.png", b"not an image", "image/png"))
    rerun(at)
    assert "not a readable PNG or JPEG" in at.error[0].value
    assert repo.load(example.id).settings.logo is None


def test_logo_checks() -> None:
    assert logo_name(_image("JPEG")).endswith(".jpg")
    with pytest.raises(LogoProblem, match=r"This is a GIF image; use a PNG or JPEG file\."):
        logo_name(_image("GIF"))
    with pytest.raises(LogoProblem, match="the limit is 1 MB"):
        logo_name(b"\x00" * 1_000_001)
