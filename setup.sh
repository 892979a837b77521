#!/usr/bin/env bash
# Set up govdocs on a fresh Debian 12 machine: system packages, a virtual
# environment in .venv with pinned versions, and the package itself.
#   ./setup.sh          what govdocs needs to run
#   ./setup.sh --test   also what the tests need: LibreOffice, Chromium,
#                       poppler, and the test tools (pytest, ruff, mypy, ...)
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")"

lists=setup/apt-packages.txt
extras=""
case "${1:-}" in
    "") ;;
    --test) lists="$lists setup/apt-packages-test.txt"; extras="[test]" ;;
    *) echo "usage: ./setup.sh [--test]" >&2; exit 2 ;;
esac

want=$(cat $lists | sed -e 's/#.*//' | xargs)
missing=""
for p in $want; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    echo "setup: installing Debian packages:$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
# constraints.txt pins everything that shapes the output (WeasyPrint, pydyf,
# fontTools, python-docx, ...) so every machine renders the same bytes.
.venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -e ".$extras"
echo "setup: ready ($(.venv/bin/govdocs --version))"
