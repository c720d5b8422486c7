#!/usr/bin/env bash
# setup.sh [--test]
#
# Prepare a machine (Debian 12, as root) to develop and test trio-rxrpc.
#
#   (always)  python3 -m pip install -e '.[test,docs]' from the repository root (in
#             setuptools' "compat" editable mode, so that mypy sees the package), then
#             scripts/compile_core.py, which compiles the sans-I/O core with mypyc in place
#             (or says why it cannot, and the pure-Python core runs)
#   --test    also the bench extra (matplotlib, which draws the benchmarks' plot; a test
#             draws it), and apt-get install the real peers the interop tests drive:
#               tshark                                  capture decoding
#               openafs-{client,dbserver,fileserver,krb5}
#                                                       the throwaway cell started by
#                                                       interop/openafs/cell-up.sh
#               libopenafs-dev gcc make libhcrypto5-heimdal libroken19-heimdal
#                                                       building interop/crxperf
#               qemu-system-x86 libc6-dev linux-libc-dev
#                                                       the Linux kernel guest of
#                                                       interop/linux (it downloads its
#                                                       kernel and busybox itself)
#               flex bison bc libelf-dev libssl-dev dwarves kmod xz-utils
#                                                       rebuilding the kernel's rxrpc.ko
#                                                       (with rxgk) and rxperf.ko for
#                                                       that guest
#
# Safe to run again: packages already installed are not touched, and apt-get is not run at all
# when nothing is missing. Everything it does is printed, prefixed with "setup:".
set -euo pipefail

say() { echo "setup: $*"; }
die() { echo "setup: error: $*" >&2; exit 1; }

WANT_TEST=0
for arg in "$@"; do
    case $arg in
        --test) WANT_TEST=1 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) die "unknown option $arg (usage: setup.sh [--test])" ;;
    esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# ------------------------------------------------------------------- system packages
TEST_PKGS=(
    tshark
    openafs-client openafs-dbserver openafs-fileserver openafs-krb5
    libopenafs-dev gcc make libhcrypto5-heimdal libroken19-heimdal
    qemu-system-x86 libc6-dev linux-libc-dev
    flex bison bc libelf-dev libssl-dev dwarves kmod xz-utils
)

installed() {  # installed PKG: dpkg knows PKG as fully installed
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

install_test_packages() {
    [ "$(id -u)" = 0 ] || die "--test needs root (apt-get install)"
    command -v apt-get >/dev/null || die "--test needs apt-get (Debian/Ubuntu)"

    local missing=() pkg
    for pkg in "${TEST_PKGS[@]}"; do
        installed "$pkg" || missing+=("$pkg")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        say "test packages already installed: ${TEST_PKGS[*]}"
        return 0
    fi

    export DEBIAN_FRONTEND=noninteractive
    # tshark asks whether non-root users may capture; answer no, without a prompt.
    say "preseeding debconf: wireshark-common/install-setuid=false"
    echo 'wireshark-common wireshark-common/install-setuid boolean false' | debconf-set-selections

    # The OpenAFS packages would start a system bosserver (port 7007) and a client service;
    # the interop cell needs those ports. A refusing policy-rc.d stops invoke-rc.d from
    # starting anything, and is removed again if this script put it there.
    local policy=/usr/sbin/policy-rc.d
    if [ ! -e "$policy" ]; then
        say "adding a temporary $policy so the packages start no services"
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod 755 "$policy"
        trap 'rm -f /usr/sbin/policy-rc.d; echo "setup: removed temporary /usr/sbin/policy-rc.d"' EXIT
    fi

    say "apt-get update"
    apt-get update -q
    say "apt-get install ${missing[*]}"
    local start=$SECONDS
    apt-get install -y -q --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        "${missing[@]}" </dev/null
    say "apt-get install took $((SECONDS - start)) s"

    for pkg in "${missing[@]}"; do
        installed "$pkg" || die "package $pkg is still not installed"
    done
}

# ---------------------------------------------------------------- the package itself
if ! python3 -m pip --version >/dev/null 2>&1; then
    # A stock Debian python3 comes without pip.
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null \
        || die "python3 has no pip; install python3-pip (needs root)"
    say "python3 has no pip: apt-get install python3-pip"
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-pip
fi
PIP_FLAGS=(-q --root-user-action=ignore)
if [ -z "${VIRTUAL_ENV:-}" ] && python3 -c \
        'import sys, sysconfig, os; sys.exit(not os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")))'; then
    # Debian's own python3 refuses pip outside a virtual environment (PEP 668).  This script
    # prepares a throwaway development or CI machine, so install into it anyway.
    say "python3 is externally managed: installing with --break-system-packages"
    PIP_FLAGS+=(--break-system-packages)
fi
# editable_mode=compat installs a plain .pth path entry rather than an import hook: type
# checkers (mypy, pyright) only see editable packages through path entries, so a user's
# project type-checks against this checkout.
EXTRAS=test,docs
if [ $WANT_TEST = 1 ]; then
    EXTRAS=test,docs,bench
fi
say "python3 -m pip install -e '.[$EXTRAS]' (editable_mode=compat) in $ROOT"
python3 -m pip install "${PIP_FLAGS[@]}" -e ".[$EXTRAS]" --config-settings editable_mode=compat

if [ $WANT_TEST = 1 ]; then
    install_test_packages
    for tool in tshark rxdebug pts vos gcc make qemu-system-x86_64; do
        command -v "$tool" >/dev/null || die "$tool is not on PATH after installing"
    done
    say "test tools: $(command -v tshark rxdebug pts vos gcc make qemu-system-x86_64 | tr '\n' ' ')"
fi
# The compiled core (mypyc): the same code, faster.  Where it cannot be built (no C compiler,
# no Python headers) the script says why and the pure-Python core runs.
say "python3 scripts/compile_core.py"
python3 scripts/compile_core.py || say "the compiled core was not built; the pure-Python core runs"

say "done"
