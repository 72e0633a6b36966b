"""A real app server and the browser settings to drive it, shared by the browser tests,
the scale-out test and the concurrency benchmark, so all three test the same thing.

The server is `streamlit run app.py` on a free loopback port (never the machine's
external address: with none set, Streamlit looks it up over the internet), started with
the caller's environment and health-checked before anyone talks to it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
#: The flags this machine's Debian chromium needs to run headless with no network.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
APP_READY = "[data-testid='stApp'][data-test-script-state='notRunning']"
APP_RUNNING = "[data-testid='stApp'][data-test-script-state='running']"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class AppProcess:
    """One app server process, its output in `log`; a context manager that stops it."""

    def __init__(
        self, env: dict[str, str], log: Path, *, start_timeout: float = 90, root: Path = REPO_ROOT
    ) -> None:
        """`root` is the source tree served (another revision's checkout, for a benchmark
        that compares two)."""
        self.root = root
        self.env = {**env, "PYTHONPATH": str(root)}
        self.log = log
        self.start_timeout = start_timeout
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> AppProcess:
        """Launch without waiting, so several servers can boot side by side."""
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("wb") as sink:
            self.process = subprocess.Popen(
                [
                    sys.executable, "-m", "streamlit", "run", "app.py",
                    "--server.port", str(self.port),
                    "--server.address", "127.0.0.1",
                    "--server.headless", "true",
                ],
                cwd=self.root,
                env=self.env,
                stdout=sink,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        return self

    def wait_healthy(self) -> None:
        """Until Streamlit's health endpoint answers; the server's output if it never does."""
        assert self.process is not None, "start() first"
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Streamlit exited early:\n{self._output()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        waited = f"{self.start_timeout:.0f} s"
        raise RuntimeError(f"Streamlit not healthy after {waited}:\n{self._output()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)

    def _output(self) -> str:
        return self.log.read_text(errors="replace")

    def __enter__(self) -> AppProcess:
        self.start()
        try:
            self.wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def environment(database_url: str, cookie_key: str, **extra: str) -> dict[str, str]:
    """The process environment of an app under test: its database and its cookie key."""
    return {**os.environ, "DATABASE_URL": database_url, "TD_COOKIE_KEY": cookie_key, **extra}
