"""When daily- and weekly-mode chats get their combined message: a local time in a time zone,
the service's by default, each chat's own when it has set one (/mode, /timezone)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from state import chat_settings
from state.models import Chat, Delivery

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_WEEKDAY = 0  # weekly mode without a day: Mondays


@dataclass(frozen=True)
class DailySchedule:
    """`at` local time in `timezone`, every day (DST handled by zoneinfo); with `weekday`,
    once a week on that day (0 = Monday)."""

    at: time
    timezone: ZoneInfo
    weekday: int | None = None

    @classmethod
    def parse(cls, daily_time: str, timezone: str, weekday: int | None = None) -> DailySchedule:
        """From the config's "08:00" and "Europe/London"."""
        return cls(parse_time(daily_time), ZoneInfo(timezone), weekday)

    def last_boundary(self, now: datetime) -> tuple[datetime, date]:
        """The latest boundary at or before `now` (UTC) and the local day it belongs to."""
        local = now.astimezone(self.timezone)
        day = local.date()
        at = datetime.combine(day, self.at, tzinfo=self.timezone)
        if at > local:
            day -= timedelta(days=1)
        if self.weekday is not None:
            day -= timedelta(days=(day.weekday() - self.weekday) % 7)
        at = datetime.combine(day, self.at, tzinfo=self.timezone)
        return at.astimezone(UTC), day

    def next_boundary(self, now: datetime) -> datetime:
        _last, day = self.last_boundary(now)
        step = 7 if self.weekday is not None else 1
        nxt = datetime.combine(day + timedelta(days=step), self.at, tzinfo=self.timezone)
        return nxt.astimezone(UTC)

    def for_chat(self, chat: Chat) -> DailySchedule:
        """This schedule with the chat's own time, zone and (weekly) day where it set them."""
        at = parse_time(chat.deliver_at) if chat.deliver_at else self.at
        zone = zone_or_none(chat.timezone) or self.timezone
        weekday = None
        if chat.mode == "weekly":
            weekday = chat.weekday if chat.weekday is not None else DEFAULT_WEEKDAY
        return DailySchedule(at, zone, weekday)


def parse_time(text: str) -> time:
    """ "08:00" -> time(8, 0); ValueError for anything else."""
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise ValueError(f"{text!r} is not a time like 08:00")
    return time(int(hours), int(minutes))


def zone_or_none(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def fold_due(session: Session, default: DailySchedule, now: datetime) -> list[Delivery]:
    """Fold each daily/weekly chat's held digests at its own last boundary."""

    def boundary_of(chat: Chat) -> tuple[datetime, date]:
        return default.for_chat(chat).last_boundary(now)

    return chat_settings.fold_scheduled(session, boundary_of, now=now)
