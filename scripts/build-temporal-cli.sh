#!/usr/bin/env bash
# Builds the Temporal CLI (dev server: real Temporal server + SQLite + Web UI) from the Go module
# proxy, because this machine cannot download release binaries. Prints the binary's path on stdout.
# Cached under $CARE_REVIEWS_CACHE; rebuilt only when TEMPORAL_CLI_VERSION changes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/toolchain-env.sh"

if [ -n "${TEMPORAL_CLI_PATH:-}" ]; then
  [ -x "$TEMPORAL_CLI_PATH" ] || { say "TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH is not an executable file"; exit 3; }
  echo "$TEMPORAL_CLI_PATH"; exit 0
fi
bin="$TEMPORAL_CLI_DIR/temporal"
if [ -x "$bin" ]; then echo "$bin"; exit 0; fi

need go "Install Go 1.26 or newer (https://go.dev/doc/install), or set TEMPORAL_CLI_PATH to an existing 'temporal' binary."
mkdir -p "$TEMPORAL_CLI_DIR"
# One build at a time: a second caller waits for the first instead of racing it.
exec 9>"$TEMPORAL_CLI_DIR/.lock"
flock 9
if [ -x "$bin" ]; then echo "$bin"; exit 0; fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
say "building Temporal CLI v$TEMPORAL_CLI_VERSION from the Go module proxy (first time only: 5-15 minutes on 2 cores)"
go mod init local.invalid/temporal-cli-build >/dev/null 2>&1
go mod edit -replace="github.com/temporalio/cli/cliext=github.com/temporalio/cli/cliext@$TEMPORAL_CLIEXT_VERSION"
say "step 1/2: downloading modules"
go get -x "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION" 2>&1 \
  | grep --line-buffered -E '^# get .*\.zip$' | sed -u 's/^# get /[toolchain]   /' >&2 || true
go get "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION"
say "step 2/2: compiling (no progress output from go build; a cold build takes minutes)"
start=$(date +%s)
( while sleep 30; do say "  still compiling... $(( $(date +%s) - start ))s"; done ) &
ticker=$!
CGO_ENABLED=0 go build -trimpath \
  -ldflags "-s -w -X github.com/temporalio/cli/internal/temporalcli.Version=$TEMPORAL_CLI_VERSION" \
  -o "$bin.tmp" github.com/temporalio/cli/cmd/temporal
kill $ticker 2>/dev/null || true
mv "$bin.tmp" "$bin"
say "built $bin in $(( $(date +%s) - start ))s"
echo "$bin"
