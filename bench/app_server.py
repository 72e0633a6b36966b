"""An app server whose own cost the benchmarks read: CPU time and memory from /proc.

The browser benchmarks share the machine's cores with the browsers they drive, so
wall-clock times measure the machine; the server process's CPU time is what one step
costs the server alone, whatever else runs.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.e2e.app_process import AppProcess


class MeasuredApp(AppProcess):
    """`tests.e2e.app_process.AppProcess` plus its CPU and memory, read from /proc."""

    def cpu_seconds(self) -> float:
        """CPU the server process has used so far (user + system, every thread, those
        that have ended included: Streamlit runs each rerun on a thread of its own)."""
        if self.process is None:
            return 0.0
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def memory_mb(self) -> tuple[float, float]:
        """(resident now, resident high-water mark) of the server process, in MB."""
        if self.process is None:
            return (0.0, 0.0)
        values = {}
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in {"VmRSS", "VmHWM"}:
                values[key] = int(rest.split()[0]) / 1024
        return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)
