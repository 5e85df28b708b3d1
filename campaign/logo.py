"""The organisation's logo: the rules a logo file must meet (checked where it is stored) and its stored name."""

from __future__ import annotations

import hashlib
import re

from campaign.i18n import N_

MAX_LOGO_BYTES = 1_000_000
MAX_LOGO_PIXELS = 25_000_000  # a small file can still unpack into a huge bitmap
FORMATS = {"PNG": "png", "JPEG": "jpg"}
# content-addressed: a new logo never overwrites an older one, so every saved version keeps its own logo;
# `logo.png` / `logo.jpg` are the names of campaigns stored before logos were kept per version
LOGO_NAME = re.compile(r"^logo(-[0-9a-f]{32})?\.(png|jpg)$")
TOO_BIG = N_("The logo is {size} MB; the limit is 1 MB. Save it smaller and try again.")
UNREADABLE = N_("This file is not a readable PNG or JPEG image.")
WRONG_FORMAT = N_("This is a {format} image; use a PNG or JPEG file.")
TOO_MANY_PIXELS = N_("This image is too large in pixels; use one under 5000 × 5000.")


class LogoProblem(ValueError):
    """A file that is not a usable logo: `template` (an interface word) and its `values` say why."""

    def __init__(self, template: str, **values: object) -> None:
        self.template, self.values = template, values
        super().__init__(template.format(**values))


def logo_name(data: bytes) -> str:
    """Return the stored name of the logo in `data` (`logo-<content hash>.png` or `.jpg`), or raise LogoProblem."""
    import io  # only here: campaign/ does file-like work at its edges alone

    from PIL import Image, UnidentifiedImageError  # only here: Pillow is a good part of a cold `export`

    if len(data) > MAX_LOGO_BYTES:
        raise LogoProblem(TOO_BIG, size=round(len(data) / 1_000_000, 1))
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise LogoProblem(UNREADABLE) from None
    if image_format not in FORMATS:
        raise LogoProblem(WRONG_FORMAT, format=str(image_format))
    if width * height > MAX_LOGO_PIXELS:
        raise LogoProblem(TOO_MANY_PIXELS)
    return f"logo-{hashlib.sha256(data).hexdigest()[:32]}.{FORMATS[image_format]}"


def is_logo(data: bytes, name: str) -> bool:
    """Return True when `data` meets the logo rule and is what `name` says: its content hash and its format
    (the names stored before logos were kept by content, `logo.png` / `logo.jpg`, say only the format)."""
    try:
        proper = logo_name(data)
    except LogoProblem:
        return False
    return proper == name or name == f"logo.{proper.rsplit('.', 1)[1]}"


def is_logo_name(name: str) -> bool:
    """Return True when `name` is a logo's stored name (the only asset names a campaign may refer to)."""
    return bool(LOGO_NAME.fullmatch(name))
