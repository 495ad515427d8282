"""Models of the meetingroom app (venues and people live in the core, `onsite.models`)."""
