#!/usr/bin/env bash
# The README's operations sections, run as written on fresh clones (CI runs this once, beside the suite):
#   1. an installation of an earlier release (the data layout before DATA_DIR/db), with a roster in it;
#   2. the upgrade steps: backup, stop, install (`npm ci --omit=dev`), migrate --status, migrate, start,
#      check /readyz; the records are all there;
#   3. the production install itself: nothing only development needs is installed, `npm start` serves,
#      and the CLI works beside it (backup while running).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap '{ [ -n "${pid:-}" ] && kill -TERM -- "-$pid" 2>/dev/null; } || true; rm -rf "$work"' EXIT
export DATA_DIR="$work/data" PORT=$((44000 + RANDOM % 1000)) SCHEDULER=off LOG_LEVEL=warn
unset DATABASE_URL REDIS_URL DATABASE_SCHEMA
# The last release before this layout and the operations commands (see git log).
EARLIER=${EARLIER:-128d616}

step() { echo "install-test: $*"; }
wait_ready() { # polls until /readyz answers 200, for at most 90 s
  for _ in $(seq 1 180); do
    curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && return 0
    kill -0 "$1" 2>/dev/null || { echo "server exited"; return 1; }
    sleep 0.5
  done
  return 1
}
# npm start in a process group of its own: SIGTERM goes to the server itself, as systemd sends it, not
# only to npm (which would leave the server running on the port).
start() { setsid npm start >>"$work/server.log" 2>&1 & pid=$!; }
stop() { kill -TERM -- "-$pid"; wait "$pid" || true; }

git clone -q "$root" "$work/duikou"
cd "$work/duikou"
if git cat-file -e "$EARLIER^{commit}" 2>/dev/null; then
  step "an earlier release ($EARLIER) with a roster"
  git checkout -q "$EARLIER"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  npm run -s cli -- import test/fixtures/seed-rosters/yubei-2021-postings.csv --program 渝北2021 >/dev/null
  start; wait_ready "$pid"
  step "upgrade: stop, install, migrate, start"
  stop
  git checkout -q -
  rm -rf node_modules build
  upgraded=1
else
  step "no earlier release in this clone: fresh install only"
fi

step "npm ci --omit=dev"
npm ci --omit=dev --no-audit --no-fund --loglevel=error >/dev/null
for dev in tsx vitest nock playwright-core autocannon; do
  [ ! -e "node_modules/$dev" ] || { echo "$dev installed by npm ci --omit=dev"; exit 1; }
done
npm run -s cli -- migrate --status
npm run -s cli -- migrate
start; wait_ready "$pid"
curl -fsS "http://127.0.0.1:$PORT/readyz"; echo
curl -sI "http://127.0.0.1:$PORT/" >"$work/root.txt"
grep -qi '^location: /console/' "$work/root.txt"
trap 'cat "$work/server.log"' ERR

step "beside the running server: the records, a backup, a programme"
if [ -n "${upgraded:-}" ]; then
  npm run -s cli -- export roster --format csv --out "$work/roster.csv"
  grep -q 周玉 "$work/roster.csv"
fi
npm run -s cli -- programme apply templates/programmes/yubei-2021.json
npm run -s cli -- backup "$work/live.backup"
stop

step "the backup restores into an empty folder and serves"
DATA_DIR="$work/restored" npm run -s cli -- restore "$work/live.backup"
DATA_DIR="$work/restored" npm run -s cli -- programme show 渝北2021 >/dev/null
step "passed"
