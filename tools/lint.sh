#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Static checks of the kernel code, as TAP:
#  - checkpatch.pl --strict (from linux-source-6.1) over driver/ and uapi/;
#  - a W=1 + sparse (C=1) build of the module in a scratch copy, so that
#    every file is compiled and checked again, failing on any warning;
#  - kernel-doc over the module's files.
#
#   tools/lint.sh KDIR
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
kdir=${1:?usage: lint.sh KDIR}
src=$("$top/tools/vm/ksrc.sh") || exit 1
n=0
failed=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2"
		failed=$((failed + 1))
		sed 's/^/# /' "$3" | head -n 60
	fi
}

echo "TAP version 13"
echo "1..3"

cd "$top"
# The module's sources: host tests under driver/model/tests/ are userspace.
files=$(git ls-files --cached --others --exclude-standard -- 'driver/*.[ch]' 'uapi/*.h' 2>/dev/null | grep -v '/tests/')
[ -n "$files" ] || files=$(find driver uapi -name '*.[ch]' ! -name '*.mod.c' ! -path '*/tests/*' | sort)
# --no-tree: we are not a kernel tree.  FILE_PATH_CHANGES (MAINTAINERS)
# does not apply to an out-of-tree module.
# driver/compat.h exists to hold the version checks checkpatch otherwise
# (rightly) refuses; it alone may use LINUX_VERSION_CODE.
# shellcheck disable=SC2086
(
	"$src/scripts/checkpatch.pl" --strict --no-tree --quiet --show-types \
		--ignore FILE_PATH_CHANGES -f $(echo "$files" | grep -v '^driver/compat.h$')
	rc=$?
	if echo "$files" | grep -q '^driver/compat.h$'; then
		"$src/scripts/checkpatch.pl" --strict --no-tree --quiet --show-types \
			--ignore FILE_PATH_CHANGES,LINUX_VERSION_CODE,CONSTANT_COMPARISON \
			-f driver/compat.h || rc=1
	fi
	exit $rc
) >"$log/checkpatch" 2>&1
result $? "lint: checkpatch.pl --strict (driver/, uapi/)" "$log/checkpatch"

scratch=$log/build
mkdir -p "$scratch"
cp Kbuild "$scratch/"
for f in $files; do
	mkdir -p "$scratch/$(dirname "$f")"
	cp "$f" "$scratch/$f"
done
make -C "$kdir" M="$scratch" W=1 C=1 modules >"$log/build.log" 2>&1
rc=$?
if [ "$rc" = 0 ] && grep -qiE 'warning:|error:' "$log/build.log"; then
	rc=1
fi
result "$rc" "lint: W=1 and sparse (C=1) module build without warnings" "$log/build.log"

# kernel-doc -none checks the comments that exist; the awk finds non-static
# function definitions that have none.
# shellcheck disable=SC2086
"$src/scripts/kernel-doc" -none $(echo "$files" | grep '\.c$') >"$log/kdoc" 2>&1
rc=$?
# shellcheck disable=SC2086
awk '
	FNR == 1 { prev = ""; inkdoc = 0; kdoc_ended = 0 }
	/^\/\*\*/ { inkdoc = 1 }
	/^[A-Za-z_][A-Za-z0-9_ *]*[ *]([a-z_][a-z0-9_]*)\(/ && !/^static/ && !/;$/ && !/^(MODULE|EXPORT|module_|late_|subsys_|DEFINE|LIST_HEAD)/ {
		if (!(prev ~ /^ \*\/$/ && kdoc_ended))
			printf "%s:%d: non-static function without kernel-doc: %s\n", FILENAME, FNR, $0
	}
	{ if ($0 ~ /^ \*\/$/) { kdoc_ended = inkdoc; inkdoc = 0 } else if ($0 !~ /^ \*/ && $0 !~ /^\/\*\*/) kdoc_ended = (prev ~ /^ \*\/$/) ? kdoc_ended : 0; prev = $0 }
' $(echo "$files" | grep '\.c$') >>"$log/kdoc"
[ "$rc" = 0 ] && [ -s "$log/kdoc" ] && rc=1
result "$rc" "lint: kernel-doc on the module's functions" "$log/kdoc"

exit $((failed > 0))
