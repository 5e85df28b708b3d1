"""Fuzz the campaign reader with tens of thousands of mutated and random files; print what happened.

Every case must end in a campaign or in located problems: an exception, a hang or a traceback is a bug.
Usage: python bench/fuzz.py [CASES]   (default 30000; the test suite runs a short version with hypothesis)
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter

from campaign.campaign_file import campaign_to_yaml, parse_campaign
from campaign.example import example_campaign
from campaign.worksheet import load_worksheets

FRAGMENTS = [
    b"&a ",
    b"*a",
    b"!!python/object/apply:os.system ['id']",
    b"!!binary aGk=",
    b"<<: *a",
    b"? ",
    b"- ",
    b": ",
    b"\x00",
    b"\xff\xfe",
    b"\xed\xa0\x80",
    b"\t",
    b"[",
    b"]",
    b"{",
    b"}",
    b"'",
    b'"',
    b"|",
    b">",
    b"%YAML 1.1\n",
    b"---\n",
    b"...\n",
    b"no",
    b"012",
    b"2026-02-30",
    b".inf",
    b"~",
    b"1e400",
    b"\xe2\x80\xae",
    b"<script>",
    b"\n" + b"  " * 50 + b"x: 1",
    b"a" * 5000,
]


def mutate(rng: random.Random, base: bytes) -> bytes:
    data = bytearray(base)
    for _ in range(rng.randint(1, 6)):
        choice = rng.random()
        position = rng.randrange(len(data) + 1)
        if choice < 0.3 and data:
            data[rng.randrange(len(data))] = rng.randrange(256)
        elif choice < 0.55:
            data[position:position] = rng.choice(FRAGMENTS)
        elif choice < 0.75 and data:
            end = min(len(data), position + rng.randint(1, 200))
            del data[position:end]
        elif choice < 0.9:
            lines = bytes(data).split(b"\n")
            rng.shuffle(lines[rng.randrange(len(lines)) :])
            data = bytearray(b"\n".join(lines))
        else:
            start = rng.randrange(len(data) + 1)
            data[position:position] = data[start : start + rng.randint(1, 400)]
    return bytes(data)


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 30_000
    pack = load_worksheets()
    base = campaign_to_yaml(example_campaign(pack)).encode()
    rng = random.Random(20261123)
    outcomes: Counter[str] = Counter()
    crashes: list[tuple[int, str]] = []
    slowest = 0.0
    started = time.perf_counter()
    for number in range(cases):
        raw = mutate(rng, base) if number % 10 else bytes(rng.randrange(256) for _ in range(rng.randint(0, 4000)))
        case_start = time.perf_counter()
        try:
            campaign, problems = parse_campaign(raw, pack, file="fuzz")
            outcomes["valid campaign" if campaign else "refused with located problems"] += 1
            if campaign is None and not problems:
                crashes.append((number, "refused without a reason"))
        except Exception as error:
            crashes.append((number, f"{type(error).__name__}: {error}"[:200]))
        slowest = max(slowest, time.perf_counter() - case_start)
    elapsed = time.perf_counter() - started
    print(f"cases: {cases:,} in {elapsed:.1f} s ({cases / elapsed:,.0f}/s); slowest case {slowest * 1000:.1f} ms")
    for outcome, count in outcomes.most_common():
        print(f"  {outcome}: {count:,}")
    print(f"exceptions or silent refusals: {len(crashes)}")
    for number, message in crashes[:10]:
        print(f"  case {number}: {message}")


if __name__ == "__main__":
    main()
