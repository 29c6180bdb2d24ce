#!/usr/bin/env bash
# Crash hunt: `pacific-ctl cluster create --dry-run` again and again against
# a simulator that fails 20 % of requests and drops 20 % of connections.
# Any answer is fine (a refusal, a timeout); a crash (exit 128+ or a
# sanitizer report) is not. Prints the tally; exits 1 on any crash.
# Usage: bench/faults-create.sh BUILD-DIR [RUNS]   (200 by default; the rates
# from PACIFIC_ERROR_RATE and PACIFIC_DROP_RATE, 0.2 each by default)
# Needs no keyring: the password comes from --password-stdin.
set -uo pipefail
# libproxy throws under AddressSanitizer; the simulator is on loopback
export GIO_USE_PROXY_RESOLVER=dummy
top=$(cd "$(dirname "$0")/.." && pwd)
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:fast_unwind_on_malloc=0}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$top/build-aux/lsan.supp:print_suppressions=0}"
build=${1:?usage: bench/faults-create.sh BUILD-DIR [RUNS]}
runs=${2:-200}
work=$(mktemp -d)
trap 'kill "$sim_pid" 2>/dev/null; rm -rf "$work"' EXIT
"$build/src/sim/pacific-sim" --port 0 --ready-file "$work/ready.json" --ca-file "$work/ca.pem" \
  --error-rate "/=${PACIFIC_ERROR_RATE:-0.2}" --drop-rate "/=${PACIFIC_DROP_RATE:-0.2}" >"$work/sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 200); do [ -s "$work/ready.json" ] && break; sleep 0.1; done
url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["supervisor_url"])' "$work/ready.json")
declare -A tally
crashes=0
for i in $(seq "$runs"); do
  printf 'DevOps!23\n' | HOME="$work/home" XDG_CONFIG_HOME="$work/config" \
    "$build/src/cli/pacific-ctl" cluster create --server "$url" --user devops@vsphere.local \
    --ca-file "$work/ca.pem" --password-stdin -n dev --name "fault-$i" --dry-run \
    >"$work/out" 2>"$work/err"
  status=$?
  tally[$status]=$(( ${tally[$status]:-0} + 1 ))
  if [ "$status" -ge 128 ] || grep -q -e 'ERROR: AddressSanitizer' -e 'ERROR: LeakSanitizer' -e 'runtime error' "$work/err"; then
    crashes=$((crashes + 1))
    echo "run $i: exit $status"; sed 's/^/    /' "$work/err" | head -40
  fi
done
printf "faults-create: %d runs, errors %s, drops %s:" "$runs" "${PACIFIC_ERROR_RATE:-0.2}" "${PACIFIC_DROP_RATE:-0.2}"
for status in $(printf '%s\n' "${!tally[@]}" | sort -n); do printf ' exit %s ×%d' "$status" "${tally[$status]}"; done
printf '; %d crashes\n' "$crashes"
[ "$crashes" -eq 0 ]
