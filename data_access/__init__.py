"""Data layer of the Tripartite Dashboard: engine, schema, queries, imports.

Importable and testable without a running Streamlit; the only Streamlit use
allowed in here is caching.
"""
