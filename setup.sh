#!/usr/bin/env bash
# Set up govdocs on a fresh Debian 12 machine: system packages, a virtual
# environment in .venv with pinned versions, and the package itself.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")"

want=$(sed -e 's/#.*//' setup/apt-packages.txt | xargs)
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
.venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[test]'
echo "setup: ready ($(.venv/bin/govdocs --version))"
