"""Advocacy Campaign Builder: `streamlit run streamlit_app.py` (see docs/app.md)."""

import streamlit as st

from ui.language import begin_run

t = begin_run()  # reads only the URL and the browser's language: no Streamlit element comes before the page config
st.set_page_config(
    page_title=t("Advocacy Campaign Builder"),
    page_icon="📣",  # an emoji: a :material/ page icon is fetched from the internet
    layout="wide",
    initial_sidebar_state="auto",
    menu_items={
        "Get help": None,
        "Report a bug": None,
        "About": t(
            "Advocacy Campaign Builder: plan a campaign with the Global Social Service Workforce Alliance's "
            "Advocacy Toolkit."
        ),
    },
)

from ui.app import main  # noqa: E402 - the page config must come first

main()
