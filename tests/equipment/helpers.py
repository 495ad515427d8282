"""Small helpers of the equipment tests."""

from datetime import datetime
from zoneinfo import ZoneInfo

from equipment import services
from equipment.choices import Outcome

TZ = ZoneInfo("Asia/Shanghai")


def at(day, hour=10, minute=0):
    """An aware time on ``day`` in the portal's time zone."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def lines_for(inspection, overrides=None):
    """Every check of the inspection passed, except ``{(device pk, check): {...}}``."""
    overrides = overrides or {}
    lines = []
    for device, check in services.expected_lines(inspection.plan):
        extra = dict(overrides.get((device.pk, check), {}))
        outcome = extra.pop("outcome", Outcome.PASS)
        lines.append(services.Line(device, check, outcome, **extra))
    return lines
