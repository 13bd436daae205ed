#!/usr/bin/env bash
# Runs the web client's end-to-end tests against the packaged jar (target/quarkus-app), in headless Debian
# Chromium. Installs what is missing: Chromium and the Korean and emoji fonts (Debian packages, as root), and
# playwright-core (npm ci). Called by Maven in the integration-test phase.
set -euo pipefail
cd "$(dirname "$0")"
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi nanum || need+=(fonts-nanum)
fc-list 2>/dev/null | grep -qi "noto color emoji" || need+=(fonts-noto-color-emoji)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "e2e: missing ${need[*]}; install them (Debian: apt-get install ${need[*]}) and run again" >&2
    exit 1
  fi
  echo "e2e: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund
exec node --test --test-concurrency=1 tests/
