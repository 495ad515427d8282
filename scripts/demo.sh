#!/usr/bin/env bash
# Command one: install, migrate, load demo data and run the portal with a Celery worker
# and beat on the zero-setup default (SQLite, file-system broker). Ctrl-C stops all.
source "$(dirname "$0")/lib.sh"

HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
VAR="${ONSITE_VAR_DIR:-$ROOT/var}"
export ONSITE_VAR_DIR="$VAR"

apt_install "${RUNTIME_PACKAGES[@]}"
make_venv
pip_install requirements.txt
compile_messages
mkdir -p "$VAR/broker/queue" "$VAR/broker/processed" "$VAR/broker/control" "$VAR/private"

say "Preparing the database"
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py collectstatic --noinput -v 0
LOGINS=$("$PY" manage.py seed_demo)

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

say "Starting the Celery worker and beat"
"$ROOT/.venv/bin/celery" -A onsite worker --beat --concurrency 1 --loglevel WARNING \
  --schedule "$VAR/celerybeat-schedule" &
pids+=($!)

say "Starting the web server"
"$ROOT/.venv/bin/gunicorn" onsite.wsgi --bind "$HOST:$PORT" --workers 2 --access-logfile - \
  --log-level warning &
pids+=($!)

echo
echo "OnSite is running at http://$HOST:$PORT/  (Ctrl-C to stop)"
echo "$LOGINS"
echo
wait -n "${pids[@]}"
