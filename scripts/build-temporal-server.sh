#!/usr/bin/env bash
# Builds the Temporal server and its SQL tool (temporal-sql-tool) from the Go module proxy for
# `npm run cluster` (Temporal on PostgreSQL without Docker). Prints the folder holding
# `temporal-server` and `temporal-sql-tool` on stdout. Cached under $CARE_REVIEWS_CACHE; rebuilt
# only when TEMPORAL_SERVER_VERSION changes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/toolchain-env.sh"

dir="$TEMPORAL_SERVER_DIR"
done_() { [ -x "$dir/temporal-server" ] && [ -x "$dir/temporal-sql-tool" ]; }
if done_; then echo "$dir"; exit 0; fi

need go "Install Go 1.26 or newer (https://go.dev/doc/install)."
mkdir -p "$dir"
# One build at a time: a second caller waits for the first instead of racing it.
exec 9>"$dir/.lock"
flock 9
if done_; then echo "$dir"; exit 0; fi

work="$(mktemp -d)"
ticker=""
trap 'rm -rf "$work"; [ -z "$ticker" ] || kill "$ticker" 2>/dev/null || true' EXIT
cd "$work"
v="v$TEMPORAL_SERVER_VERSION"
say "building Temporal server $v and temporal-sql-tool from the Go module proxy (first time only: 5-10 minutes on 2 cores)"
go mod init local.invalid/temporal-server-build >/dev/null 2>&1
say "step 1/2: downloading modules"
pkgs=("go.temporal.io/server/cmd/server@$v" "go.temporal.io/server/cmd/tools/sql@$v")
go get -x "${pkgs[@]}" 2>&1 \
  | grep --line-buffered -E '^# get .*\.zip$' | sed -u 's/^# get /[toolchain]   /' >&2 || true
go get "${pkgs[@]}"
say "step 2/2: compiling (no progress output from go build; a cold build takes minutes)"
start=$(date +%s)
( while sleep 30; do say "  still compiling... $(( $(date +%s) - start ))s"; done ) &
ticker=$!
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$dir/temporal-server.tmp" go.temporal.io/server/cmd/server
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$dir/temporal-sql-tool.tmp" go.temporal.io/server/cmd/tools/sql
mv "$dir/temporal-server.tmp" "$dir/temporal-server"
mv "$dir/temporal-sql-tool.tmp" "$dir/temporal-sql-tool"
say "built $dir/temporal-server and temporal-sql-tool in $(( $(date +%s) - start ))s"
echo "$dir"
