#!/usr/bin/env bash
# Start Apache + ModSecurity + OWASP CRS (Debian packages apache2, libapache2-mod-security2,
# modsecurity-crs) as a WAF reverse proxy on loopback, with a private ServerRoot and config:
#
#   scripts/waf/start-apache-waf.sh LISTEN_PORT BACKEND_URL [DIR]
#
# LISTEN_PORT  port Apache listens on, on 127.0.0.1
# BACKEND_URL  where requests are proxied, e.g. http://127.0.0.1:8080 (loopback only)
# DIR          folder for the config, pid file and logs (default: a new temporary folder)
#
# Prints DIR on stdout once Apache answers. Stop it with scripts/waf/stop-apache-waf.sh DIR.
# The system config in /etc/apache2 is never read or changed. CRS is included exactly as Debian's
# /usr/share/modsecurity-crs/owasp-crs.load does, with SecRuleEngine On (blocking, anomaly scoring).
set -euo pipefail

PORT="${1:?usage: start-apache-waf.sh LISTEN_PORT BACKEND_URL [DIR]}"
BACKEND="${2:?usage: start-apache-waf.sh LISTEN_PORT BACKEND_URL [DIR]}"
DIR="${3:-$(mktemp -d /tmp/gonogo-waf-XXXXXX)}"
MODULES=/usr/lib/apache2/modules
CRS_LOAD=/usr/share/modsecurity-crs/owasp-crs.load

case "$BACKEND" in
  http://127.*|http://localhost:*|http://\[::1\]:*) ;;
  *) echo "start-apache-waf: backend must be a loopback http:// URL, got $BACKEND" >&2; exit 2 ;;
esac
for f in /usr/sbin/apache2 "$MODULES/mod_security2.so" "$CRS_LOAD"; do
  [ -e "$f" ] || { echo "start-apache-waf: $f missing; apt-get install -y apache2 libapache2-mod-security2 modsecurity-crs" >&2; exit 2; }
done

mkdir -p "$DIR/tmp" "$DIR/data" "$DIR/run"
# Apache drops privileges to User/Group when started as root; those must be able to write DIR.
RUN_USER=www-data
if [ "$(id -u)" = 0 ]; then chown -R "$RUN_USER:$RUN_USER" "$DIR"; chmod 755 "$DIR"; fi

cat > "$DIR/httpd.conf" <<CONF
ServerRoot "$DIR"
ServerName 127.0.0.1
Listen 127.0.0.1:$PORT
PidFile "$DIR/run/httpd.pid"
DefaultRuntimeDir "$DIR/run"
Mutex file:$DIR/run default
ErrorLog "$DIR/error.log"
LogLevel warn
User $RUN_USER
Group $RUN_USER
ServerTokens Prod
ServerSignature Off
TraceEnable Off
Timeout 30
KeepAlive On
MaxKeepAliveRequests 0

LoadModule mpm_event_module $MODULES/mod_mpm_event.so
LoadModule authz_core_module $MODULES/mod_authz_core.so
LoadModule unique_id_module $MODULES/mod_unique_id.so
LoadModule proxy_module $MODULES/mod_proxy.so
LoadModule proxy_http_module $MODULES/mod_proxy_http.so
LoadModule security2_module $MODULES/mod_security2.so

StartServers 1
ServerLimit 2
ThreadsPerChild 25
MaxRequestWorkers 50

<IfModule security2_module>
  SecRuleEngine On
  SecRequestBodyAccess On
  SecRule REQUEST_HEADERS:Content-Type "^(?:application(?:/soap\+|/)|text/)xml" "id:200000,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
  SecRule REQUEST_HEADERS:Content-Type "^application/json" "id:200001,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
  SecRequestBodyLimit 13107200
  SecRequestBodyNoFilesLimit 131072
  SecRequestBodyLimitAction Reject
  SecRule REQBODY_ERROR "!@eq 0" "id:200002,phase:2,t:none,log,deny,status:400,msg:'Failed to parse request body'"
  SecResponseBodyAccess Off
  SecTmpDir "$DIR/tmp"
  SecDataDir "$DIR/data"
  SecAuditEngine RelevantOnly
  SecAuditLogRelevantStatus "^(?:5|4(?!04))"
  SecAuditLogParts ABHZ
  SecAuditLogType Serial
  SecAuditLog "$DIR/modsec_audit.log"
  SecArgumentSeparator &
  SecCookieFormat 0
  SecStatusEngine Off
  # The OWASP CRS, included the way Debian's owasp-crs.load does.
  Include $CRS_LOAD
</IfModule>

ProxyRequests Off
ProxyPass "/" "$BACKEND/"
ProxyPassReverse "/" "$BACKEND/"
CONF

/usr/sbin/apache2 -f "$DIR/httpd.conf" -k start

# Wait (up to 10 s) until Apache accepts connections.
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then echo "$DIR"; exit 0; fi
  sleep 0.1
done
echo "start-apache-waf: Apache did not come up on 127.0.0.1:$PORT; see $DIR/error.log" >&2
cat "$DIR/error.log" >&2 || true
exit 1
