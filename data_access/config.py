"""Where settings come from: the environment first, then `.streamlit/secrets.toml`.

Secrets never live in the repository; the defaults below are the embedded laptop
set-up (a SQLite file in the git-ignored `data/` folder) and the disclosure rules
the programme publishes with its figures.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
DEFAULT_SQLITE_PATH = DATA_DIR / "tripartite.db"
SECRETS_PATH = REPO_ROOT / ".streamlit" / "secrets.toml"


def _secrets() -> dict[str, Any]:
    path = Path(os.environ.get("TD_SECRETS_FILE", SECRETS_PATH))
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _lookup(env_name: str, secret_path: tuple[str, ...], default: Any = None) -> Any:
    if env_name in os.environ:
        return os.environ[env_name]
    node: Any = _secrets()
    for part in secret_path:
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def secret_section(*path: str) -> dict[str, Any]:
    """A whole table of secrets.toml (e.g. `[organisations]`), or {} when absent."""
    node: Any = _secrets()
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return {}
        node = node[part]
    return node if isinstance(node, dict) else {}


def default_database_url() -> str:
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def database_url() -> str:
    """`DATABASE_URL` from the environment, else `[database] url` in secrets, else SQLite."""
    return str(_lookup("DATABASE_URL", ("database", "url"), default_database_url()))


def _as_bool(value: Any) -> bool:
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """Tunable rules. Read once per process; tests build their own instances."""

    min_factories: int = 5
    #: Worker figures are hidden where one factory holds more than this share of them.
    dominance_share: float = 0.8
    picc_min_meetings: int = 6
    cookie_expiry_minutes: int = 60
    cookie_key: str | None = None
    production: bool = False
    #: Reverse proxies in front of the app whose X-Forwarded-For may be believed (0: none).
    trusted_proxies: int = 0


@lru_cache(maxsize=1)
def settings() -> Settings:
    return Settings(
        min_factories=int(_lookup("TD_MIN_FACTORIES", ("disclosure", "min_factories"), 5)),
        dominance_share=float(
            _lookup("TD_DOMINANCE_SHARE", ("disclosure", "dominance_share"), 0.8)
        ),
        picc_min_meetings=int(
            _lookup("TD_PICC_MIN_MEETINGS", ("indicators", "picc_min_meetings"), 6)
        ),
        cookie_expiry_minutes=int(
            _lookup("TD_COOKIE_EXPIRY_MINUTES", ("auth", "cookie_expiry_minutes"), 60)
        ),
        cookie_key=_lookup("TD_COOKIE_KEY", ("auth", "cookie_key"), None),
        production=_as_bool(_lookup("TD_PRODUCTION", ("app", "production"), False)),
        trusted_proxies=int(_lookup("TD_TRUSTED_PROXIES", ("auth", "trusted_proxies"), 0)),
    )
