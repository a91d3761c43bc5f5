#!/usr/bin/env bash
# The DfE's SSDA903 validator (PyPI csc-validator-be-903, module lac_validator) in a Python 3.11
# virtual environment cached outside the checkout, for test/ssda903-validator.test.ts. Prints the
# venv's python on stdout. A failed install exits non-zero with pip's own message (the test fails,
# it never skips). Rebuilt only when LAC_VALIDATOR_VERSION changes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/toolchain-env.sh"

LAC_VALIDATOR_VERSION="0.1.17"
venv="$CARE_REVIEWS_CACHE/lac-validator-venv"
stamp="$venv/.csc-validator-be-903-$LAC_VALIDATOR_VERSION"
if [ -f "$stamp" ] && [ -x "$venv/bin/python" ]; then echo "$venv/bin/python"; exit 0; fi

# The package pins pandas < 2 and numpy < 1.25, which have wheels for Python 3.11, not newer.
python=""
for p in python3.11 python3; do
  if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then python="$p"; break; fi
done
[ -n "$python" ] || { say "MISSING: Python 3.11 (Debian: apt-get install python3.11 python3.11-venv), for the SSDA903 validator test"; exit 3; }

mkdir -p "$CARE_REVIEWS_CACHE"
exec 9>"$CARE_REVIEWS_CACHE/.lac-validator.lock"
flock 9
if [ -f "$stamp" ] && [ -x "$venv/bin/python" ]; then echo "$venv/bin/python"; exit 0; fi

say "installing csc-validator-be-903==$LAC_VALIDATOR_VERSION from PyPI into $venv"
rm -rf "$venv"
"$python" -m venv "$venv"
if ! log="$("$venv/bin/python" -m pip install --disable-pip-version-check -q "csc-validator-be-903==$LAC_VALIDATOR_VERSION" 2>&1)"; then
  printf '%s\n' "$log" >&2
  say "pip could not install csc-validator-be-903==$LAC_VALIDATOR_VERSION (above)"
  exit 4
fi
"$venv/bin/python" -c 'import lac_validator.rules.ruleset_utils' >&2
touch "$stamp"
echo "$venv/bin/python"
