"""Was this answer useful? Votes kept without anything personal, and the report for editors."""
