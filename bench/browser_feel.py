"""Browser feel: what one person waits for at each click, in Debian chromium, for two
revisions of the app measured in the same run.

The tree you are in ("current") and a git revision (`--baseline`, default `HEAD~1`,
checked out with `git worktree add` into a temporary folder and run with the same
interpreter) are each served by their own Streamlit process on its own loopback port,
against the same database. Visits alternate between them (A B A B ...), so a neighbour's
burst of CPU falls on both alike. One visit, in a fresh browser context (no cookies):

1. open the address, sign in as a MOLISA viewer: the click → the landing page ready,
   and → the province map painted (see `bench.feel_probe` for both conditions);
2. on the landing page, then after switching to each other page of the menu: one
   change of "year from" (to the year before the default one, and back on the next
   page, and so on), → ready; finally the switch back to the landing page (its map
   painted again);
3. with `--roles molisa admin`, the same as an administrator on the pages MOLISA may
   not open (factories, briefings, the two admin pages).

Ready = Streamlit's `data-test-script-state="notRunning"` after a rerun that began after
the click. The first visit to each server runs on cold caches and is reported on its
own ("first visit"); min and median are over the later visits, which find every figure
in the server's caches: warm. Server CPU is the app process's CPU time over the step
(read from /proc once the app is quiet again, so Streamlit's after-run garbage
collection is included).

Only 127.0.0.1 is contacted; every wait is bounded (`STEP_TIMEOUT`). Figures go to the
terminal and to `bench/RESULTS.md` (section `browser-feel-<scale>-<backend>`).

    python -m bench.browser_feel --quick                       # demo, SQLite, 3 visits
    python -m bench.browser_feel --scale demo large --backend sqlite postgresql
    python -m bench.browser_feel --baseline HEAD --scale demo --backend sqlite
"""

from __future__ import annotations

import argparse
import contextlib
import io
import secrets
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bench import datasets
from bench.app_server import MeasuredApp
from bench.feel_probe import MAP_SELECTOR, LostClick, Probe
from bench.report import Table, git_commit, machine_line, ms, now_text, write_section
from data_access import migrate
from data_access.bootstrap import DEMO_USERS
from data_access.db import engine_for
from data_access.periods import default_period
from data_access.refdata import reference
from tests.e2e.app_process import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT, environment
from tests.e2e.helpers import (
    NAV_LINK,
    PASSWORD_INPUT,
    SIGN_IN_BUTTON,
    SIGN_OUT_BUTTON,
    USERNAME_INPUT,
)
from ui.navigation import PAGES, landing_for, pages_for

OUT_DIR = REPO_ROOT / "bench" / "out"
STEP_TIMEOUT = 120.0
SERVER_START_TIMEOUT = 180.0
QUIET_SECONDS = 0.3
#: Signing in ends with one more rerun, started by the browser once the cookie component
#: on the landing page has written the cookie; on a loaded machine that can come more
#: than a second after the landing page was drawn, and the person is still waiting.
SIGN_IN_QUIET_SECONDS = 2.5
#: A click that has started no rerun after this long is taken as lost, and repeated.
LOST_AFTER = 20.0
YEAR_FROM = ".st-key-_td_w_year_from"
#: Pages that draw the province map. Named, not looked for: deck.gl's element can appear
#: after the rerun has ended, so looking for it then would miss it now and then.
MAP_PAGES: frozenset[str] = frozenset({"provinces"})
PASSWORDS = {role: (username, password) for username, role, _name, password in DEMO_USERS}
#: The map's painted canvas shows the provinces' colours, borders and labels: a blank
#: or cleared canvas has a handful of colours at most.
MIN_MAP_COLOURS = 20


@dataclass(frozen=True)
class Revision:
    """One tree served: `name` as the tables say it, `commit` as git does."""

    name: str
    commit: str
    root: Path


@dataclass
class Sample:
    seconds: float
    cpu: float | None
    first_visit: bool


@dataclass
class Measured:
    """Every sample of one (scale, backend): revision name → step → samples, in the
    order the steps were first taken."""

    steps: list[str] = field(default_factory=list)
    samples: dict[str, dict[str, list[Sample]]] = field(default_factory=dict)
    map_colours: int | None = None
    lost: dict[str, int] = field(default_factory=dict)

    def add(self, revision: str, step: str, sample: Sample) -> None:
        if step not in self.steps:
            self.steps.append(step)
        self.samples.setdefault(revision, {}).setdefault(step, []).append(sample)


def _git(*args: str, cwd: Path = REPO_ROOT) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout.strip()


