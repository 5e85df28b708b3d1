"""The campaign file's YAML is PyYAML's own output, byte for byte, though its nodes are built without the
representer (campaign/strict_yaml.py `dump_yaml`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from campaign.campaign_file import campaign_to_data
from campaign.example import example_campaign
from campaign.strict_yaml import _NoAliasDumper, dump_yaml
from campaign.worksheet import load_worksheets


def _pyyaml(data: Any) -> str:
    options = {"allow_unicode": True, "sort_keys": False, "default_flow_style": False, "width": 100}
    return yaml.dump(data, Dumper=_NoAliasDumper, **options)


scalars = st.one_of(
    st.text(),
    st.sampled_from(["", " ", "yes", "No", "null", "~", "0x1F", "1e3", "- a", "a: b", "#", "x\n", "a \nb", "\t"]),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
)
plain = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4))


@settings(max_examples=400, deadline=None)
@given(plain)
def test_dump_yaml_writes_what_pyyaml_writes(data: Any) -> None:
    assert dump_yaml(data) == _pyyaml(data)


def test_the_example_campaign_is_written_as_pyyaml_writes_it() -> None:
    data = campaign_to_data(example_campaign(load_worksheets()))
    assert dump_yaml(data) == _pyyaml(data)
