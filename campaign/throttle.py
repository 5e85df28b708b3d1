"""Token buckets: how often one visitor (or everyone, against one workshop) may try something."""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

Clock = Callable[[], float]


@dataclass
class _Bucket:
    tokens: float
    at: float


class Throttle:
    """Up to `burst` tries at once per key, then one more every `seconds_per_try`; thread-safe.

    Only the `max_keys` most recently used keys are remembered, so a flood of new keys cannot grow memory
    without bound (a forgotten key starts again with a full bucket).
    """

    def __init__(self, burst: int, seconds_per_try: float, *, clock: Clock = time.monotonic, max_keys: int = 10_000):
        self.burst = burst
        self.seconds_per_try = seconds_per_try
        self.clock = clock
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str) -> int:
        """Spend one try of `key` and return 0, or return how many whole seconds to wait (nothing spent)."""
        with self._lock:
            now = self.clock()
            bucket = self._buckets.pop(key, None) or _Bucket(float(self.burst), now)
            bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.at) / self.seconds_per_try)
            bucket.at = now
            self._buckets[key] = bucket
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0
            return max(1, math.ceil((1 - bucket.tokens) * self.seconds_per_try))

    def wait(self, key: str) -> int:
        """Return how many whole seconds `key` must wait before its next try (0: it may try now), spending nothing."""
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                return 0
            tokens = min(float(self.burst), bucket.tokens + (self.clock() - bucket.at) / self.seconds_per_try)
            return 0 if tokens >= 1 else max(1, math.ceil((1 - tokens) * self.seconds_per_try))


@dataclass(frozen=True)
class JoinLimits:
    """The throttles joining goes through: code guesses and joins per visitor, joins per workshop, and code
    guesses from all visitors of this server together (a flood of new sessions)."""

    guesses: Throttle  # per visitor (a browser session): wrong or right, every code typed counts
    all_guesses: Throttle  # every visitor of this server together
    joins: Throttle  # groups created per visitor
    workshop_joins: Throttle  # groups created per workshop, whoever joins

    @classmethod
    def default(cls, clock: Clock = time.monotonic) -> JoinLimits:
        """Return the limits a workshop server uses (docs/workshops.md gives the figures)."""
        return cls(
            guesses=Throttle(GUESS_BURST, GUESS_SECONDS, clock=clock),
            all_guesses=Throttle(ALL_GUESS_BURST, ALL_GUESS_SECONDS, clock=clock),
            joins=Throttle(JOIN_BURST, JOIN_SECONDS, clock=clock),
            workshop_joins=Throttle(WORKSHOP_JOIN_BURST, WORKSHOP_JOIN_SECONDS, clock=clock),
        )


# A group types its code once or twice; a typo or two more. A script guessing codes gets one try every 3 s.
GUESS_BURST, GUESS_SECONDS = 5, 3.0
# A hall of 240 laptops opening the QR code's link and joining within ten seconds (two look-ups each) passes;
# a flood of guesses from many sessions is held to 10 a second: a year and a half to find one given code.
ALL_GUESS_BURST, ALL_GUESS_SECONDS = 600, 0.1
# One laptop joins once (twice if it joins the wrong workshop first); more waits 30 s each.
JOIN_BURST, JOIN_SECONDS = 3, 30.0
# A whole hall of groups joining at once passes; after 250, one group every 2 s.
WORKSHOP_JOIN_BURST, WORKSHOP_JOIN_SECONDS = 250, 2.0
