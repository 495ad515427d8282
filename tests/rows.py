"""A row made in Python compared with the row template it replaced: the HTML with each run of
whitespace made one space and the space between tags left out (neither shows in a page)."""

import re


def tight(html):
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()
