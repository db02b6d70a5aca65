#!/usr/bin/env bash
# Install Debian's headless-capable Chromium for the browser tests (tests/web), when it is missing.
# The browser tests drive /usr/bin/chromium through Playwright; they never download a browser of their own.
# Needs root (CI runs as root on a fresh Debian machine). Does nothing when chromium is already there.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present) at /usr/bin/chromium"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "chromium.sh: /usr/bin/chromium is missing and installing it needs root" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# fonts-dejavu-core gives the pages (and their screenshots) readable glyphs on a bare machine
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "chromium: $(/usr/bin/chromium --version) installed at /usr/bin/chromium"
