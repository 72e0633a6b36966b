"""What the browser-feel benchmark reads inside the page, on the page's own clock.

A script installed before any of the app's own code records, with `performance.now()`:

* the moment of the person's input (the first `pointerdown` or `keydown` after the
  benchmark re-arms it), so a step is timed from the click, not from when Playwright
  finished its own checks around it; a click repeated because the first started no
  rerun (`LostClick`) is timed from the first;
* every change of Streamlit's run state (`data-test-script-state` on `stApp`), from a
  MutationObserver, so a rerun that starts and ends between two polls is still seen,
  and the state before the rerun began is never taken for its end;
* the first frame the province map paints: deck.gl draws with WebGL, so the draw calls
  issued to a canvas inside the map element are counted, and the frame after the first
  of them (`requestAnimationFrame` inside `requestAnimationFrame`, i.e. once the frame
  holding those draws has been presented) is when the map is on screen. An empty deck
  only clears its canvas; it issues no draw call.

A step is over when a rerun has started after the input, the state is `notRunning`
again, and nothing has changed for `quiet` seconds: a step that causes several reruns
(sign-in: the form's rerun, the switch to the landing page, the cookie component's
answer) ends at the last of them, which is what a person waits for. The quiet time
itself is not counted: the step's time is the last `notRunning` transition.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.app_process import APP_READY

MAP_SELECTOR = "[data-testid='stDeckGlJsonChart']"

PROBE_SCRIPT = """
(() => {
  if (window.__tdFeel) return;
  const probe = window.__tdFeel = {inputAt: null, states: [], draws: 0, drawnAt: null,
                                   drawArmed: true};
  const now = () => performance.now();
  for (const type of ["pointerdown", "keydown"]) {
    window.addEventListener(type, () => {
      if (probe.inputAt === null) probe.inputAt = now();
    }, true);
  }
  const watch = () => new MutationObserver(records => {
    for (const record of records) {
      if (record.target.getAttribute("data-testid") !== "stApp") continue;
      probe.states.push([record.target.getAttribute("data-test-script-state"), now()]);
    }
  }).observe(document.documentElement, {
    attributes: true, subtree: true, attributeFilter: ["data-test-script-state"],
  });
  if (document.documentElement) watch();
  else document.addEventListener("DOMContentLoaded", watch);
  const mapSelector = "__MAP__";
  const contexts = [window.WebGLRenderingContext, window.WebGL2RenderingContext];
  for (const context of contexts) {
    if (!context) continue;
    for (const name of ["drawArrays", "drawElements", "drawArraysInstanced",
                        "drawElementsInstanced", "drawRangeElements"]) {
      const original = context.prototype[name];
      if (!original) continue;
      context.prototype[name] = function (...args) {
        const canvas = this.canvas;
        if (canvas && canvas.closest && canvas.closest(mapSelector)) {
          probe.draws += 1;
          if (probe.drawArmed) {
            probe.drawArmed = false;
            requestAnimationFrame(() => requestAnimationFrame(() => {
              probe.drawnAt = now();
            }));
          }
        }
        return original.apply(this, args);
      };
    }
  }
})();
""".replace("__MAP__", MAP_SELECTOR)

_STARTED = """(since) => window.__tdFeel.states.slice(since).some(e => e[0] === "running")"""

_SETTLED = """([since, quietMs, ready, path, present]) => {
  const states = window.__tdFeel.states;
  if (states.length <= since || !document.querySelector(ready)) return null;
  if (path && !location.pathname.endsWith(path)) return null;
  if (present && !document.querySelector(present)) return null;
  const last = states[states.length - 1];
  if (last[0] !== "notRunning" || performance.now() - last[1] < quietMs) return null;
  return last[1];
}"""

_QUIET = """([quietMs, ready]) => {
  if (!document.querySelector(ready)) return false;
  const states = window.__tdFeel.states;
  const last = states[states.length - 1];
  return !last || (last[0] === "notRunning" && performance.now() - last[1] >= quietMs);
}"""


class LostClick(Exception):
    """The click started no rerun within `Probe.lost_after` seconds."""


class Probe:
    """The recorder in one browser page; times are the page's milliseconds."""

    def __init__(self, page: Any, quiet: float, timeout: float, lost_after: float) -> None:
        self.page = page
        self.lost_after_ms = lost_after * 1000
        self.quiet_ms = quiet * 1000
        self.timeout_ms = timeout * 1000
        page.add_init_script(PROBE_SCRIPT)

    def arm(self, *, map_too: bool = False) -> int:
        """Before an action: forget the last input (and the map's first paint), and
        return where the run-state log stands, so only what follows counts."""
        return int(
            self.page.evaluate(
                """(mapToo) => {
                  const probe = window.__tdFeel;
                  probe.inputAt = null;
                  if (mapToo) { probe.drawnAt = null; probe.drawArmed = true; }
                  return probe.states.length;
                }""",
                map_too,
            )
        )

    def started(self, since: int) -> None:
        """Until a rerun has begun since `since`; `LostClick` when none does in time."""
        try:
            self.page.wait_for_function(_STARTED, arg=since, polling=50, timeout=self.lost_after_ms)
        except PlaywrightTimeout as error:
            raise LostClick from error

    def settled(
        self, since: int, *, path: str = "", present: str = "", quiet: float | None = None
    ) -> float:
        """Seconds from the input to the last rerun's end, once the app has been quiet
        (`quiet` seconds, the probe's own by default) on the page whose address ends
        with `path`, showing `present` (call `started` first: the log from `since` on
        then holds the rerun)."""
        quiet_ms = self.quiet_ms if quiet is None else quiet * 1000
        handle = self.page.wait_for_function(
            _SETTLED,
            arg=[since, quiet_ms, APP_READY, path, present],
            polling=50,
            timeout=self.timeout_ms,
        )
        ended = float(handle.json_value())
        return (ended - self.input_at()) / 1000

    def quiet(self) -> None:
        """Until the app has been `notRunning` for the quiet time (any reruns the page
        makes by itself, like the sign-in page's cookie component, are over)."""
        self.page.wait_for_function(
            _QUIET, arg=[self.quiet_ms, APP_READY], polling=50, timeout=self.timeout_ms
        )

    def map_drawn(self) -> float:
        """Seconds from the input to the map's first painted frame."""
        handle = self.page.wait_for_function(
            "() => window.__tdFeel.drawnAt", polling=50, timeout=self.timeout_ms
        )
        return (float(handle.json_value()) - self.input_at()) / 1000

    def input_at(self) -> float:
        """When the step's first input happened (a repeated click keeps the first)."""
        value = self.page.evaluate("() => window.__tdFeel.inputAt")
        if value is None:
            raise RuntimeError("no input was recorded for this step")
        return float(value)
