"""The benchmark databases: made once with the demo generator, then reused.

Three scales. `demo` is what a laptop user sees (~450 factories); `large` is national
coverage (5,000 factories x 10 years, ~12 million question-level findings); `xl` is
PostgreSQL-only head-room. SQLite files live in the git-ignored `bench/out/`; the
PostgreSQL databases are created on the server as `td_bench_<scale>` (the prefix
`BENCH_PG_PREFIX` changes it, so two checkouts sharing a server, each with its own schema
version, never migrate or drop each other's data) and dropped with
`python -m bench.datasets drop`. Generating `large` takes minutes, so a manifest
records what was built and a later run reuses it unless `--regenerate` is given.

    python -m bench.datasets ensure --scale large --backend sqlite
    python -m bench.datasets drop --scale large --backend postgresql
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from data_access.bootstrap import prepare_schema
from data_access.db import make_engine, normalise_url

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = REPO_ROOT / "bench" / "out"
MANIFEST = OUT_DIR / "datasets.json"
DEFAULT_PG_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
BACKENDS = ("sqlite", "postgresql")


@dataclass(frozen=True)
class Scale:
    name: str
    factories: int | None  # None: the generator's own default (the demo database)
    years: int | None
    backends: tuple[str, ...] = BACKENDS


SCALES: dict[str, Scale] = {
    "demo": Scale("demo", None, None),
    "large": Scale("large", 5000, 10),
    "xl": Scale("xl", 20000, 10, backends=("postgresql",)),
}
SEED = 2009


def pg_server_url() -> str:
    """The server the bench may create databases on: `BENCH_PG_URL`, else the test
    server's URL, else the local default."""
    return (
        os.environ.get("BENCH_PG_URL") or os.environ.get("TEST_DATABASE_URL") or DEFAULT_PG_SERVER
    )


def pg_database_name(scale: str) -> str:
    return f"{os.environ.get('BENCH_PG_PREFIX') or 'td_bench'}_{scale}"


def database_url(scale: str, backend: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{OUT_DIR / f'{scale}.db'}"
    return (
        make_url(normalise_url(pg_server_url()))
        .set(database=pg_database_name(scale))
        .render_as_string(hide_password=False)
    )


def _admin_engine() -> Engine:
    return create_engine(normalise_url(pg_server_url()), isolation_level="AUTOCOMMIT")


def postgres_version() -> str | None:
    try:
        engine = _admin_engine()
        with engine.connect() as connection:
            version = connection.scalar(text("SHOW server_version"))
        engine.dispose()
        return str(version).split()[0]
    except Exception:
        return None


def _read_manifest() -> dict[str, dict]:
    if MANIFEST.is_file():
        return json.loads(MANIFEST.read_text(encoding="utf-8"))
    return {}


def _write_manifest(manifest: dict[str, dict]) -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")


def _key(scale: str, backend: str) -> str:
    return f"{scale}-{backend}"


def row_counts(engine: Engine) -> dict[str, int]:
    counts = {}
    with engine.connect() as connection:
        for table in ("factories", "assessments", "findings", "assessment_point_results"):
            counts[table] = int(connection.scalar(text(f"SELECT COUNT(*) FROM {table}")) or 0)
    return counts


def _exists(scale: str, backend: str) -> bool:
    if backend == "sqlite":
        return (OUT_DIR / f"{scale}.db").is_file()
    engine = _admin_engine()
    with engine.connect() as connection:
        found = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :name"),
            {"name": pg_database_name(scale)},
        )
    engine.dispose()
    return found is not None


def drop(scale: str, backend: str) -> None:
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            (OUT_DIR / f"{scale}.db{suffix}").unlink(missing_ok=True)
    else:
        engine = _admin_engine()
        with engine.connect() as connection:
            connection.execute(
                text(f'DROP DATABASE IF EXISTS "{pg_database_name(scale)}" WITH (FORCE)')
            )
        engine.dispose()
    manifest = _read_manifest()
    manifest.pop(_key(scale, backend), None)
    _write_manifest(manifest)


def _create_empty(scale: str, backend: str) -> None:
    if backend == "sqlite":
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        return
    engine = _admin_engine()
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{pg_database_name(scale)}"'))
    engine.dispose()


def generate(scale: str, backend: str) -> dict:
    """Build the dataset through the operators' own command, so the bench measures the
    data a real `seed-demo` produces (same seed, same data on both backends)."""
    spec = SCALES[scale]
    drop(scale, backend)
    _create_empty(scale, backend)
    url = database_url(scale, backend)
    command = [sys.executable, "-m", "data_access.cli", "seed-demo", "--seed", str(SEED)]
    if spec.factories is not None:
        command += ["--factories", str(spec.factories)]
    if spec.years is not None:
        command += ["--years", str(spec.years)]
    print(f"[datasets] generating {scale} on {backend}: {' '.join(command[2:])}", flush=True)
    started = time.perf_counter()
    subprocess.run(
        command,
        cwd=REPO_ROOT,
        env={**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(REPO_ROOT)},
        check=True,
    )
    seconds = time.perf_counter() - started
    engine = make_engine(url)
    try:
        if backend == "sqlite":
            with engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                connection.exec_driver_sql("ANALYZE")
        else:
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("VACUUM ANALYZE")
        counts = row_counts(engine)
    finally:
        engine.dispose()
    entry = {
        "scale": scale,
        "backend": backend,
        "factories": spec.factories,
        "years": spec.years,
        "seed": SEED,
        "generated_seconds": round(seconds, 1),
        "generated_at": time.strftime("%Y-%m-%d %H:%M"),
        "rows": counts,
    }
    manifest = _read_manifest()
    manifest[_key(scale, backend)] = entry
    _write_manifest(manifest)
    print(f"[datasets] {scale}/{backend} ready in {seconds:.0f} s: {counts}", flush=True)
    return entry


def ensure(scale: str, backend: str, regenerate: bool = False) -> dict:
    """The dataset's manifest entry, generating it first if it is missing. An existing
    database is brought to the current schema (new indexes, new summary tables) rather
    than regenerated: migrations are what a real deployment would run, too."""
    if backend not in SCALES[scale].backends:
        raise SystemExit(f"scale {scale} is not built on {backend}")
    entry = _read_manifest().get(_key(scale, backend))
    if regenerate or entry is None or not _exists(scale, backend):
        return generate(scale, backend)
    engine = make_engine(database_url(scale, backend))
    try:
        prepare_schema(engine)
    finally:
        engine.dispose()
    return entry


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.datasets")
    parser.add_argument("action", choices=["ensure", "drop", "list"])
    parser.add_argument("--scale", choices=sorted(SCALES), default="large")
    parser.add_argument("--backend", choices=BACKENDS, default="sqlite")
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args(argv)
    if args.action == "list":
        print(json.dumps(_read_manifest(), indent=2, sort_keys=True))
    elif args.action == "drop":
        drop(args.scale, args.backend)
    else:
        ensure(args.scale, args.backend, regenerate=args.regenerate)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
