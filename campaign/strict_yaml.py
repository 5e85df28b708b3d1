"""Strict, safe YAML reading: every scalar as text, no tags, anchors, aliases or duplicate keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from campaign.i18n import N_, Translator, translator
from campaign.text import clean_text

MAX_BYTES = 2_000_000
MAX_DEPTH = 40
# A full campaign holds a few thousand values; the cap keeps reading and checking any file under a second.
MAX_VALUES = 50_000

try:  # libyaml is 15-35x faster; the pure-Python parser is the fallback
    _Loader: Any = yaml.CSafeLoader
    _Dumper: Any = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader
    _Dumper = yaml.SafeDumper

Path = tuple[str | int, ...]


class YamlProblem(Exception):
    """A YAML document that cannot be read; `line` is 1-based (0 when unknown).

    `message` is the English text; `translated(t)` words it in `t`'s language (numbers with its separators).
    """

    def __init__(self, template: str, line: int = 0, **values: object) -> None:
        self.template, self.values, self.line = template, values, line
        self.message = self.translated()
        super().__init__(self.message)

    def translated(self, t: Translator | None = None) -> str:
        """Return the problem in `t`'s language (English without one)."""
        t = t or translator(None)
        values = {k: t.number(v) if isinstance(v, int) else v for k, v in self.values.items()}
        return t(self.template, **values)


@dataclass
class Document:
    """Plain data read from YAML, with the line each path starts on."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int:
        """Return the line of `path`, or of its nearest located parent (1 if none)."""
        probe = tuple(path)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return self.lines.get((), 1)


def read_yaml(raw: bytes | str, max_bytes: int = MAX_BYTES) -> Document:
    """Return the document in `raw`, or raise YamlProblem saying what is wrong and where."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > max_bytes:
        raise YamlProblem(N_("the file is {size} bytes; the limit is {limit} bytes"), size=len(raw), limit=max_bytes)
    if b"\x00" in raw:
        raise YamlProblem(N_("this is not a text file (it contains NUL bytes); upload a .yaml campaign file"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlProblem(N_("the file is not UTF-8 text; save it as UTF-8 and try again"), line) from None
    builder = _Builder()
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        detail = str(error.problem or error.context)
        raise YamlProblem(N_("this is not valid YAML ({detail})"), line, detail=detail) from None
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        raise YamlProblem(N_("this is not valid YAML ({detail})"), detail=type(error).__name__) from None
    return Document(builder.result, builder.lines)


def dump_yaml(data: Any) -> str:
    """Return `data` as readable block YAML: no aliases, keys in the given order, Unicode kept."""
    return yaml.dump(
        data,
        Dumper=_NoAliasDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )


class _NoAliasDumper(_Dumper):  # type: ignore[misc,valid-type]
    # safe_dump writes &anchors when one object appears twice; a hand-edited file must not need them
    def ignore_aliases(self, data: Any) -> bool:
        return True


class _Builder:
    """Turns parser events into plain dicts, lists and strings, refusing what a campaign never needs."""

    def __init__(self) -> None:
        self.stack: list[tuple[Any, Path, Any]] = []  # (container, path, pending key marker)
        self.result: Any = None
        self.lines: dict[Path, int] = {}
        self.documents = 0
        self.values = 0

    def feed(self, event: yaml.Event) -> None:
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            self.values += 1
            if self.values > MAX_VALUES:
                too_many = N_("the file holds more than {limit} values; no campaign needs so many")
                raise YamlProblem(too_many, line, limit=MAX_VALUES)
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(N_("aliases (*name) are not allowed; write the value out in full"), line)
        anchor = getattr(event, "anchor", None)
        if anchor:
            no_anchors = N_("anchors (&{anchor}) are not allowed; write the value out in full")
            raise YamlProblem(no_anchors, line, anchor=str(anchor))
        tag = getattr(event, "tag", None)
        if isinstance(event, yaml.ScalarEvent) and tag and not event.implicit[1] and tag != "!":
            raise YamlProblem(N_("tags such as {tag} are not allowed; remove the tag"), line, tag=str(tag))
        if isinstance(event, yaml.CollectionStartEvent) and tag and not event.implicit:
            raise YamlProblem(N_("tags such as {tag} are not allowed; remove the tag"), line, tag=str(tag))
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise YamlProblem(N_("the file holds more than one YAML document; keep only one"), line)
        elif isinstance(event, yaml.ScalarEvent):
            self._add(clean_text(event.value), line)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(self.stack) >= MAX_DEPTH:
                raise YamlProblem(N_("the data is nested more than {limit} levels deep"), line, limit=MAX_DEPTH)
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            path = self._add(container, line)
            self.stack.append((container, path, _NO_KEY))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()

    def _add(self, value: Any, line: int) -> Path:
        if not self.stack:
            self.result = value
            self.lines[()] = line
            return ()
        container, path, key = self.stack[-1]
        if isinstance(container, list):
            child = (*path, len(container))
            container.append(value)
        elif key is _NO_KEY:
            if not isinstance(value, str):
                raise YamlProblem(N_("a key must be plain text, not a list or mapping"), line)
            if value in container:
                raise YamlProblem(N_("the key '{key}' appears twice here; keep only one"), line, key=value)
            self.stack[-1] = (container, path, value)
            return path
        else:
            child = (*path, key)
            container[key] = value
            self.stack[-1] = (container, path, _NO_KEY)
        self.lines[child] = line
        return child


_NO_KEY = object()
