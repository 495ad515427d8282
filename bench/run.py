"""The benchmark: issue 13's targets at 1/10 and at full scale, in one table.

For each scale (50 and 500 staff) it builds a throw-away database (``migrate`` and
``manage.py seed_scale``), then, each step in a child process (``bench/measure.py``):

- every daily page of every app (``<app>/scale.py: pages``) as the person who opens it:
  median, p95, queries, bytes, and p95 ÷ that of a page rendering only ``base.html`` for the
  same person, measured alternating in the same process (CPU time by default);
- check-in: CPU time per check-in POST against a minimal signed-in POST, alternating, as
  a share of the minimal POST's throughput (and its queries);
- every app's background export (``<app>/scale.py: exports``): build time and the child's
  peak memory (``os.wait4``'s ``ru_maxrss``);
- every reminder kind's scan: time, queries, reminders sent;
- the load test: a real gunicorn on loopback (``--no-control-socket``), locust with 20 users
  for 60 s checking in and out and opening the queue, then the check-ins counted in the
  database: errors, lost, doubled.

With both scales built, each daily page is then requested at 1/10 and at full scale in
turn (two children kept open, ``ROUNDS`` rounds of ``PER_ROUND`` requests each): full ÷
tenth measured in the same minutes, so a change of the machine's speed between the two
scales' runs (measured here: the base page 3.4 → 9.1 ms) does not count as growth.

It prints ONE table (figure | target | at 1/10 | at full | full ÷ tenth) and writes it with
every measurement as JSON (``--json``). The databases are SQLite files in temporary folders
(deleted after), or, if ``DATABASE_URL`` is set, that PostgreSQL database, which must be
EMPTY and THROW-AWAY: it holds the full scale, and a database ``<its name>_tenth`` created
beside it (and dropped after) the tenth. If that one cannot be created (no CREATEDB, or it
exists already: it is never touched then), both scales take turns in the given database
(its schema dropped between them) and the pages are not measured in turn.

Exit status: 1 if a step crashed, an export failed, or the load test saw an error, a lost
or a doubled check-in; a missed speed target is reported, not fatal (CI runs this as a
smoke test).

    .venv/bin/python bench/run.py [--scale both|tenth|full] [--repetitions 100]
        [--load-seconds 60] [--load-users 20] [--clock cpu|wall] [--json bench.json]
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from statistics import median
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SCALES = {"tenth": 50, "full": 500}
CHECKIN_PEOPLE = 25  # staff who each check in once (alternating with a minimal POST)
ROUNDS, PER_ROUND = 6, 10  # the pages measured in turn at both scales
sys.path.insert(0, str(ROOT))

from bench import table  # noqa: E402


class Failed(Exception):
    """A step crashed: the benchmark ends with status 1."""


def _env(var_dir):
    env = {
        **os.environ,
        "ONSITE_VAR_DIR": str(var_dir),
        "DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": "onsite.settings",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)  # local-memory cache and a file broker in the temp folder
    env.pop("ONSITE_REQUIRE_OTP", None)
    return env


def _child(args, env, what):
    """Run a child to the end; its stdout's last line as JSON (a crash raises Failed)."""
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise Failed(f"{what} failed:\n{done.stderr[-3000:]}{done.stdout[-1000:]}")
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}


def _measure(step, scale, *rest):
    return [
        PYTHON,
        str(ROOT / "bench" / "measure.py"),
        step,
        str(scale.staff),
        scale.end,
        *map(str, rest),
    ]


class Scale:
    def __init__(self, name, staff, end, database_url):
        self.name, self.staff, self.end = name, staff, end
        self.var_dir = Path(tempfile.mkdtemp(prefix=f"onsite-bench-{name}-"))
        for folder in ("queue", "processed", "control"):  # the file broker's, as a worker has
            (self.var_dir / "broker" / folder).mkdir(parents=True)
        self.env = _env(self.var_dir)
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.result = {"staff": staff}


