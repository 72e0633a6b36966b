"""Streamlit-side helpers shared by the pages: sign-in, shell, filters, charts, maps."""