@contextlib.contextmanager
def baseline_tree(revision: str) -> Iterator[Revision]:
    """The baseline revision checked out beside this one (a detached worktree, removed
    afterwards); untracked files such as the data and the virtualenv are not needed
    there, the server gets the database URL and this interpreter."""
    commit = _git("rev-parse", "--verify", f"{revision}^{{commit}}")
    folder = Path(tempfile.mkdtemp(prefix="td-baseline-"))
    _git("worktree", "add", "--detach", "--force", str(folder), commit)
    try:
        yield Revision(f"baseline {revision}", commit[:12], folder)
    finally:
        _git("worktree", "remove", "--force", str(folder))


@contextlib.contextmanager
def database_for(revision: Revision, url: str, label: str) -> Iterator[str]:
    """The dataset as `revision` can open it: the same database when its schema is this
    tree's, else a copy migrated down to the revision's own head (a server refuses a
    database migrated by a later version), dropped afterwards. Both then hold the same
    figures, so the two servers answer the same questions from the same rows."""
    own_head = ScriptDirectory(str(revision.root / "data_access" / "migrations")).get_current_head()
    if own_head == ScriptDirectory(str(migrate.MIGRATIONS_DIR)).get_current_head():
        yield url
        return
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        copy = OUT_DIR / f"feel-{label}.db"
        shutil.copyfile(str(parsed.database), copy)
        copy_url = f"sqlite:///{copy}"
    else:
        name = f"{parsed.database}_feel_{label.replace('-', '_')}"
        admin = datasets._admin_engine()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{parsed.database}"'))
        copy_url = parsed.set(database=name).render_as_string(hide_password=False)
    engine = engine_for(copy_url)
    migrate.downgrade(engine, own_head)
    engine.dispose()
    try:
        yield copy_url
    finally:
        if parsed.get_backend_name() == "sqlite":
            copy.unlink(missing_ok=True)
        else:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def _server(revision: Revision, url: str, label: str) -> MeasuredApp:
    env = environment(url, secrets.token_urlsafe(48))
    log = OUT_DIR / f"feel-{label}.log"
    return MeasuredApp(env, log, start_timeout=SERVER_START_TIMEOUT, root=revision.root)


class Visit:
    """One person's visit to one server, every step recorded into `measured`.

    After signing in, each page of the menu is opened and its "year from" changed
    once, alternating between the default year and the one before (the choice is kept
    across pages, as it is for a person), so every visit makes the same requests."""

    def __init__(
        self,
        page: Any,
        server: MeasuredApp,
        revision: str,
        measured: Measured,
        years: tuple[int, int],
        *,
        first: bool,
        quiet: float,
        shared: frozenset[str],
    ) -> None:
        self.shared = shared
        self.page = page
        self.server = server
        self.revision = revision
        self.measured = measured
        self.years = years
        self.year_index = 0
        self.first = first
        self.probe = Probe(page, quiet, STEP_TIMEOUT, LOST_AFTER)

    def _record(self, step: str, seconds: float, cpu: float | None) -> None:
        self.measured.add(self.revision, step, Sample(seconds, cpu, self.first))

    def _step(
        self,
        step: str,
        act: Callable[[], None],
        prepare: Callable[[], None] = lambda: None,
        *,
        map_too: bool = False,
        **until: Any,
    ) -> None:
        """`prepare` (unmeasured: opening a list), then the measured `act`; once again,
        as a person would, when the first click started no rerun (counted)."""
        prepare()
        since = self.probe.arm(map_too=map_too)
        cpu = self.server.cpu_seconds()
        act()
        try:
            self.probe.started(since)
        except LostClick:
            self.measured.lost[self.revision] = self.measured.lost.get(self.revision, 0) + 1
            prepare()
            act()
            self.probe.started(since)
        seconds = self.probe.settled(since, **until)
        self._record(step, seconds, self.server.cpu_seconds() - cpu)
        if map_too:
            self._record(f"{step}: map painted", self.probe.map_drawn(), None)
            if self.measured.map_colours is None:
                self.measured.map_colours = _colours(self.page)
                if self.measured.map_colours < MIN_MAP_COLOURS:
                    raise RuntimeError(
                        f"'map painted' fired on a canvas of {self.measured.map_colours} "
                        "colours: the condition no longer sees the map being drawn"
                    )

    def sign_in(self, role: str) -> str:
        """Sign in as `role`; returns the landing page's key."""
        username, password = PASSWORDS[role]
        self.page.goto(self.server.url)
        self.page.wait_for_selector(USERNAME_INPUT, timeout=STEP_TIMEOUT * 1000)
        self.probe.quiet()
        self.page.locator(USERNAME_INPUT).fill(username)
        self.page.locator(PASSWORD_INPUT).fill(password)
        landing = landing_for(role) or ""
        button = self.page.locator(SIGN_IN_BUTTON)
        self._step(
            f"sign-in → {landing} ({role})",
            button.click,
            map_too=landing in MAP_PAGES,
            path=f"/{landing}",
            present=SIGN_OUT_BUTTON,
            quiet=SIGN_IN_QUIET_SECONDS,
        )
        return landing

    def switch_to(self, key: str) -> None:
        link = self.page.locator(f"{NAV_LINK}[href$='/{key}']")
        self._step(f"switch → {key}", link.click, map_too=key in MAP_PAGES, path=f"/{key}")

    def year_change(self, key: str) -> None:
        self.year_index = 1 - self.year_index
        option = self.page.get_by_role("option", name=str(self.years[self.year_index]), exact=True)

        def open_list() -> None:
            self.page.locator(YEAR_FROM).click()
            option.wait_for(timeout=STEP_TIMEOUT * 1000)

        self._step(f"year change on {key}", option.click, open_list)

    def run(self, roles: list[str]) -> None:
        """Each role in turn, on the pages no earlier role has measured."""
        done: set[str] = set()
        for index, role in enumerate(roles):
            landing = self.sign_in(role)
            pages = [page.key for page in pages_for(role) if page.key in self.shared]
            # The landing page first: it is where the person is.
            own = sorted((key for key in pages if key not in done), key=lambda k: k != landing)
            for key in own:
                if key != landing:
                    self.switch_to(key)
                self.year_change(key)
            if landing in own and len(own) > 1:
                self.switch_to(landing)
            done.update(own)
            if index + 1 < len(roles):
                self.page.locator(SIGN_OUT_BUTTON).click()
                self.page.wait_for_selector(USERNAME_INPUT, timeout=STEP_TIMEOUT * 1000)


