"""Named, seeded random streams: one per purpose (and per factory), so that a draw made
for one thing never shifts the draws made for another, and the same seed gives the same
data whatever the batch size or the number of factories."""

from __future__ import annotations

import random


def stream(*parts: object) -> random.Random:
    """A generator seeded from its name; `random.Random` hashes a string seed with SHA-512,
    identically on every platform and Python run. Reproducibility is the point here, not
    secrecy, so the cryptographic-randomness warning does not apply."""
    return random.Random(":".join(str(part) for part in parts))  # noqa: S311
