#!/usr/bin/env bash
# Stop the Apache started by start-apache-waf.sh: scripts/waf/stop-apache-waf.sh DIR
set -euo pipefail
DIR="${1:?usage: stop-apache-waf.sh DIR}"
[ -f "$DIR/httpd.conf" ] || { echo "stop-apache-waf: no httpd.conf in $DIR" >&2; exit 2; }
/usr/sbin/apache2 -f "$DIR/httpd.conf" -k stop || true
# Wait (up to 5 s) for the pid file to go.
for _ in $(seq 1 50); do
  [ -f "$DIR/run/httpd.pid" ] || exit 0
  sleep 0.1
done
exit 0
