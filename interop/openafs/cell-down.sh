#!/usr/bin/env bash
# cell-down.sh DIR
#
# Stop the test cell that cell-up.sh DIR started and put back the system files it replaced.
# Only the processes named in DIR/run/*.pid are signalled, and each only if it still runs the
# server binary of that name. Safe to run again, or on a directory with nothing running.
# Logs and databases stay in DIR for a look afterwards.
set -uo pipefail

log() { echo "cell-down: $*"; }
[ $# = 1 ] || { echo "usage: cell-down.sh DIR" >&2; exit 2; }
if [ ! -e "$1/.trio-rxrpc-cell" ]; then
    log "nothing to do: $1 is not a cell directory"
    exit 0
fi
DIR=$(cd "$1" && pwd)
RUN=$DIR/run

server_pid() {  # server_pid NAME: the pid in DIR/run/NAME.pid, if that process is NAME
    local pid
    pid=$(cat "$RUN/$1.pid" 2>/dev/null) || return 1
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    { tr '\0' '\n' <"/proc/$pid/cmdline"; } 2>/dev/null | head -n 1 | grep -q "/$1\$" || return 1
    echo "$pid"
}
alive() {  # a zombie counts as gone: init may reap our detached servers a little late
    local state
    state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
    [ -n "$state" ] && [ "$state" != Z ]
}

# Clients of the databases first, the databases last. The fileserver's orderly shutdown is
# SIGQUIT; the others stop on SIGTERM.
for name in bosserver volserver fileserver vlserver ptserver; do
    if pid=$(server_pid $name); then
        signal=TERM
        [ $name = fileserver ] && signal=QUIT
        kill -$signal "$pid" 2>/dev/null
        for _ in $(seq 100); do
            alive "$pid" || break
            sleep 0.1
        done
        if alive "$pid"; then
            kill -KILL "$pid" 2>/dev/null
            log "$name (pid $pid) ignored SIG$signal for 10 s: killed"
        else
            log "stopped $name (pid $pid)"
        fi
    fi
    rm -f "$RUN/$name.pid"
done
rm -f "$RUN/cell.env"

# Put each saved file back, and remove the ones that did not exist before.
LIST=$DIR/saved/list
if [ -f "$LIST" ]; then
    while read -r how path; do
        if [ "$path" = /vicepa ]; then
            # Never touch a /vicepa that is not our symlink.
            if [ -e /vicepa ] && [ ! -L /vicepa ]; then
                continue
            fi
            if [ -L /vicepa ] && [ "$(readlink /vicepa)" != "$DIR/vicepa" ] && [ "$how" = new ]; then
                continue
            fi
        fi
        rm -f "$path"
        if [ "$how" = kept ]; then
            cp -a "$DIR/saved$path" "$path"
        fi
    done <"$LIST"
    rm -rf "$DIR/saved"
    log "system files restored"
fi
exit 0
