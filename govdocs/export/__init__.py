"""Stage: export derived state to other tools' formats (iCalendar, CSV)."""
