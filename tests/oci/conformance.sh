#!/usr/bin/env bash
# Build the OCI runtime validation suite (offline, Debian's Go) and run it against skiff-runtime
# as root. Usage: tests/oci/conformance.sh WORKDIR [--runtime PATH] [validate.py options...]
# The suite comes from $SKIFF_RUNTIME_TOOLS, else ../shared/conformance/runtime-tools next to the
# checkout. Prints the per-program table; exits 1 on a regression against tests/oci/baseline.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${1:?usage: conformance.sh WORKDIR}
shift
src=${SKIFF_RUNTIME_TOOLS:-}
for c in "$src" "$(pwd)/../shared/conformance/runtime-tools" /work/shared/conformance/runtime-tools; do
  if [ -n "$c" ] && [ -f "$c/Makefile" ]; then src=$c; break; fi
done
if [ -z "$src" ] || [ ! -f "$src/Makefile" ]; then
  echo "conformance: the runtime-tools suite was not found: set SKIFF_RUNTIME_TOOLS to its directory" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo -E)
else
  as_root=()
fi
mkdir -p "$work"
rm -rf "$work/rt"
cp -r "$src" "$work/rt"
chmod -R u+w "$work/rt"
(cd "$work/rt" && GOFLAGS=-mod=vendor GOCACHE="$work/gocache" make runtimetest validation-executables >"$work/build.log" 2>&1) \
  || { tail -20 "$work/build.log" >&2; echo "conformance: building the suite failed" >&2; exit 1; }
runtime=
if [ "${1:-}" = "--runtime" ]; then runtime=$2; shift 2; fi
if [ -z "$runtime" ]; then
  cargo build --locked -q --bin skiff
  mkdir -p "$work/bin"
  cp target/debug/skiff "$work/bin/skiff"
  ln -sf skiff "$work/bin/skiff-runtime"
  runtime="$work/bin/skiff-runtime"
fi
"${as_root[@]}" python3 tests/oci/validate.py --suite "$work/rt" --runtime "$runtime" --jobs 1 \
  --baseline tests/oci/baseline.json "$@"