def _colours(page: Any) -> int:
    """Distinct colours in the map canvas once painted: the check that the paint
    condition is real (many colours), not a cleared canvas (a few)."""
    from PIL import Image

    image = page.locator(f"{MAP_SELECTOR} canvas").first.screenshot()
    colours = Image.open(io.BytesIO(image)).convert("RGB").getcolors(maxcolors=1 << 20)
    return len(colours or [])


def measure(
    urls: list[str],
    revisions: list[Revision],
    *,
    visits: int,
    roles: list[str],
    quiet: float,
    label: str,
) -> Measured:
    """Start one server per revision against its copy of the dataset (`urls`, in the
    order of `revisions`), then `visits` rounds of A B."""
    from playwright.sync_api import sync_playwright

    url = urls[-1]
    # Only the pages every revision has: a page added since the baseline has no
    # "before" to set beside it.
    shared = frozenset(
        spec.key for spec in PAGES if all((r.root / spec.path).is_file() for r in revisions)
    )
    ref = reference(engine_for(url))
    latest = default_period(ref).year_from
    earlier = max((year for year in ref.years if latest and year < latest), default=None)
    if latest is None or earlier is None:
        raise SystemExit(f"{url}: needs data in at least two years")
    measured = Measured()
    servers = [
        _server(revision, revision_url, f"{label}-{i}")
        for i, (revision, revision_url) in enumerate(zip(revisions, urls, strict=True))
    ]
    with contextlib.ExitStack() as stack:
        for server in servers:  # booting side by side
            stack.callback(server.stop)
            server.start()
        for server in servers:
            server.wait_healthy()
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        stack.callback(browser.close)
        for number in range(visits):
            for revision, server in zip(revisions, servers, strict=True):
                started = time.perf_counter()
                context = browser.new_context(
                    viewport={"width": 1400, "height": 1000}, locale="vi-VN"
                )
                try:
                    page = context.new_page()
                    page.set_default_timeout(STEP_TIMEOUT * 1000)
                    visit = Visit(
                        page,
                        server,
                        revision.name,
                        measured,
                        (latest, earlier),
                        first=number == 0,
                        quiet=quiet,
                        shared=shared,
                    )
                    visit.run(roles)
                finally:
                    context.close()
                seconds = time.perf_counter() - started
                print(f"[feel] {label}: visit {number + 1} to {revision.name} in {seconds:.0f} s")
    return measured


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def table(measured: Measured, revisions: list[Revision], heading: str) -> Table:
    columns = ["step"]
    for revision in revisions:
        columns += [
            f"{revision.name}: first visit",
            "min",
            "median",
            "server CPU (median)",
        ]
    columns.append("median, last ÷ first")
    out = Table(f"Browser feel, one person in chromium — {heading}", columns)
    for step in measured.steps:
        cells = [step]
        medians = []
        for revision in revisions:
            samples = measured.samples.get(revision.name, {}).get(step, [])
            first = [sample.seconds for sample in samples if sample.first_visit]
            warm = [sample.seconds for sample in samples if not sample.first_visit]
            cpu = [sample.cpu for sample in samples if not sample.first_visit and sample.cpu]
            median = _median(warm)
            medians.append(median)
            cells += [
                ms(_median(first)),
                ms(min(warm) if warm else None),
                ms(median),
                ms(_median(cpu)) if cpu else "–",
            ]
        ratio = medians[-1] / medians[0] if len(medians) > 1 and all(medians) else None
        cells.append(f"{ratio:.2f}×" if ratio is not None else "–")
        out.add(*cells)
    names = " / ".join(f"{r.name} = `{r.commit}`" for r in revisions)
    out.notes.append(
        f"{names}. Each step timed in the page from the click (pointerdown) to Streamlit's "
        "`notRunning` after the last rerun the click caused; 'map painted' to the first "
        "frame presented after deck.gl's first draw call on the map canvas "
        f"({measured.map_colours} colours in it then). 'First visit': the first after the "
        "server started, on cold caches. Min and median: the later visits (warm). Server "
        "CPU: the app process's CPU time over the step, Streamlit's after-run garbage "
        "collection included. Browser and server share this machine's cores. Clicks that "
        f"started no rerun within {LOST_AFTER:.0f} s and were repeated (timed from the "
        "first): " + ", ".join(f"{r.name} {measured.lost.get(r.name, 0)}" for r in revisions) + "."
    )
    return out


