"""Requests per second one installation answers: the figure behind the README's scale-out.

Signs in as a person (over HTTPS; a self-signed certificate is accepted) and has
``concurrency`` clients request, in turn, the pages of a shift's start — the attendance
today page, the home page and the notification badge — for ``seconds``; prints requests per
second, the median and 95th-percentile time, and how many staff that serves if every one
of them opens those pages and checks in within ten minutes of the shift's start.

    .venv/bin/python bench/throughput.py https://localhost:8443 zhangwei onsite-demo-2026 [20] [8]
"""

import http.cookiejar
import ssl
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request

PAGES = ["/attendance/", "/", "/notifications/badge/"]
REQUESTS_PER_PERSON = 6  # log-in page, log-in, today page, check-in, home, badge


def _opener(base, username, password):
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), urllib.request.HTTPSHandler(context=context)
    )
    opener.open(f"{base}/accounts/login/").read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": password}
    ).encode()
    request = urllib.request.Request(
        f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/accounts/login/"}
    )
    opener.open(request).read()
    return opener


def main(base, username, password, seconds=20, concurrency=8):
    times, errors = [], []
    deadline = time.monotonic() + float(seconds)

    def client(number):
        opener = _opener(base, username, password)
        turn = number
        while time.monotonic() < deadline:
            started = time.monotonic()
            try:
                opener.open(base + PAGES[turn % len(PAGES)]).read()
                times.append(time.monotonic() - started)
            except Exception as error:  # noqa: BLE001 - counted and reported
                errors.append(error)
            turn += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(int(concurrency))]
    begun = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - begun
    rate = len(times) / elapsed
    p95 = statistics.quantiles(times, n=20)[-1] * 1000
    staff = int(rate * 600 / REQUESTS_PER_PERSON)
    print(
        f"throughput: {rate:.0f} requests/s with {concurrency} clients, median "
        f"{statistics.median(times) * 1000:.0f} ms, p95 {p95:.0f} ms, {len(errors)} errors; "
        f"about {staff:,} staff starting a shift within 10 minutes"
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
