"""Every text box's limit holds for the text as stored (NFC), which can be longer than what was typed.

U+0958 (DEVANAGARI LETTER QA) is one character in a box and two once normalised: 120 of them passed the
120-character workshop-name box, were stored, and the dashboard never opened again.
"""

from __future__ import annotations

import pytest

from campaign.reading import title
from campaign.workshops import WorkshopRepository
from tests.ui.conftest import rerun

QA = "\u0958"


def _click(at, label: str) -> None:
    next(button for button in at.button if button.label == label).click()
    rerun(at)


def _stored(data_dir) -> list[str]:
    return sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob("*") if p.is_file()) if data_dir.exists() else []


@pytest.mark.parametrize(
    ("box", "typed", "message"),
    [
        ("workshop-name", QA * 120, "Workshop name: too long. At most 120 characters once written out"),
        ("workshop-place", QA * 61, "Place: too long. At most 120 characters"),
    ],
)
def test_a_workshop_text_that_grows_when_normalised_is_refused_with_a_message(app, data_dir, box, typed, message):
    at = app()
    if box != "workshop-name":
        at.text_input(key="workshop-name").input("Forum")
    at.text_input(key=box).input(typed)
    _click(at, "Create the workshop")
    assert message in at.error[0].value
    assert "f" not in at.query_params and not [p for p in _stored(data_dir) if not p.startswith("campaigns")]
    assert at.text_input(key=box).value == typed, "what was typed stays in the box to shorten it"


def test_the_longest_workshop_name_that_fits_opens_its_dashboard(app, repo) -> None:
    at = app()
    at.text_input(key="workshop-name").input(QA * 60)  # 120 once stored
    _click(at, "Create the workshop")
    assert not at.error and len(at.title[0].value.replace("\\", "")) == 120
    assert WorkshopRepository(repo.store, repo).by_token(at.query_params["f"]) is not None


def test_a_group_name_that_grows_when_normalised_is_refused_with_a_message(app, repo, data_dir) -> None:
    workshops = WorkshopRepository(repo.store, repo)
    workshop, _ = workshops.create("Forum")
    at = app()
    at.text_input(key="join-code").input(workshop.join_code)
    at.text_input(key="join-name").input(QA * 80)
    _click(at, "Join the workshop")
    assert "Your group's name: too long. At most 80 characters once written out" in at.error[0].value
    assert "c" not in at.query_params and workshops.load(workshop.id).groups == []


@pytest.mark.parametrize(
    ("box", "typed", "message"),
    [
        ("new-name", QA * 100, "Campaign name: too long. At most 120 characters once written out"),
        ("new-organisation", QA * 101, "Organisation or coalition: too long. At most 200 characters"),
        ("new-country", QA * 51, "Country: too long. At most 100 characters"),
    ],
)
def test_a_campaign_text_that_grows_when_normalised_is_refused_and_kept_in_its_box(
    app, data_dir, box, typed, message
) -> None:
    at = app()
    at.text_input(key=box).input(typed)
    _click(at, "Start the campaign")
    assert message in " ".join(e.value for e in at.error)
    assert "c" not in at.query_params and not _stored(data_dir), "nothing is created half-way"
    assert at.text_input(key=box).value == typed, "what was typed stays in the box to shorten it"


def test_the_longest_campaign_name_that_fits_is_created(app, repo) -> None:
    at = app()
    at.text_input(key="new-name").input(QA * 60)
    _click(at, "Start the campaign")
    assert len(title(repo.load(at.query_params["c"]), repo.pack)) == 120


def _text_fields() -> list[tuple[str, str, int]]:
    from campaign import load_worksheets

    return [
        (sheet.id, field.id, field.max_length)
        for sheet in load_worksheets().worksheets
        for field in sheet.fields
        if field.type in ("text", "long_text")
    ]


@pytest.mark.parametrize(("sheet", "field", "limit"), _text_fields())
def test_every_worksheet_text_that_grows_past_its_limit_gets_a_message_and_is_not_saved(
    app, example, repo, sheet, field, limit
) -> None:
    from tests.ui.conftest import box

    at = app(c=example.id, step=sheet)
    before = repo.load(example.id).answer(sheet, field)
    box(at, f"f:{sheet}.{field}").input(QA * (limit // 2 + 1))
    rerun(at)
    shown = " ".join(c.value for c in at.caption).replace("\\", "")
    assert f": too long. At most {limit} characters once written out; this text has {limit // 2 * 2 + 2}." in shown
    assert repo.load(example.id).answer(sheet, field) == before
    box(at, f"f:{sheet}.{field}").input(QA * (limit // 2))  # the most that fits is saved
    rerun(at)
    assert len(repo.load(example.id).answer(sheet, field)) == limit // 2 * 2
