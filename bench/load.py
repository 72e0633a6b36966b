"""Concurrent users: N browser sessions at once against a running app, on loopback.

One Streamlit server is started here (a free port on 127.0.0.1, the bench database,
a fresh cookie key) and one headless Debian chromium drives N isolated browser
contexts through what a ministry analyst does first: open the address and sign in
(a constituent account), change a filter (a different year per session, so the
server computes rather than only serves its cache), and download the CSV of the first
figure. Each step's page-ready time is taken from Streamlit's own marker
(`data-test-script-state="notRunning"` after the rerun the step caused).

Bounded on purpose: at most `MAX_SESSIONS` sessions, every step under
`STEP_TIMEOUT` seconds, every round under `ROUND_TIMEOUT`; only 127.0.0.1 is
contacted and the browser is started with networking features off. Server and
browser share this machine's two cores, so the figures are the experience of N
people on one small server whose CPU the test's own browsers also use — an upper
bound on what real, remote browsers would see.

    python -m bench.load --url sqlite:///bench/out/large.db --sessions 1 5 10 20
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import secrets
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import TimeoutError as PlaywrightTimeout

from bench.app_server import MeasuredApp
from bench.report import Table, ms
from data_access.bootstrap import DEMO_USERS
from data_access.i18n import t
from tests.e2e.app_process import (
    APP_READY,
    APP_RUNNING,
    CHROMIUM,
    CHROMIUM_ARGS,
    environment,
)
from tests.e2e.helpers import PASSWORD_INPUT, SIGN_IN_BUTTON, SIGN_OUT_BUTTON, USERNAME_INPUT

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = REPO_ROOT / "bench" / "out"
#: Up to 25 contexts in one browser: keep their buffers off /dev/shm, which a default
#: container gives only 64 MB.
LOAD_CHROMIUM_ARGS = [*CHROMIUM_ARGS, "--disable-dev-shm-usage"]
MAX_SESSIONS = 25
STEP_TIMEOUT = 120.0
#: How long a signed-in page may take before the session concludes its click was lost.
SIGN_IN_PATIENCE = 60.0
ROUND_TIMEOUT = 600.0
SERVER_START_TIMEOUT = 120.0
LANG = "vi"
ROLE = "molisa"
STEPS: tuple[str, ...] = ("sign-in → first page", "filter change", "download")


class AppServer(MeasuredApp):
    """The app under load; its log kept only when a session failed, as the evidence."""

    def __init__(self, database_url: str) -> None:
        env = environment(database_url, secrets.token_urlsafe(48))
        super().__init__(env, OUT_DIR / "load-server.log", start_timeout=SERVER_START_TIMEOUT)
        self.keep_log = False

    def __exit__(self, *exc: object) -> None:
        super().__exit__(*exc)
        if not self.keep_log:
            self.log.unlink(missing_ok=True)


@dataclass
class SessionResult:
    times: dict[str, float] = field(default_factory=dict)
    error: str = ""
    lost_sign_in: bool = False


async def _rerun_done(page) -> None:
    """Wait for the rerun an action started: it may begin a moment after the action
    (or be over already when it was quick), so look for it briefly, then for its end."""
    with contextlib.suppress(PlaywrightTimeout):
        await page.wait_for_selector(APP_RUNNING, timeout=1500)
    await page.wait_for_selector(APP_READY, timeout=STEP_TIMEOUT * 1000)


async def _settled(page) -> None:
    """Like a person, act once the page has stopped changing: the sign-in page reruns
    once more by itself when its cookie component has loaded, and a click that lands in
    the middle of that rerun can be lost."""
    await page.wait_for_selector(APP_READY)
    await page.wait_for_timeout(500)
    await page.wait_for_selector(APP_READY)


async def _session(browser, url: str, year: int | None, credentials: tuple[str, str]):
    result = SessionResult()
    context = await browser.new_context(
        accept_downloads=True, viewport={"width": 1400, "height": 1000}, locale="vi-VN"
    )
    page = await context.new_page()
    page.set_default_timeout(STEP_TIMEOUT * 1000)
    try:
        username, password = credentials
        await page.goto(url)
        await page.wait_for_selector(USERNAME_INPUT)
        await _settled(page)
        await page.locator(USERNAME_INPUT).fill(username)
        await page.locator(PASSWORD_INPUT).fill(password)
        started = time.perf_counter()
        await page.locator(SIGN_IN_BUTTON).click()
        try:
            await page.wait_for_selector(SIGN_OUT_BUTTON, timeout=SIGN_IN_PATIENCE * 1000)
        except PlaywrightTimeout:
            if await page.locator(SIGN_IN_BUTTON).count() == 0:
                # The click was taken (the form is gone) and the landing page is still
                # being drawn: an overloaded server, not a lost click. Keep waiting.
                await page.wait_for_selector(SIGN_OUT_BUTTON)
            else:
                # What a person does when nothing happens: click again. Counted, and
                # the time from the first click is what is reported.
                result.lost_sign_in = True
                await page.locator(SIGN_IN_BUTTON).click()
                await page.wait_for_selector(SIGN_OUT_BUTTON)
        await page.wait_for_selector("[data-testid='stSidebar'] [data-testid='stSelectbox']")
        await _rerun_done(page)
        result.times[STEPS[0]] = time.perf_counter() - started

        if year is not None:
            label = t("shell.filters.year_from", LANG)
            box = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(
                has_text=label
            )
            await box.click()
            started = time.perf_counter()
            await page.get_by_role("option", name=str(year), exact=True).click()
            await _rerun_done(page)
            result.times[STEPS[1]] = time.perf_counter() - started

        # Downloads sit under each figure's "show table" expander.
        expander = (
            page.locator("[data-testid='stExpander']")
            .filter(has=page.locator("[data-testid='stDownloadButton']"))
            .first
        )
        await expander.locator("summary").click()
        button = expander.locator("[data-testid='stDownloadButton'] button").first
        await button.wait_for()
        started = time.perf_counter()
        async with page.expect_download(timeout=STEP_TIMEOUT * 1000) as info:
            await button.click()
        download = await info.value
        await download.path()
        result.times[STEPS[2]] = time.perf_counter() - started
    except Exception as error:  # reported in the table; the round goes on
        result.error = f"{type(error).__name__}: {str(error).splitlines()[0][:100]}"
        with contextlib.suppress(Exception):
            await page.screenshot(path=str(OUT_DIR / f"load-failure-{id(page)}.png"))
    finally:
        await context.close()
    return result


async def _round(url: str, sessions: int, years: list[int]) -> list[SessionResult]:
    from playwright.async_api import async_playwright

    credentials = next((u, p) for u, role, _n, p in DEMO_USERS if role == ROLE)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=LOAD_CHROMIUM_ARGS
        )
        try:
            tasks = [
                _session(browser, url, years[index % len(years)] if years else None, credentials)
                for index in range(sessions)
            ]
            return await asyncio.wait_for(asyncio.gather(*tasks), timeout=ROUND_TIMEOUT)
        finally:
            await browser.close()


@dataclass
class LoadRound:
    sessions: int
    results: list[SessionResult]
    seconds: float
    server_cpu: float
    server_rss_mb: float = 0.0
    server_peak_mb: float = 0.0

    def values(self, step: str) -> list[float]:
        return [result.times[step] for result in self.results if step in result.times]

    @property
    def errors(self) -> list[str]:
        return [result.error for result in self.results if result.error]

    @property
    def lost_sign_ins(self) -> int:
        return sum(result.lost_sign_in for result in self.results)


def _percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def run(database_url: str, counts: list[int], years: list[int]) -> list[LoadRound]:
    counts = [min(max(1, count), MAX_SESSIONS) for count in counts]
    rounds = []
    with AppServer(database_url) as server:
        # One unmeasured session first: the server's start-up work (schema check,
        # reference data, first imports of the page modules) is not a user's wait.
        asyncio.run(_round(server.url, 1, years[:1]))
        for count in counts:
            started, cpu = time.perf_counter(), server.cpu_seconds()
            results = asyncio.run(_round(server.url, count, years))
            seconds, used = time.perf_counter() - started, server.cpu_seconds() - cpu
            server.keep_log = server.keep_log or any(result.error for result in results)
            rounds.append(LoadRound(count, results, seconds, used, *server.memory_mb()))
            print(f"[load] {count} sessions in {rounds[-1].seconds:.0f} s", flush=True)
    return rounds


def table(rounds: list[LoadRound], heading: str) -> Table:
    columns = ["sessions"]
    for step in STEPS:
        columns += [f"{step} p50", f"{step} p95"]
    columns += [
        "server CPU / session",
        "server memory (now / peak)",
        "sign-in clicked twice",
        "failed",
    ]
    out = Table(f"Concurrent sessions (chromium on the same 2 cores) — {heading}", columns)
    for item in rounds:
        cells: list[str] = [str(item.sessions)]
        for step in STEPS:
            values = item.values(step)
            cells += [ms(_percentile(values, 0.50)), ms(_percentile(values, 0.95))]
        errors = item.errors
        cells.append(ms(item.server_cpu / item.sessions))
        cells.append(f"{item.server_rss_mb:,.0f} / {item.server_peak_mb:,.0f} MB")
        cells.append(str(item.lost_sign_ins))
        cells.append(f"{len(errors)}" + (f" ({errors[0]})" if errors else ""))
        out.add(*cells)
    out.notes.append(
        f"Each session: sign in as a {ROLE} viewer (bcrypt check included) and wait for the "
        "landing page; set 'year from' to a year of its own (sessions spread over the data's "
        "years, so most are cache misses); download the first figure's CSV. Page-ready = "
        "Streamlit's script state back to notRunning after the step's rerun. Server CPU "
        "is the app process's own CPU time over the round, divided by the sessions: what "
        "each visit costs the server, whatever the browsers on the same cores cost. "
        f"'Sign-in clicked twice': the first click showed nothing within {SIGN_IN_PATIENCE:.0f} "
        "s (form still there, no message), so the session clicked again, as a person "
        "would; its sign-in time counts from the first click."
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--url", required=True, help="database URL the server uses")
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 10, 20])
    args = parser.parse_args(argv)
    from data_access.db import make_engine
    from data_access.refdata import reference

    years = list(reversed(reference(make_engine(args.url)).years))
    print(table(run(args.url, args.sessions, years), args.url).markdown())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
