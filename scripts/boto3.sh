#!/usr/bin/env bash
# make boto3: the Python tests in e2e/boto3, run by the system python,
# where Debian's python3-boto3 lives (a pyenv or virtualenv python would
# not see it). Installs python3-boto3 when it is missing and this runs as
# root, as CI does; anyone else is told what to install.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-/usr/bin/python3}
if ! "$python" -c 'import boto3' 2>/dev/null; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "make boto3: $python cannot import boto3." >&2
		echo "Install it with 'sudo apt-get install python3-boto3', or run 'make boto3 PYTHON=...' with a python that has boto3." >&2
		exit 1
	fi
	echo "make boto3: installing python3-boto3"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-boto3 >/dev/null
fi
"$python" -c 'import boto3, botocore; print("boto3", boto3.__version__, "botocore", botocore.__version__)'
cd e2e/boto3
exec "$python" -m unittest -v
