"""Hostile and surprising YAML is read safely, strictly, and with located, human messages."""

import time

import pytest

from campaign.strict_yaml import MAX_BYTES, MAX_DEPTH, YamlProblem, dump_yaml, read_yaml

BILLION_LAUGHS = b"""
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]
"""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (BILLION_LAUGHS, "anchors"),
        (b"a: &x 1\nb: *x\n", "anchors"),
        (b"a: !!python/object/apply:os.system ['echo hi']\n", "tags"),
        (b"a: !custom 1\n", "tags"),
        (b"a: !!str 1\n", "tags"),
        (b"a: 1\na: 2\n", "appears twice"),
        (b"a: [" * (MAX_DEPTH + 5) + b"]" * (MAX_DEPTH + 5), "nested"),
        (b"\x00\x01\x02binary", "not a text file"),
        (b"a: caf\xe9\n", "not UTF-8"),
        (b"a: 1\n---\nb: 2\n", "more than one"),
        (b"a: [1, 2\n", "not valid YAML"),
        (b"? [a, b]\n: 1\n", "key must be plain text"),
        (b"x" * (MAX_BYTES + 1), "limit"),
    ],
)
def test_hostile_yaml_is_refused_with_a_message(raw: bytes, expected: str) -> None:
    started = time.perf_counter()
    with pytest.raises(YamlProblem) as caught:
        read_yaml(raw)
    assert expected in caught.value.message
    assert time.perf_counter() - started < 5  # refused at once, never expanded


def test_yaml_11_surprises_stay_text() -> None:
    document = read_yaml(b"answer: no\ncode: 012\nversion: 1.10\nday: 2026-11-23\nflag: on\nnull_ish: ~\nempty:\n")
    assert document.data == {
        "answer": "no",
        "code": "012",
        "version": "1.10",
        "day": "2026-11-23",
        "flag": "on",
        "null_ish": "~",
        "empty": "",
    }


def test_lines_are_recorded_for_every_path() -> None:
    document = read_yaml(b"top:\n  list:\n    - a\n    - b: 1\n      c: 2\n")
    assert document.line_of(("top", "list", 1, "c")) == 5
    assert document.line_of(("top", "list", 0)) == 3
    assert document.line_of(("top", "missing", "deeper")) == 2  # nearest located parent


def test_text_is_cleaned_at_the_boundary() -> None:
    document = read_yaml(b'a: "bell\\a esc\\e nul\\0 e\\u0301"\n')
    assert document.data == {"a": "bell esc nul é"}


def test_dump_never_writes_aliases_and_keeps_unicode() -> None:
    shared = ["x", "y"]
    text = dump_yaml({"one": shared, "two": shared, "name": "ምሳሌ مثال 例子"})
    assert "&" not in text and "*" not in text
    assert "ምሳሌ مثال 例子" in text
    assert read_yaml(text).data == {"one": ["x", "y"], "two": ["x", "y"], "name": "ምሳሌ مثال 例子"}
