"""Advocacy Campaign Builder: `streamlit run streamlit_app.py` (see docs/app.md)."""

import streamlit as st

from campaign import N_, translator
from ui.language import LANGUAGE_PARAM, begin_run
from ui.resources import settings_problem

BAD_SETTINGS = N_(
    "This server's settings cannot be used: {problem}. Whoever runs it: fix the setting (docs/deploy.md lists "
    "them) and restart the app."
)

if (problem := settings_problem()) is not None:  # before anything reads a setting: a message, not a traceback
    st.set_page_config(page_title="Advocacy Campaign Builder", page_icon="📣")
    st.error(translator(st.query_params.get(LANGUAGE_PARAM))(BAD_SETTINGS, problem=problem), icon=":material/error:")
    st.stop()

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
