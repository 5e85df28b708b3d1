"""Print how long `python -m campaign validate` takes on files at the size cap (target: under a second)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from campaign.campaign_file import campaign_to_data
from campaign.example import example_campaign
from campaign.strict_yaml import MAX_BYTES, dump_yaml
from campaign.worksheet import load_worksheets

ROOT = Path(__file__).resolve().parent.parent


def big_valid_campaign() -> bytes:
    """Return a valid campaign just under the size cap: the example with every long answer padded."""
    pack = load_worksheets()
    data = campaign_to_data(example_campaign(pack))
    for sheet in pack.worksheets:
        answers = data["answers"].get(sheet.id, {})
        for field in sheet.fields:
            if field.type == "long_text" and field.id in answers:
                answers[field.id] += " ñ" * ((field.max_length - len(answers[field.id])) // 2)
            if field.type == "table" and answers.get(field.id):
                rows = answers[field.id]
                long_columns = [c for c in field.columns if c.type == "long_text"]
                while len(rows) < field.max_rows:
                    copy = {**rows[len(rows) % 2], "id": f"copy-{len(rows)}"}
                    for column in long_columns:
                        copy[column.id] = "ñ " * (column.max_length // 2 - 1)
                    rows.append(copy)
                    if len(dump_yaml(data).encode()) > MAX_BYTES * 0.9:
                        rows.pop()
                        return dump_yaml(data).encode()
    return dump_yaml(data).encode()


def cases() -> dict[str, bytes]:
    nested = b"a: " + b"[" * 30 + b"1" + b"]" * 30 + b"\n"
    return {
        "example campaign": dump_yaml(campaign_to_data(example_campaign(load_worksheets()))).encode(),
        "padded valid campaign": big_valid_campaign(),
        "junk at the cap": (bytes(range(1, 256)) * (MAX_BYTES // 255))[:MAX_BYTES],
        "one long line at the cap": b"a: " + b"x" * (MAX_BYTES - 4) + b"\n",
        "many keys at the cap": b"".join(b"k%07d: v\n" % n for n in range(MAX_BYTES // 12 - 10)),
        "nested lists": nested * (MAX_BYTES // len(nested)),
    }


def main() -> None:
    print(f"{'file':<28}{'bytes':>12}{'median s':>10}{'max s':>8}  exit")
    with tempfile.TemporaryDirectory() as folder:
        for name, content in cases().items():
            path = Path(folder) / "campaign.yaml"
            path.write_bytes(content)
            times, code = [], 0
            for _ in range(5):
                started = time.perf_counter()
                code = subprocess.run(
                    [sys.executable, "-m", "campaign", "validate", str(path)], cwd=ROOT, capture_output=True
                ).returncode
                times.append(time.perf_counter() - started)
            print(f"{name:<28}{len(content):>12,}{statistics.median(times):>10.3f}{max(times):>8.3f}  {code}")
    print("(each figure includes starting Python and loading the worksheets)")


if __name__ == "__main__":
    main()
