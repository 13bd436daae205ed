#!/usr/bin/env bash
# Checks terraform/ offline: npm @cdktf/hcl2json parses every .tf, node's test runner checks it.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules/@cdktf/hcl2json ] || npm ci --no-audit --no-fund
exec node --test terraform.test.mjs
