# Shared settings for the Temporal toolchain scripts (sourced, not run).
# Pinned versions: change one and the next run rebuilds that tool; the old cache stays untouched.
TEMPORAL_CLI_VERSION="1.8.2"
# The cliext module is replaced by a relative path in the CLI's go.mod; this pseudo-version is the v1.8.2 commit.
TEMPORAL_CLIEXT_VERSION="v0.0.0-20260731000218-c579925f193f"
TEMPORAL_TEST_SERVER_VERSION="1.38.0"

CARE_REVIEWS_CACHE="${CARE_REVIEWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/care-reviews}"
TEMPORAL_CLI_DIR="$CARE_REVIEWS_CACHE/temporal-cli-$TEMPORAL_CLI_VERSION"
TEMPORAL_TEST_SERVER_DIR="$CARE_REVIEWS_CACHE/temporal-test-server-$TEMPORAL_TEST_SERVER_VERSION"

say() { printf '[toolchain] %s\n' "$*" >&2; }
need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    say "MISSING: '$1' is not on PATH. $2"
    exit 3
  fi
}
# Temporal server for `npm run cluster` (PostgreSQL persistence). v1.31+/v1.32 need a newer Go than
# Debian's; v1.30.8 builds with Go 1.26. The SQL tool is built from the same module version so the
# schema it installs is the one that server expects.
TEMPORAL_SERVER_VERSION="1.30.8"
TEMPORAL_SERVER_DIR="$CARE_REVIEWS_CACHE/temporal-server-$TEMPORAL_SERVER_VERSION"
