#!/usr/bin/env bash
# fuzz.sh TIME TARGET... runs each fuzz target for TIME: a target of
# conformance/ by its name, one of another package as PACKAGE:NAME
# (./templates:FuzzEventStreamDecode).
#
# Go 1.26's fuzz coordinator can end a run that found nothing with
# "context deadline exceeded" when the time is up while a worker is busy
# (golang/go#75804, fixed in Go 1.27). A real failure always writes the
# failing input to <package>/testdata/fuzz/<target>/, so a run fails here
# only when it wrote one, or failed for another reason.
set -uo pipefail
time=$1
shift
go=${GO:-go}
for target in "$@"; do
	pkg=./conformance
	t=$target
	if [[ $target == *:* ]]; then
		pkg=${target%%:*}
		t=${target#*:}
	fi
	dir=$pkg/testdata/fuzz/$t
	before=$(ls "$dir" 2>/dev/null | wc -l)
	log=$(mktemp)
	"$go" test -run '^$' -fuzz "^$t\$" -fuzztime "$time" -fuzzminimizetime 100x "$pkg" 2>&1 | tee "$log"
	status=${PIPESTATUS[0]}
	after=$(ls "$dir" 2>/dev/null | wc -l)
	if [ "$status" -ne 0 ]; then
		if [ "$after" -gt "$before" ] || ! grep -q "context deadline exceeded" "$log"; then
			rm -f "$log"
			echo "fuzz: $t failed" >&2
			exit 1
		fi
		echo "fuzz: $t stopped on the coordinator's deadline race (golang/go#75804); no failing input was found"
	fi
	rm -f "$log"
done
