#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 for the tests (`make test` calls this).
#
# - A server already answering: nothing is done.
# - Otherwise (Debian): install the `postgresql` package if no cluster exists, allow passwordless
#   connections from the loopback address only (a test server: `trust` for 127.0.0.1 and ::1),
#   start the newest cluster with pg_ctlcluster and wait until it answers.
#
# The tests then connect as postgres@127.0.0.1 and create and drop their own databases
# (borderwatch_test_<random>).  Override the address with PGHOST / PGPORT.
set -euo pipefail

HOST="${PGHOST:-127.0.0.1}"
PORT="${PGPORT:-5432}"

answers() {
    if command -v pg_isready >/dev/null 2>&1; then
        pg_isready -q -h "$HOST" -p "$PORT"
    else
        (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
    fi
}

if answers; then
    echo "postgres: a server answers on $HOST:$PORT"
    exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "postgres: no server on $HOST:$PORT and not root; start one (trust auth on" \
            "127.0.0.1) or set PGHOST/PGPORT" >&2
        exit 1
    fi
fi

if ! ls -d /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "postgres: installing the Debian postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y -qq postgresql >/dev/null ||
        { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq postgresql >/dev/null; }
fi

VERSION="$(ls /etc/postgresql | sort -V | tail -n 1)"
HBA="/etc/postgresql/$VERSION/main/pg_hba.conf"
if ! $SUDO grep -q "borderwatch-test" "$HBA"; then
    echo "postgres: allowing passwordless connections from the loopback address ($HBA)"
    $SUDO sed -i '1i host all all 127.0.0.1/32 trust  # borderwatch-test\nhost all all ::1/128 trust  # borderwatch-test' "$HBA"
fi

echo "postgres: starting cluster $VERSION/main"
$SUDO pg_ctlcluster "$VERSION" main start || true  # "already running" is fine; we wait below
for _ in $(seq 1 60); do
    if answers; then
        echo "postgres: a server answers on $HOST:$PORT"
        exit 0
    fi
    sleep 0.5
done
echo "postgres: cluster $VERSION/main did not answer on $HOST:$PORT;" \
    "see /var/log/postgresql/postgresql-$VERSION-main.log" >&2
exit 1
