"""Uploaded files: a size limit and the type read from the content, never from the name or
the browser's header.

``check(uploaded, kinds=..., max_bytes=...)`` raises ``WorkflowError`` (a message for the
form) when the file is too large or its first bytes are not one of ``kinds``. Stored files
live in ``onsite.storage.PrivateStorage`` (no public URL) and are served by views that check
scope and checksum, as ``Content-Disposition: attachment`` with ``nosniff`` (a test walks
every download view of every app).

Kinds are named by what a person would call them. HTML, SVG, XML, scripts and programs are
never accepted: a browser or a desktop could run them.
"""

import zipfile

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onsite.workflow import WorkflowError

_HEAD = 4096

# (kind, test on the first bytes)
_SIGNATURES = [
    ("pdf", lambda h: h.startswith(b"%PDF")),
    ("png", lambda h: h.startswith(b"\x89PNG\r\n\x1a\n")),
    ("jpeg", lambda h: h.startswith(b"\xff\xd8\xff")),
    ("gif", lambda h: h[:6] in (b"GIF87a", b"GIF89a")),
    ("webp", lambda h: h[:4] == b"RIFF" and h[8:12] == b"WEBP"),
    ("tiff", lambda h: h[:4] in (b"II*\x00", b"MM\x00*")),
    ("zip", lambda h: h.startswith(b"PK\x03\x04")),
    ("ole", lambda h: h.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")),
    ("gzip", lambda h: h.startswith(b"\x1f\x8b")),
    ("7z", lambda h: h.startswith(b"7z\xbc\xaf\x27\x1c")),
    ("mp4", lambda h: h[4:8] == b"ftyp"),
    ("wav", lambda h: h[:4] == b"RIFF" and h[8:12] == b"WAVE"),
    ("avi", lambda h: h[:4] == b"RIFF" and h[8:12] == b"AVI "),
    ("matroska", lambda h: h.startswith(b"\x1a\x45\xdf\xa3")),
    ("asf", lambda h: h.startswith(b"\x30\x26\xb2\x75\x8e\x66\xcf\x11")),
    ("mpeg", lambda h: h.startswith((b"\x00\x00\x01\xba", b"\x00\x00\x01\xb3"))),
    ("mpeg-ts", lambda h: len(h) > 376 and h[0] == h[188] == h[376] == 0x47),
    ("mp3", lambda h: h.startswith(b"ID3") or (len(h) > 1 and h[0] == 0xFF and h[1] >= 0xE0)),
    ("flac", lambda h: h.startswith(b"fLaC")),
    ("ogg", lambda h: h.startswith(b"OggS")),
]
# Text that a browser or a desktop would run, whatever the file is called.
_ACTIVE_TEXT = (b"<!doctype html", b"<html", b"<script", b"<svg", b"<?xml", b"#!", b"<head")
_PROGRAMS = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")

IMAGES = frozenset({"png", "jpeg", "gif", "webp", "tiff"})
SCANS = frozenset({"pdf"}) | IMAGES
DOCUMENTS = SCANS | {"office", "text"}
MEDIA = frozenset({"mp4", "wav", "avi", "matroska", "asf", "mpeg", "mpeg-ts", "mp3", "flac"})
ARCHIVES = frozenset({"zip", "gzip", "7z"})
RECORDINGS = MEDIA | {"ogg"} | DOCUMENTS
BACKUPS = DOCUMENTS | ARCHIVES | {"data"}  # configuration backups: any inert content

_LABELS = {
    "pdf": "PDF",
    "office": gettext_lazy("Office documents"),
    "text": gettext_lazy("plain text"),
    "data": gettext_lazy("binary data"),
}


def _office_or_zip(fileobj):
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "zip"
    return "office" if "[Content_Types].xml" in names else "zip"


def _is_text(head):
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError as error:
            if error.start >= len(head) - 4:  # a character cut at the end of the sample
                return True
            continue
        return True
    return False


def sniff(fileobj):
    """The kind of a file from its first bytes (``"active"`` for what could run)."""
    fileobj.seek(0)
    head = fileobj.read(_HEAD)
    fileobj.seek(0)
    if head.startswith(_PROGRAMS):
        return "active"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(_ACTIVE_TEXT) or b"<script" in lowered or b"<html" in lowered:
        return "active"
    for kind, matches in _SIGNATURES:
        if matches(head):
            if kind == "zip":
                kind = _office_or_zip(fileobj)
                fileobj.seek(0)
            if kind == "ole":
                kind = "office"
            return kind
    return "text" if _is_text(head) else "data"


def _describe(kinds):
    names = sorted({str(_LABELS.get(kind, kind.upper())) for kind in kinds - {"data"}})
    return "、".join(names)


def check(uploaded, *, kinds, max_bytes):
    """Refuse ``uploaded`` unless it is at most ``max_bytes`` and its content is one of
    ``kinds``; returns the kind."""
    if uploaded.size > max_bytes:
        raise WorkflowError(
            _("The file is larger than %(size)s.") % {"size": filesizeformat(max_bytes)}
        )
    kind = sniff(uploaded)
    allowed = set(kinds)
    if kind == "active" or (kind not in allowed and "data" not in allowed):
        raise WorkflowError(
            _("This file's content is not an accepted kind (%(kinds)s).")
            % {"kinds": _describe(allowed)}
        )
    return kind
