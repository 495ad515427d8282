"""Models of the attendance app (venues and people live in the core, `onsite.models`)."""