def _manage(scale, *args):
    return [PYTHON, str(ROOT / "manage.py"), *args]


def build(scale):
    started = time.perf_counter()
    _child(_manage(scale, "migrate", "-v0"), scale.env, "migrate")
    seeded = subprocess.run(
        _manage(
            scale,
            "seed_scale",
            "--staff",
            str(scale.staff),
            *(["--end", scale.end] if scale.end else []),
        ),
        env=scale.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if seeded.returncode:
        raise Failed(f"seed_scale failed:\n{seeded.stderr[-3000:]}")
    scale.result["build_s"] = time.perf_counter() - started
    scale.result["seed_log"] = seeded.stdout
    print(seeded.stdout.rstrip(), flush=True)
    print(f"  migrated and seeded in {scale.result['build_s']:.0f} s", flush=True)


def exports(scale):
    """Each export in its own child: time from the child, peak memory from ``wait4``."""
    names = _child(_measure("export-count", scale), scale.env, "export list")["exports"]
    rows = []
    for index, name in enumerate(names):
        out = scale.var_dir / f"export-{index}.json"
        with out.open("w") as stdout:
            child = subprocess.Popen(
                _measure("export", scale, index), env=scale.env, cwd=ROOT, stdout=stdout
            )
            _pid, status, usage = os.wait4(child.pid, 0)
        if os.waitstatus_to_exitcode(status):
            raise Failed(f"export {name} crashed")
        row = json.loads(out.read_text().strip().splitlines()[-1])
        row["peak_mb"] = usage.ru_maxrss / 1024  # KiB on Linux
        if row["state"] != "done":
            raise Failed(f"export {name} ended {row['state']}: {row['error']}")
        rows.append(row)
        print(f"  export {name}: {row['seconds']:.1f} s, {row['peak_mb']:.0f} MB", flush=True)
    return rows


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise Failed("gunicorn exited before answering")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    else:
        raise Failed("gunicorn did not answer")
    for _ in range(4):  # warm each worker (templates, translations) before the clock starts
        urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=30).read()


