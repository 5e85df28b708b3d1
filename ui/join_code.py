"""The join code as the projector shows it: large, in two groups of three, beside a QR code of the join link."""

from __future__ import annotations

import html
import io

import segno
import streamlit as st

from campaign import Workshop, show_code
from ui.language import ui_translator
from ui.links import PUBLIC_URL_VARIABLE, is_local_address, join_link

# Our own CSS, no remote font: a code read from the back of a hall needs size and space between characters.
CODE_STYLE = (
    "<style>.join-code{font:700 clamp(3rem,9vw,6.5rem)/1.05 ui-monospace,'DejaVu Sans Mono',monospace;"
    "letter-spacing:.12em;color:#0F5C63;margin:.2rem 0 .6rem}</style>"
)


@st.cache_data(show_spinner=False, max_entries=100)
def qr_png(text: str) -> bytes:
    """Return a QR code of `text` as PNG bytes, drawn here (no network)."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=10, border=2, dark="#1E2A2E")
    return buffer.getvalue()


def render_join_code(workshop: Workshop) -> None:
    """Draw the code, how to join, and the QR code; warn when the link only works on this computer.

    The link opens the join form in the workshop's language (each group can change it there).
    """
    t = ui_translator()
    link = join_link(workshop.join_code, workshop.language)
    words, picture = st.columns([3, 2], vertical_alignment="center")
    with words:
        st.markdown(t("**Join the workshop:** open the app, choose **Join a workshop**, and type"))
        st.html(
            CODE_STYLE
            + f"<div class='join-code' data-testid='join-code'>{html.escape(show_code(workshop.join_code))}</div>"
        )
        st.markdown(t("and your group's name. Or scan the QR code."))
        st.code(link, language=None, wrap_lines=True)
        if not workshop.joining_open:
            st.warning(t("Joining is closed: new groups cannot join until you reopen it."), icon=":material/lock:")
        if is_local_address(link):
            st.warning(
                t(
                    "This address only works on this computer. Open the dashboard through the address the groups "
                    "use (for example `{example}`), or set `{variable}` on the server.",
                    example="http://192.168.1.20:8501",
                    variable=PUBLIC_URL_VARIABLE,
                ),
                icon=":material/wifi_off:",
            )
    with picture:
        st.image(qr_png(link), caption=t("Scan to join"), width=320, alt=t("QR code of the join link"))
