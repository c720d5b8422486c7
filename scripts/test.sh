#!/usr/bin/env bash
# test.sh: what CI runs (through .ci/run), from the repository root, as root on Debian 12.
#
#   1. scripts/setup.sh --test   the package in editable mode + tshark, OpenAFS, crxperf's deps
#   2. ruff check .
#   3. mypy                      (files and options from pyproject.toml)
#   4. sphinx -W                 only if docs/conf.py exists
#   5. pytest, pure core         pytest under coverage (scripts/compile_core.py --clean ran
#                                right after setup, so steps 2-5 see the Python source);
#                                "no tests collected" (5) counts as a failure
#   6. coverage report           branch coverage of the sans-I/O core (trio_rxrpc/_proto);
#                                below the floor in pyproject.toml ([tool.coverage.report]
#                                fail_under) fails the run
#   7. pytest, compiled core     scripts/compile_core.py builds the core with mypyc, then the
#                                same pytest again (without coverage, which cannot see
#                                compiled code); with CI set, a build that cannot be made
#                                fails the run, otherwise this pass is skipped with the reason
#
# Each pytest pass sets TRIO_RXRPC_EXPECT_CORE, which a test checks against the core that
# actually runs.  The checkout is left with the compiled core built (as scripts/setup.sh
# leaves it).
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
# The static checks and the first pytest pass see the Python source only.
python3 scripts/compile_core.py --clean
step ruff ruff check .
step mypy mypy
if [ -f docs/conf.py ]; then
    step sphinx python3 -m sphinx -W -b html docs docs/_build/html
else
    say "== sphinx: skipped (no docs/conf.py)"
fi

pytest_pass() {  # pytest_pass NAME COMMAND...: one pytest run; its status in $status
    local name=$1 start=$SECONDS; shift
    say "== $name: $*"
    "$@"
    status=$?
    case $status in
        0) say "== $name: ok ($((SECONDS - start)) s)" ;;
        5) say "== $name: FAILED: no tests were collected (exit 5)"; status=1 ;;
        *) say "== $name: FAILED with exit status $status ($((SECONDS - start)) s)" ;;
    esac
    [ $status = 0 ] || failed+=("$name")
}

rm -f .coverage
TRIO_RXRPC_EXPECT_CORE=pure pytest_pass "pytest (pure core)" \
    python3 -m coverage run -m pytest "$@"
if [ $status = 0 ]; then
    step coverage python3 -m coverage report
fi

require=()
[ "${CI:-}" = true ] && require=(--require)
if step compile python3 scripts/compile_core.py "${require[@]}"; then
    if python3 -c 'import sys, trio_rxrpc._proto as p; sys.exit(not p.COMPILED)'; then
        TRIO_RXRPC_EXPECT_CORE=compiled pytest_pass "pytest (compiled core)" \
            python3 -m pytest "$@"
    else
        say "== pytest (compiled core): SKIPPED: the compiled core could not be built here" \
            "(see the compile step); only the pure core was tested"
    fi
fi

if [ ${#failed[@]} -gt 0 ]; then
    say "failed checks: ${failed[*]}"
    exit 1
fi
say "all checks passed"
exit 0
