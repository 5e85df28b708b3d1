"""Times as the person reads them: in their browser's time zone (st.context), not the server's or UTC."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from campaign import Translator

__all__ = ["browser_zone", "clock_time", "local", "local_stamp", "zone_label"]


def browser_zone() -> dt.tzinfo | None:
    """Return the browser's time zone: its IANA name when the server knows it, else its offset, else None."""
    try:
        name, offset = st.context.timezone, st.context.timezone_offset
    except Exception:  # outside a Streamlit run (a script, a test of a helper): no browser to ask
        logging.getLogger(__name__).debug("no browser time zone", exc_info=True)
        return None
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass  # a name this server's tz database lacks: the offset still gives the right clock today
    if offset is not None:
        return dt.timezone(-dt.timedelta(minutes=offset))  # JavaScript's offset is minutes *behind* UTC
    return None


def local(moment: dt.datetime, zone: dt.tzinfo | None = None) -> dt.datetime:
    """Return `moment` in `zone` (the browser's by default); a naive moment is taken as the server's local time.

    Without a known browser zone the server's own local time is kept, as before.
    """
    zone = zone if zone is not None else browser_zone()
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def clock_time(moment: dt.datetime, zone: dt.tzinfo | None = None, *, seconds: bool = True) -> str:
    """Return a 24-hour clock time ("14:02:11"), which reads the same in every language, in the person's zone."""
    return f"{local(moment, zone):%H:%M:%S}" if seconds else f"{local(moment, zone):%H:%M}"


def zone_label(moment: dt.datetime, zone: dt.tzinfo | None = None) -> str:
    """Return the zone `local(moment)` is in as an offset from UTC: "UTC", "UTC+05:45", "UTC-03:00"."""
    offset = local(moment, zone).utcoffset() or dt.timedelta(0)
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes > 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def local_stamp(stamp: str, t: Translator, zone: dt.tzinfo | None = None) -> str:
    """Return an ISO time stamp as a date in `t`'s language, a 24-hour time and the zone, in the person's zone:
    "23 Nov 2026 14:59 UTC+05:45" (a stamp without a zone is taken as UTC, as the store writes them)."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    shown = local(moment, zone)
    return f"{t.date(shown.date(), 'medium')} {shown:%H:%M} {zone_label(moment, zone)}"
