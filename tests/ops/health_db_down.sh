#!/usr/bin/env bash
# tests/ops/health_db_down.sh — /health and /health/ready tell the truth about the database.
#
# Starts a private PostgreSQL cluster (own port and directory, via scripts/pg), seeds it, starts
# `luodi serve` on it, then stops PostgreSQL: /health must answer 503 with "database":"down",
# /health/ready 503 (reason database_down) and a login 503 database_unavailable (not 500);
# starts PostgreSQL again: 200 for both and logins work. Cleans up after itself.
#
# Prints one "ok N - ..." / "not ok N - ..." line per check and, at the end, "# pass N" and
# "# fail N" (the lines scripts/test counts). Exit status 0 only if every check passed.
#
#   LUODI_OPS_PORT     HTTP port of the server under test   (default 18090)
#   LUODI_OPS_PG_PORT  port of the private PostgreSQL       (default 55490)
#   LUODI_BIN          the server binary                    (default build/luodi)
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
PORT=${LUODI_OPS_PORT:-18090}
PG_PORT=${LUODI_OPS_PG_PORT:-55490}
BIN=${LUODI_BIN:-build/luodi}
BASE="http://127.0.0.1:$PORT/api/v1"

[[ -x $BIN ]] || { echo "not ok 1 - $BIN is missing (build first)"; echo "# pass 0"; echo "# fail 1"; exit 1; }

WORK=$(mktemp -d /tmp/luodi-ops-health.XXXXXX)
chmod 755 "$WORK"  # the postgres user must reach its data directory inside
export LUODI_PG_PORT=$PG_PORT LUODI_PG_DIR=$WORK/pg
SERVER_PID=
PASS=0
FAIL=0
N=0

cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  scripts/pg stop >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

check() {  # description command...
  local what=$1
  shift
  N=$((N + 1))
  if "$@"; then
    PASS=$((PASS + 1))
    echo "ok $N - $what"
  else
    FAIL=$((FAIL + 1))
    echo "not ok $N - $what"
  fi
}

# GET/POST → sets STATUS and BODY. Every call has a hard time limit: a hanging answer fails.
STATUS=
BODY=
http() {  # method path [json]
  local out
  if [[ $# -ge 3 ]]; then
    out=$(curl -s -m 10 -o - -w '\n%{http_code}' -X "$1" -H 'Content-Type: application/json' --data "$3" "$BASE$2")
  else
    out=$(curl -s -m 10 -o - -w '\n%{http_code}' -X "$1" "$BASE$2")
  fi
  STATUS=${out##*$'\n'}
  BODY=${out%$'\n'*}
}

answers() {  # status substring... — the last response had this status and every substring
  [[ $STATUS == "$1" ]] || { echo "#   HTTP $STATUS $BODY" >&2; return 1; }
  shift
  for s in "$@"; do [[ $BODY == *"$s"* ]] || { echo "#   missing $s in: $BODY" >&2; return 1; }; done
}

# Polls GET path until its status is `want` (about `tries` × 0.25 s); the probe is cached for 1 s.
eventually() {  # path want tries
  for _ in $(seq 1 "$3"); do
    http GET "$1"
    [[ $STATUS == "$2" ]] && return 0
    sleep 0.25
  done
  return 1
}

login() { http POST /auth/login '{"login":"hr","password":"demo1234"}'; }

echo "# private PostgreSQL on port $PG_PORT in $WORK/pg"
scripts/pg start >/dev/null || { echo "not ok 1 - PostgreSQL would not start"; echo "# pass 0"; echo "# fail 1"; exit 1; }
URL=$(scripts/pg url luodi_ops)
"$BIN" seed --demo --db "$URL" >"$WORK/seed.log" 2>&1 || { cat "$WORK/seed.log"; echo "# pass 0"; echo "# fail 1"; exit 1; }
"$BIN" serve --db "$URL" --port "$PORT" --data-dir "$WORK/data" --web-dir web/dist >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

check "the server comes up" eventually /health 200 80
http GET /health
check "/health: 200, database postgresql" answers 200 '"status":"ok"' '"database":"postgresql"'
http GET /health/ready
check "/health/ready: 200, no pending migration" answers 200 '"status":"ready"' '"pending_migrations":0'
login
check "login works while the database is up" answers 200 '"token"'

scripts/pg stop
check "/health turns 503 once PostgreSQL is down" eventually /health 503 40
http GET /health
check "/health: 503 with database down" answers 503 '"status":"unavailable"' '"database":"down"'
http GET /health/ready
check "/health/ready: 503, reason database_down" answers 503 '"status":"not_ready"' '"reason":"database_down"'
login
check "login: 503 database_unavailable, not 500" answers 503 '"code":"database_unavailable"'
# Many polls while down: each answers at once from the cached probe (curl's 10 s limit would fail a hang).
ok=1
for _ in $(seq 1 20); do http GET /health; [[ $STATUS == 503 ]] || ok=0; done
check "twenty more polls while down all answer 503" test $ok -eq 1

scripts/pg start >/dev/null
check "/health returns to 200 once PostgreSQL is back" eventually /health 200 60
http GET /health
check "/health: 200, database postgresql again" answers 200 '"database":"postgresql"'
check "/health/ready: 200 again" eventually /health/ready 200 20
for _ in 1 2 3 4 5; do login; [[ $STATUS == 200 ]] && break; sleep 0.2; done
check "login works again" answers 200 '"token"'

echo "# pass $PASS"
echo "# fail $FAIL"
[[ $FAIL -eq 0 ]]
