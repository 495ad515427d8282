"""A PDF worker process: reads HTML parts from stdin, answers their PDF bytes on stdout.

Started by ``attendance.pdf.parallel`` (``python -m attendance.pdf.worker`` in the project
folder); each frame is a status byte, a 4-byte length and the payload. It renders with the
core's ``onsite.pdf.html_to_pdf`` (the static-only fetcher), and stops at the end of stdin.
"""

import os
import sys
import traceback


def main():
    sys.stdout = sys.stderr
    # Settings only (no ``django.setup()``: starting every app would cost seconds); the
    # parts fetch nothing, and the fetcher refuses anything but the project's static files.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onsite.settings")
    from attendance.pdf.parallel import FAILED, OK, receive, send
    from onsite.pdf import html_to_pdf

    source = sys.stdin.buffer
    # The frames own the real stdout; anything printed while rendering goes to stderr.
    answer = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    while True:
        status, payload = receive(source)
        if status is None:
            return
        try:
            pdf = html_to_pdf(payload.decode())
        except Exception:  # noqa: BLE001 - reported to the parent, which raises it
            send(answer, FAILED, traceback.format_exc().encode())
            continue
        send(answer, OK, pdf)


if __name__ == "__main__":
    main()
