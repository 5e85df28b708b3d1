"""Strict, safe YAML reading: every scalar as text, no tags, anchors, aliases or duplicate keys."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from campaign.i18n import N_, Translator, translator
from campaign.text import clean_text

# One size rule (docs/storage.md): uploads and saves are held to MAX_BYTES and MAX_VALUES, measured on the bytes
# that are written; a stored file is read up to the larger STORED_* caps, so the reader never refuses what its
# writer stored, and a campaign that grew over the limit (before the rule) still opens and can be trimmed.
MAX_BYTES = 2_000_000
STORED_MAX_BYTES = 4 * MAX_BYTES
MAX_DEPTH = 40
# A full campaign holds a few thousand values; the cap keeps reading and checking any file under a second.
MAX_VALUES = 50_000
STORED_MAX_VALUES = 4 * MAX_VALUES

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
    keys: dict[Path, int] = field(default_factory=dict)  # the line of the key of each value two levels down at most

    def line_of(self, path: Path) -> int:
        """Return the line of `path`, or of its nearest located parent (1 if none)."""
        probe = tuple(path)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return self.lines.get((), 1)


def read_yaml(raw: bytes | str, max_bytes: int = MAX_BYTES, max_values: int = MAX_VALUES) -> Document:
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
    # blanks at line ends are invisible and editors add or trim them: YAML drops them at the folds of quoted and
    # plain text anyway, and the writer never ends a line of a `|` block with one (such a text is quoted)
    if " \n" in text or "\t\n" in text or " \r" in text or "\t\r" in text or text.endswith((" ", "\t")):
        text = _BLANKS_AT_LINE_END.sub("", text)  # the test first: the pattern tries every blank of the text
    builder = _Builder(max_values)
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
    return Document(builder.result, builder.lines, builder.keys)


def dump_yaml(data: Any) -> str:
    """Return `data` as readable block YAML: no aliases, keys in the given order, Unicode kept.

    The text is `yaml.dump(data, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False,
    default_flow_style=False, width=100)`, byte for byte (tests/campaign/test_strict_yaml.py): the nodes of
    plain data are built here, without the representer's per-value dispatch, then emitted as PyYAML does.
    """
    import io  # not at the module's top: ruff's import-cost rule (TID253)

    stream = io.StringIO()
    dumper = _NoAliasDumper(stream, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
    try:
        dumper.open()
        dumper.serialize(_node(data, dumper))
        dumper.close()
    finally:
        dumper.dispose()
    return stream.getvalue()


_TAG = "tag:yaml.org,2002:"


def _node(value: Any, dumper: Any) -> yaml.Node:
    """Return the node PyYAML's representer (with `_text` for strings) makes of `value`."""
    kind = type(value)
    if kind is str:
        return yaml.ScalarNode(_TAG + "str", value, style="|" if "\n" in value else None)
    if kind is dict:
        pairs = [(_node(key, dumper), _node(item, dumper)) for key, item in value.items()]
        return yaml.MappingNode(_TAG + "map", pairs, flow_style=False)
    if kind is list:
        return yaml.SequenceNode(_TAG + "seq", [_node(item, dumper) for item in value], flow_style=False)
    if kind is int:
        return yaml.ScalarNode(_TAG + "int", str(value))
    return dumper.represent_data(value)  # anything else (a float, a bool, None) as PyYAML represents it


def count_values(data: Any) -> int:
    """Return how many values `read_yaml` counts in the YAML of `data` (every key, scalar, list and mapping)."""
    if isinstance(data, dict):
        return 1 + sum(1 + count_values(value) for value in data.values())
    if isinstance(data, list):
        return 1 + sum(count_values(item) for item in data)
    return 1


class _NoAliasDumper(_Dumper):
    # safe_dump writes &anchors when one object appears twice; a hand-edited file must not need them
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _text(dumper: Any, value: str) -> yaml.ScalarNode:
    # multi-line answers as `|` blocks: a quoted scalar spends a `\n` escape, a folded line and its indent on
    # every line break (~11 bytes), so a valid upload could grow past the read limit when stored. The emitter
    # still quotes a text a block cannot hold exactly (trailing spaces before a break, control characters).
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_NoAliasDumper.add_representer(str, _text)


class _Builder:
    """Turns parser events into plain dicts, lists and strings, refusing what a campaign never needs."""

    def __init__(self, max_values: int = MAX_VALUES) -> None:
        self.max_values = max_values
        self.stack: list[tuple[Any, Path, Any]] = []  # (container, path, pending key marker)
        self.result: Any = None
        self.lines: dict[Path, int] = {}
        self.keys: dict[Path, int] = {}
        self.documents = 0
        self.values = 0

    def feed(self, event: yaml.Event) -> None:
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            self.values += 1
            if self.values > self.max_values:
                too_many = N_("the file holds more than {limit} values; no campaign needs so many")
                raise YamlProblem(too_many, line, limit=self.max_values)
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
            if len(path) < 2:  # the file's keys and its worksheets' (campaign/file_sections.py checks them)
                self.keys[(*path, value)] = line
            return path
        else:
            child = (*path, key)
            container[key] = value
            self.stack[-1] = (container, path, _NO_KEY)
        self.lines[child] = line
        return child


_NO_KEY = object()
_BLANKS_AT_LINE_END = re.compile(r"[ \t]+(?=\r?\n|\Z)")
