#!/bin/sh
# restjson-model.sh converts Smithy's restJson1 protocol tests into
# conformance/testdata/restjson-full.json.
#
#   scripts/restjson-model.sh SMITHY_GIT_DIR [COMMIT]
#
# SMITHY_GIT_DIR is a clone of github.com/smithy-lang/smithy (bare or not);
# COMMIT defaults to the one recorded in conformance/testdata/README.md.
# The file list is the one in that README: every file of
# smithy-aws-protocol-tests/model/restJson1/ but validation/, the shared
# types, and the smithy.framework validation model.
set -eu
repo=$1
commit=${2:-0f7323128b0606a1b94b1ac482c94d3800a22708}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(git -C "$repo" ls-tree -r --name-only "$commit" \
	smithy-aws-protocol-tests/model/restJson1 \
	smithy-aws-protocol-tests/model/shared-types.smithy \
	smithy-aws-protocol-tests/model/aws-config.smithy \
	smithy-validation-model/model/smithy.framework.validation.smithy |
	grep '\.smithy$' | grep -v -e '/validation/')
for f in $files; do
	mkdir -p "$tmp/$(dirname "$f")"
	git -C "$repo" show "$commit:$f" >"$tmp/$f"
done
cd "$tmp"
go run -C "$OLDPWD" ./internal/smithyidl/cmd/smithyidl \
	-out "$OLDPWD/conformance/testdata/restjson-full.json" $(printf "$tmp/%s " $files)
