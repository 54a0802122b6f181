"""Sessions (Kurstermine) skipping public holidays, attendance and the completion rule."""

from __future__ import annotations

from ._schedule import (
    AttendanceCount,
    CompletionRule,
    attendance_count,
    attendance_rate,
    custom_sessions,
    is_complete,
    public_holidays,
    weekly_sessions,
)

__all__ = [
    "AttendanceCount",
    "CompletionRule",
    "attendance_count",
    "attendance_rate",
    "custom_sessions",
    "is_complete",
    "public_holidays",
    "weekly_sessions",
]
