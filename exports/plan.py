"""The campaign plan: one document built from a campaign, in the order and words every format shares."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

from campaign.budget import campaign_budget
from campaign.completeness import campaign_progress
from campaign.conditions import shown_worksheets
from campaign.fields import Role
from campaign.i18n import N_, Translator, translator
from campaign.logo import FORMATS as LOGO_FORMATS
from campaign.model import Campaign
from campaign.reading import title as campaign_title
from campaign.worksheet import WorksheetPack
from exports.annex import comments_annex
from exports.by_role import role_field
from exports.document import Block, Contents, ContentsEntry, Cover, PageBreak, Paper, PlanDocument
from exports.glance import GLANCE_ANCHOR, GLANCE_TITLE, glance_page
from exports.pictures import pictures
from exports.sections import section_anchor, section_title, worksheet_section
from exports.wording import PAGE_LABEL, clean, date_text, period_text, value_text
from exports.work_plan import work_plan

PLAN_KIND = N_("Advocacy campaign plan")
# Translators: a line of the contents for a worksheet with no answers; {section} is "5. Key messages"
EMPTY_ENTRY = N_("{section} (not filled in yet)")
LOGO_MAX_PIXELS = 1200


def build_plan(
    campaign: Campaign,
    pack: WorksheetPack,
    *,
    logo: bytes | None = None,
    today: dt.date | None = None,
    paper: Paper | None = None,
    comments: bool = False,
) -> PlanDocument:
    """Return the plan for `campaign` in its language: cover, contents, the page at a glance, then one section
    per worksheet.

    `pack` gives the worksheets' own words, so pass it in the campaign's language; `logo` is an image file's
    bytes (shown on the cover when Pillow can read it); `today` dates the cover; `paper` overrides the
    campaign's own paper setting; `comments` adds the annex of facilitator comments at the end (left out by
    default: without it, no comment's words are anywhere in the plan).
    """
    t = translator(campaign.language)
    title = clean(campaign_title(campaign, pack))
    organisation = _role_text(campaign, pack, t, "organisation")
    progress = campaign_progress(campaign, pack, t=t)
    status = "" if progress.overall.complete else draft_mark(progress.overall.share, t)
    cover = _cover(campaign, pack, t, title, organisation, logo, today)
    blocks: list[Block] = [replace(cover, status=status), PageBreak()]
    budget = campaign_budget(campaign, pack)
    entries = [ContentsEntry(t(GLANCE_TITLE), GLANCE_ANCHOR)]
    sections: list[Block] = []
    pictures_by_sheet = pictures(campaign, pack, t)
    for number, sheet in enumerate(shown_worksheets(campaign, pack), start=1):  # `show_if` may hide a worksheet
        if not progress.steps[sheet.id].given:  # an empty worksheet takes a line in the contents, not a page
            entries.append(ContentsEntry(t(EMPTY_ENTRY, section=section_title(sheet, number))))
            continue
        entries.append(ContentsEntry(section_title(sheet, number), section_anchor(sheet)))
        extra = list(pictures_by_sheet.get(sheet.id, []))
        if budget.cost_place is not None and budget.cost_place.sheet.id == sheet.id:
            extra += work_plan(campaign, pack, budget, t)
        sections += [PageBreak(), *worksheet_section(sheet, number, campaign, pack, extra, t, currency=budget.currency)]
    if comments and campaign.comments:
        entry, annex = comments_annex(campaign, pack, t)
        entries.append(entry)
        sections += annex
    blocks += [Contents(t("Contents"), tuple(entries)), PageBreak(), *glance_page(campaign, pack, t, budget)]
    blocks += sections
    return PlanDocument(
        title=title,
        blocks=tuple(blocks),
        paper=paper or campaign.settings.paper,
        header_note=t(PLAN_KIND),
        page_label=t(PAGE_LABEL),
        author=organisation,
        language=campaign.language,
        date=today,
        status=status,
    )


def draft_mark(share: float, t: Translator) -> str:
    """Return the mark of a plan still missing required answers, with how complete it is: "Draft: 72% complete"."""
    # Translators: printed on the cover and every page of an unfinished plan; {percent} is a whole number
    return t("Draft: {percent}% complete", percent=round(share * 100))


def _cover(
    campaign: Campaign,
    pack: WorksheetPack,
    t: Translator,
    title: str,
    organisation: str,
    logo: bytes | None,
    today: dt.date | None,
) -> Cover:
    details = []
    country, level = _role_text(campaign, pack, t, "country"), _role_text(campaign, pack, t, "level")
    if country:
        # Translators: {level} is the campaign level chosen in the profile, in lower case ("national")
        where = t("{country} ({level} campaign)", country=country, level=level.lower()) if level else country
        details.append((t("Country"), where))
    start, end = pack.answer_with_role(campaign, "campaign_start"), pack.answer_with_role(campaign, "campaign_end")
    period = period_text(start if isinstance(start, dt.date) else None, end if isinstance(end, dt.date) else None, t)
    if period:
        details.append((t("Campaign period"), period))
    owner = _role_text(campaign, pack, t, "contact")
    if owner:
        details.append((t("Contact"), owner))
    toolkit = clean(pack.info.title)
    if today:
        note = t("Prepared on {date} with the {toolkit}.", date=date_text(today, t), toolkit=toolkit)
    else:
        note = t("Prepared with the {toolkit}.", toolkit=toolkit)
    return Cover(t(PLAN_KIND), title, organisation, tuple(details), note, checked_logo(logo))


def _role_text(campaign: Campaign, pack: WorksheetPack, t: Translator, role: Role) -> str:
    definition = role_field(pack, role)
    value = pack.answer_with_role(campaign, role)
    return value_text(definition, value, campaign, pack, t) if definition else ""


def checked_logo(logo: bytes | None) -> bytes | None:
    """Return the logo as PNG or JPEG bytes of a sensible size, or None when it is not a readable image."""
    if not logo:
        return None
    from PIL import Image, UnidentifiedImageError  # only with a logo: Pillow is a good part of a cold export

    try:
        with Image.open(io.BytesIO(logo)) as image:
            image.load()
            if (
                image.format in LOGO_FORMATS  # the logo rule (campaign.logo) the repository checks
                and image.mode in ("RGB", "RGBA", "L", "P")
                and max(image.size) <= LOGO_MAX_PIXELS
            ):
                return logo
            converted = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    converted.thumbnail((LOGO_MAX_PIXELS, LOGO_MAX_PIXELS))
    out = io.BytesIO()
    converted.save(out, format="PNG")
    return out.getvalue()
