#!/usr/bin/env bash
# Checks systemd/driftwatch.service and systemd/driftwatch.toml.example against a built binary:
#  - `systemd-analyze verify` on a copy whose ExecStart points at the binary. verify exits 0 even on
#    unknown keys or a missing executable, so ANY output on stderr fails the check.
#  - `systemd-analyze security --offline=true --threshold=35`: exposure at most 3.5 (tenths).
#  - `driftwatch check --config systemd/driftwatch.toml.example`.
# Usage: systemd/verify-unit.sh [BINARY]   (default: .build/debug/driftwatch). Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

binary="$(realpath "${1:-.build/debug/driftwatch}")"
if [ ! -x "$binary" ]; then
    echo "verify-unit: no executable at $binary; build first (swift build)" >&2
    exit 1
fi
if ! command -v systemd-analyze >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq systemd
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
unit="$work/driftwatch.service"
sed "s#^ExecStart=/usr/local/bin/driftwatch #ExecStart=$binary #" systemd/driftwatch.service >"$unit"
if ! grep -q "^ExecStart=$binary run " "$unit"; then
    echo "verify-unit: ExecStart in systemd/driftwatch.service is not /usr/local/bin/driftwatch run …" >&2
    exit 1
fi

status=0
systemd-analyze verify "$unit" 2>"$work/verify.err" || status=$?
if [ "$status" -ne 0 ] || [ -s "$work/verify.err" ]; then
    echo "verify-unit: systemd-analyze verify failed (exit $status):" >&2
    cat "$work/verify.err" >&2
    exit 1
fi
echo "verify-unit: systemd-analyze verify: clean"

status=0
systemd-analyze security --offline=true --threshold=35 "$unit" >"$work/security.out" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
    echo "verify-unit: systemd-analyze security above the 3.5 threshold (exit $status):" >&2
    cat "$work/security.out" >&2
    exit 1
fi
echo "verify-unit: $(grep 'Overall exposure level' "$work/security.out")"

"$binary" check --config systemd/driftwatch.toml.example
