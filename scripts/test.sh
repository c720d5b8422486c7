#!/usr/bin/env bash
# test.sh: what CI runs (through .ci/run), from the repository root, as root on Debian 12.
#
#   1. scripts/setup.sh --test   the package in editable mode + tshark, OpenAFS, crxperf's deps
#   2. ruff check .
#   3. mypy                      (files and options from pyproject.toml)
#   4. sphinx -W                 only if docs/conf.py exists
#   5. pytest                    under coverage; its exit status is this script's; "no tests
#                                collected" (5) counts as a failure
#   6. coverage report           branch coverage of the sans-I/O core (trio_rxrpc/_proto);
#                                below the floor in pyproject.toml ([tool.coverage.report]
#                                fail_under) fails the run
#
# Steps 2-4 all run even if one fails, so one CI log shows every problem; the script then
# fails if any did. Set CI=true (CI does) to make missing interop peers fail instead of skip.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1

say() { echo "test: $*"; }
step() {  # step NAME COMMAND...: run one check, remember a failure
    local name=$1 start=$SECONDS status; shift
    say "== $name: $*"
    "$@"
    status=$?
    if [ $status = 0 ]; then
        say "== $name: ok ($((SECONDS - start)) s)"
    else
        say "== $name: FAILED with exit status $status ($((SECONDS - start)) s)"
        failed+=("$name")
    fi
    return $status
}

failed=()
step setup bash scripts/setup.sh --test || { say "setup failed; not running the checks"; exit 1; }
step ruff ruff check .
step mypy mypy
if [ -f docs/conf.py ]; then
    step sphinx python3 -m sphinx -W -b html docs docs/_build/html
else
    say "== sphinx: skipped (no docs/conf.py)"
fi

say "== pytest: python3 -m coverage run -m pytest $*"
start=$SECONDS
rm -f .coverage
python3 -m coverage run -m pytest "$@"
status=$?
case $status in
    0) say "== pytest: ok ($((SECONDS - start)) s)" ;;
    5) say "== pytest: FAILED: no tests were collected (exit 5)"; status=1 ;;
    *) say "== pytest: FAILED with exit status $status ($((SECONDS - start)) s)" ;;
esac
if [ $status = 0 ]; then
    step coverage python3 -m coverage report
fi

if [ ${#failed[@]} -gt 0 ]; then
    say "failed checks: ${failed[*]}"
    [ $status = 0 ] && status=1
fi
exit $status
