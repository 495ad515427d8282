"""People's names as they are written: 张伟 (family name first), or "Wei Zhang"."""

import re

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def display_name(user):
    """Full name in the person's own order; the user name if no name is set."""
    if user is None:
        return ""
    first, last = (user.first_name or "").strip(), (user.last_name or "").strip()
    if _CJK.search(first + last):
        return f"{last}{first}"
    return f"{first} {last}".strip() or user.get_username()
