#!/usr/bin/env bash
# Command two: install what the tests need and run lint, checks and the whole suite.
# Extra arguments go to pytest (e.g. scripts/test.sh tests/onsite -x).
source "$(dirname "$0")/lib.sh"

apt_install "${RUNTIME_PACKAGES[@]}" poppler-utils chromium redis-server
make_venv
pip_install requirements-dev.txt
compile_messages

say "Lint"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
say "Django checks"
mkdir -p "${ONSITE_VAR_DIR:-var}"  # the default SQLite file's folder (a fresh clone has none)
"$PY" manage.py check
"$PY" manage.py makemigrations --check --dry-run >/dev/null

say "Tests (${DATABASE_URL:-SQLite}${REDIS_URL:+, Redis})"
.venv/bin/pytest "$@"