def load(scale, users, seconds):
    """Locust against a real gunicorn; then the check-ins counted in the database."""
    ready = _child(_measure("load-prepare", scale, users), scale.env, "load preparation")
    _child(_manage(scale, "collectstatic", "--noinput", "-v0"), scale.env, "collectstatic")
    port = _free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "onsite.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--preload", "--no-control-socket", "--log-level", "warning"],
        env=scale.env, cwd=ROOT,
    )  # fmt: skip
    results = scale.var_dir / "locust.json"
    env = {
        **scale.env,
        "BENCH_USERS": ",".join(ready["usernames"]),
        "BENCH_SESSIONS": ",".join(ready["sessions"]),
        "BENCH_SESSION_COOKIE": ready["cookie"],
        "BENCH_SUPERVISORS": str(min(10, scale.staff)),
        "BENCH_RESULTS": str(results),
    }
    try:
        _wait_for(port, server)
        started = time.perf_counter()
        swarm = subprocess.run(
            [PYTHON, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
             "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--only-summary",
             "--loglevel", "WARNING", "-H", f"http://127.0.0.1:{port}"],
            env=env, cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(30)
    if not results.exists():
        raise Failed(f"locust wrote no results:\n{swarm.stderr[-3000:]}")
    told = json.loads(results.read_text())
    checked = _child(_measure("load-verify", scale, results), scale.env, "load verification")
    if not checked["checked_in"]:
        raise Failed(f"the load test checked nobody in:\n{swarm.stderr[-3000:]}")
    total = sum(r["requests"] for r in told["requests"].values())
    check_in = told["requests"].get("check in", {})
    row = {
        **checked,
        "errors": told["failures"],
        "requests": total,
        "requests_per_s": total / elapsed,
        "check_in_p95_ms": check_in.get("p95_ms"),
        "by_request": told["requests"],
        "users": users,
        "seconds": seconds,
    }
    print(
        f"  load: {total} requests in {elapsed:.0f} s, {row['errors']} errors, "
        f"{row['lost']} lost, {row['doubled']} doubled, {row['checked_in']} checked in",
        flush=True,
    )
    return row


def run_scale(scale, args):
    print(f"== {scale.name}: {scale.staff} staff", flush=True)
    build(scale)
    if "pages" not in args.skip:
        started = time.perf_counter()
        pages = _measure("pages", scale, args.repetitions, args.clock)
        scale.result.update(_child(pages, scale.env, "pages"))
        took = time.perf_counter() - started
        print(f"  {len(scale.result['pages'])} pages measured in {took:.0f} s", flush=True)
    if "checkin" not in args.skip:
        people = min(CHECKIN_PEOPLE, scale.staff // 2)
        found = _child(_measure("checkin", scale, people, args.clock), scale.env, "check-in")
        scale.result["checkin"] = found
        print(
            f"  check-in: {found['check_in_median_ms']:.1f} ms, minimal POST "
            f"{found['minimal_median_ms']:.1f} ms: {found['share']:.0%}",
            flush=True,
        )
    if "exports" not in args.skip:
        scale.result["exports"] = exports(scale)
    if "reminders" not in args.skip:
        found = _child(_measure("reminders", scale), scale.env, "reminders")
        scale.result["reminders"] = found["reminders"]
    if args.load_seconds > 0 and "load" not in args.skip:
        scale.result["load"] = load(scale, min(args.load_users, scale.staff), args.load_seconds)
    return scale.result


def in_turn(scales, clock):
    """Each daily page requested at both scales in turn: ``ROUNDS`` rounds of ``PER_ROUND``
    requests at 1/10, then at full scale. Returns {"pages": [{page, role, tenth_median_ms,
    full_median_ms}], ...}."""
    children = [
        subprocess.Popen(
            _measure("serve", scale, clock),
            env=scale.env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for scale in scales
    ]

    def answer(child):
        line = child.stdout.readline()
        if not line:
            raise Failed("a page-serving child ended early")
        return json.loads(line)

    try:
        listed = [[tuple(p) for p in answer(child)["pages"]] for child in children]
        common = [page for page in listed[0] if page in set(listed[1])]
        rows = []
        for label, role in common:
            times = [[], []]
            for _ in range(ROUNDS):
                for child, found in zip(children, times, strict=True):
                    child.stdin.write(json.dumps([label, role, PER_ROUND]) + "\n")
                    child.stdin.flush()
                    found.extend(answer(child)["times"])
            rows.append(
                {
                    "page": label,
                    "role": role,
                    "tenth_median_ms": median(times[0]),
                    "full_median_ms": median(times[1]),
                }
            )
    finally:
        for child in children:
            child.stdin.close()
            child.wait(60)
    return {"pages": rows, "rounds": ROUNDS, "per_round": PER_ROUND, "clock": clock}


_ADMIN = Path(tempfile.gettempdir()) / "onsite-bench-admin"


def _admin(database_url):
    """The environment of a child that only talks to ``database_url`` (its own data folder:
    a temporary one, not the project's)."""
    _ADMIN.mkdir(exist_ok=True)
    return {**_env(_ADMIN), "DATABASE_URL": database_url}


def _sibling(database_url):
    """(URL of a database ``<name>_tenth`` created beside the given one, for the tenth
    scale) or None if it cannot be created; never an existing database."""
    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        return None
    sibling = f"{name}_tenth"
    try:
        _postgres(_admin(database_url), f'CREATE DATABASE "{sibling}"')
    except Failed:
        return None
    return urlunsplit(parts._replace(path=f"/{sibling}"))


def _drop(database_url, sibling_url):
    name = urlsplit(sibling_url).path.lstrip("/")
    try:
        _postgres(_admin(database_url), f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except Failed as error:
        print(f"could not drop the database {name}: {error}", file=sys.stderr)


def _database_url():
    """The throw-away PostgreSQL database, or "" for a SQLite file; refuses anything else."""
    url = os.environ.get("DATABASE_URL", "")
    if url and not url.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must name an empty throw-away PostgreSQL database (or be unset).")
    return url


def _postgres(env, sql):
    """Run ``sql`` on the database of ``env``; returns the first column of the rows."""
    code = (
        "import django, json; django.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        f"    c.execute({sql!r})\n"
        "    print(json.dumps({'rows': [r[0] for r in c.fetchall()] if c.description else []}))\n"
    )
    return _child([PYTHON, "-c", code], env, "PostgreSQL")["rows"]


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=["both", "tenth", "full"], default="both")
    parser.add_argument("--repetitions", type=int, default=100, help="Requests per page (100).")
    parser.add_argument("--load-seconds", type=int, default=60, help="0: no load test (60).")
    parser.add_argument("--load-users", type=int, default=20)
    parser.add_argument("--clock", choices=["cpu", "wall"], default="cpu")
    parser.add_argument("--end", default="", help="Last day of data (today, local).")
    parser.add_argument("--json", type=Path, help="Write the table and measurements here.")
    parser.add_argument(
        "--skip",
        nargs="*",
        default=[],
        choices=["pages", "checkin", "exports", "reminders", "load"],
        help="Parts not to run.",
    )
    return parser.parse_args()


def main():
    args = _arguments()
    database_url = _database_url()
    names = ["tenth", "full"] if args.scale == "both" else [args.scale]
    results, failure, scales = {}, None, []
    started = time.perf_counter()
    urls = dict.fromkeys(names, database_url)
    if database_url:
        tables = _postgres(
            _admin(database_url), "SELECT tablename FROM pg_tables WHERE schemaname='public'"
        )
        if tables:
            sys.exit("DATABASE_URL names a database with tables: give an empty throw-away one.")
        if len(names) == 2:
            urls["tenth"] = _sibling(database_url) or database_url
    apart = urls.get("tenth") != urls.get("full") or not database_url  # both kept till the end
    try:
        for name in names:
            scale = Scale(name, SCALES[name], args.end, urls[name])
            scales.append(scale)
            if database_url and _postgres(
                scale.env, "SELECT tablename FROM pg_tables WHERE schemaname='public'"
            ):
                _postgres(scale.env, "DROP SCHEMA public CASCADE; CREATE SCHEMA public")
            results[name] = run_scale(scale, args)
        if len(scales) == 2 and apart and "pages" not in args.skip:
            took = time.perf_counter()
            results["in_turn"] = in_turn(scales, args.clock)
            print(f"== pages at both scales in turn: {time.perf_counter() - took:.0f} s")
    except Failed as error:
        failure = str(error)
    finally:
        for scale in scales:
            shutil.rmtree(scale.var_dir, ignore_errors=True)
        if database_url and urls.get("tenth", database_url) != database_url:
            _drop(database_url, urls["tenth"])
        shutil.rmtree(_ADMIN, ignore_errors=True)
    rows = table.figures(results)
    engine = "PostgreSQL" if database_url else "SQLite"
    print()
    print(
        f"{engine}, {os.cpu_count()} CPUs, {args.clock} time, {args.repetitions} requests per "
        f"page; data up to {args.end or 'today'}; {time.perf_counter() - started:.0f} s in all"
    )
    print(table.render(rows))
    if args.json:
        document = {"engine": engine, "arguments": vars(args), "rows": rows, "results": results}
        args.json.write_text(json.dumps(document, indent=1, default=str, ensure_ascii=False))
    broken = [
        f"load at {name}: {r['load']['errors']} errors, {r['load']['lost']} lost, "
        f"{r['load']['doubled']} doubled"
        for name, r in results.items()
        if "load" in r and (r["load"]["errors"] or r["load"]["lost"] or r["load"]["doubled"])
    ]
    if failure or broken:
        print("\nFAILED: " + "; ".join(filter(None, [failure, *broken])), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
