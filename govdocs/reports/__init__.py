"""Stage: reports for people to read, built as document trees."""
