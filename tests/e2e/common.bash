# Sourced by each part of tests/e2e/ (not a part itself: tests/e2e.sh runs only `*.sh`).
# What every part needs before it drives a real program: the `ties` binary, and the program
# from Debian's packages, installed when missing (CI runs as root); a part fails, never
# skips, when either is missing.

: "${TIES_BIN:=$PWD/target/debug/ties}"
export TIES_BIN

# need PART PROGRAM PACKAGE: PROGRAM on the PATH, from PACKAGE when it is missing.
need() {
  local part=$1 program=$2 package=$3
  if ! command -v "$program" >/dev/null 2>&1; then
    echo "$part: installing Debian's $package"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  fi
  if ! command -v "$program" >/dev/null 2>&1; then
    echo "$part: $program is missing and could not be installed" >&2
    exit 1
  fi
  if [ ! -x "$TIES_BIN" ]; then
    echo "$part: no ties binary at $TIES_BIN (cargo build first)" >&2
    exit 1
  fi
}
