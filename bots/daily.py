"""When daily-mode chats get their combined message: a local time in a time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class DailySchedule:
    """`at` local time in `timezone`, every day (DST handled by zoneinfo)."""

    at: time
    timezone: ZoneInfo

    @classmethod
    def parse(cls, daily_time: str, timezone: str) -> DailySchedule:
        """From the config's "08:00" and "Europe/London"."""
        hours, minutes = (int(x) for x in daily_time.split(":"))
        return cls(time(hours, minutes), ZoneInfo(timezone))

    def last_boundary(self, now: datetime) -> tuple[datetime, date]:
        """The latest daily time at or before `now` (UTC) and the local day it belongs to."""
        local = now.astimezone(self.timezone)
        day = local.date()
        at = datetime.combine(day, self.at, tzinfo=self.timezone)
        if at > local:
            day -= timedelta(days=1)
            at = datetime.combine(day, self.at, tzinfo=self.timezone)
        return at.astimezone(UTC), day

    def next_boundary(self, now: datetime) -> datetime:
        last, day = self.last_boundary(now)
        nxt = datetime.combine(day + timedelta(days=1), self.at, tzinfo=self.timezone)
        return nxt.astimezone(UTC)