def _load_average() -> str:
    with contextlib.suppress(OSError):
        return " / ".join(Path("/proc/loadavg").read_text().split()[:3])
    return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.browser_feel")
    parser.add_argument("--baseline", default="HEAD~1", help="git revision to compare with")
    parser.add_argument("--scale", nargs="+", choices=["demo", "large"], default=["demo", "large"])
    parser.add_argument(
        "--backend", nargs="+", choices=list(datasets.BACKENDS), default=list(datasets.BACKENDS)
    )
    parser.add_argument("--visits", type=int, default=3, help="visits per revision (≥ 2)")
    parser.add_argument("--roles", nargs="+", choices=["molisa", "admin"], default=["molisa"])
    parser.add_argument(
        "--quiet", type=float, default=QUIET_SECONDS, help="seconds without a rerun that end a step"
    )
    parser.add_argument(
        "--quick", action="store_true", help="demo scale on SQLite, 3 visits (target: 4 min)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.scale, args.backend, args.visits = ["demo"], ["sqlite"], 3
    visits = max(2, args.visits)
    started = time.perf_counter()
    current = Revision("current", git_commit(), REPO_ROOT)
    with baseline_tree(args.baseline) as baseline:
        revisions = [baseline, current]
        for scale in args.scale:
            for backend in args.backend:
                if backend == "postgresql" and datasets.postgres_version() is None:
                    print("[feel] PostgreSQL not reachable: skipped.", flush=True)
                    continue
                datasets.ensure(scale, backend)
                url = datasets.database_url(scale, backend)
                load_before, at = _load_average(), now_text()
                round_started = time.perf_counter()
                with database_for(baseline, url, f"{scale}-{backend}-baseline") as baseline_url:
                    measured = measure(
                        [baseline_url, url],
                        revisions,
                        visits=visits,
                        roles=args.roles,
                        quiet=args.quiet,
                        label=f"{scale}-{backend}",
                    )
                result = table(measured, revisions, f"{scale}, {backend}")
                minutes = (time.perf_counter() - round_started) / 60
                header = (
                    f"### Browser feel: {scale} scale on {backend}\n\n"
                    f"- Run: {at}, {minutes:.1f} min, {visits} visits per revision, roles "
                    f"{', '.join(args.roles)}; load average {load_before} before, "
                    f"{_load_average()} after.\n"
                    f"- Machine: {machine_line(datasets.postgres_version())}.\n\n"
                )
                print(result.markdown(), flush=True)
                write_section(f"browser-feel-{scale}-{backend}", header + result.markdown())
    print(f"[feel] done in {(time.perf_counter() - started) / 60:.1f} min", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
