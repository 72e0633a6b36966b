"""Fixtures of the dashboard page tests (databases built once per session); see
`tests/pages/dashboard_fixtures.py`."""

from tests.pages.dashboard_fixtures import demo_db_url, empty_db_url, leak_db_url

__all__ = ["demo_db_url", "empty_db_url", "leak_db_url"]
