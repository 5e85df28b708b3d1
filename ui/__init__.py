"""The Streamlit user interface: the only code that talks to Streamlit."""
