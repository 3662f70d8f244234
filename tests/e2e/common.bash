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

# editors_notebook DIR: the notebook the editor parts drive (a T201 with a did-you-mean
# fix in contacts/ada.md, mentions of ada to rename, a note linking a contact to log).
editors_notebook() {
  local nb=$1
  mkdir -p "$nb/contacts" "$nb/companies" "$nb/notes"
  : >"$nb/ties.yaml"
  printf -- '---\nname: Acme\nstatus: target\n---\n' >"$nb/companies/acme.md"
  printf -- '---\nname: Ada Lovelace\ncompany: acm\n---\n' >"$nb/contacts/ada.md"
  printf -- '---\nname: Bob Stone\nintroduced_by: ada\n---\nSee [[ada]].\n' >"$nb/contacts/bob.md"
  printf -- '---\nname: Cy Young\n---\n' >"$nb/contacts/cy.md"
  printf -- 'Coffee with [[cy]] soon.\n' >"$nb/notes/plan.md"
}
