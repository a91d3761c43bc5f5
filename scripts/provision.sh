#!/usr/bin/env bash
# Everything the tests need beyond `npm install`, cached after the first run:
# the Temporal CLI (dev server), the Temporal server and temporal-sql-tool (`npm run cluster`),
# the time-skipping test server, docker-compose for the offline validation of docker-compose.yml,
# and Debian's chromium for the browser tests (playwright-core drives /usr/bin/chromium; no browser download), Debian's PostgreSQL 15 binaries
# (test/support/postgres.ts starts a throwaway server from them for the statutory record's tests),
# and the DfE's SSDA903 validator in a Python 3.11 venv (scripts/lac-validator-venv.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/build-temporal-cli.sh" >/dev/null
# The Temporal server and temporal-sql-tool for `npm run cluster` and test/cluster.postgres.test.ts.
bash "$here/build-temporal-server.sh" >/dev/null
bash "$here/fetch-test-server.sh" >/dev/null
bash "$here/lac-validator-venv.sh" >/dev/null
if ! command -v docker-compose >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[toolchain] installing Debian's docker-compose (to validate docker-compose.yml offline)" >&2
    (apt-get install -y -q --no-install-recommends docker-compose >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends docker-compose >/dev/null; })
  else
    echo "[toolchain] MISSING: docker-compose (Debian: sudo apt-get install --no-install-recommends docker-compose)" >&2
    exit 3
  fi
fi
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[toolchain] installing Debian's chromium (for the browser and accessibility tests)" >&2
    (apt-get install -y -q --no-install-recommends chromium fonts-liberation >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends chromium fonts-liberation >/dev/null; })
  else
    echo "[toolchain] MISSING: chromium (Debian: sudo apt-get install --no-install-recommends chromium)" >&2
    exit 3
  fi
fi
if [ ! -x "${CARE_REVIEWS_PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[toolchain] installing Debian's postgresql-15 (the record's tests run against a real PostgreSQL)" >&2
    (apt-get install -y -q --no-install-recommends postgresql-15 >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends postgresql-15 >/dev/null; })
  else
    echo "[toolchain] MISSING: PostgreSQL 15 (Debian: sudo apt-get install --no-install-recommends postgresql-15)" >&2
    exit 3
  fi
fi
