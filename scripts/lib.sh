# Shared install steps for scripts/demo.sh and scripts/test.sh (sourced, not run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"

say() { printf '\033[1;34m==> %s\033[0m\n' "$*"; }

# Debian packages: install only what is missing (needs root and apt-get).
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    say "Please install these Debian packages (as root): ${missing[*]}"
    return 0
  fi
  say "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# WeasyPrint's libraries and a CJK font for PDFs; gettext to compile translations.
RUNTIME_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk gettext)

make_venv() {
  if [ ! -x "$PY" ]; then
    say "Creating .venv"
    if ! python3 -m venv .venv 2>/dev/null; then
      apt_install python3-venv
      rm -rf .venv
      python3 -m venv .venv
    fi
  fi
}

# pip install, skipped when the requirement files did not change since the last install.
pip_install() {
  local file="$1" stamp
  stamp=".venv/.installed-$(cat requirements*.txt | sha256sum | cut -c1-16)-$(basename "$file")"
  if [ ! -f "$stamp" ]; then
    say "Installing Python packages from $file"
    "$PY" -m pip install -q --disable-pip-version-check -r "$file"
    touch "$stamp"
  fi
}

compile_messages() {
  if command -v msgfmt >/dev/null; then
    "$PY" manage.py compilemessages --ignore ".venv/*" --ignore "var/*" >/dev/null
  fi
}
