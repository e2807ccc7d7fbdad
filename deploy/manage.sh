#!/usr/bin/env bash
# manage.py with the production environment (/etc/red/red.env), as the user red:
#   /srv/red/app/deploy/manage.sh migrate
#   /srv/red/app/deploy/manage.sh createsuperuser
# RED_ENV_FILE names another environment file. The file is read as systemd reads it (KEY=value
# lines, # comments), so values may hold spaces without quotes.
set -euo pipefail
cd "$(dirname "$0")/.."
env_file=${RED_ENV_FILE:-/etc/red/red.env}
if [ "$(id -un)" != red ] && id red >/dev/null 2>&1; then
  exec runuser -u red -- env RED_ENV_FILE="$env_file" "$0" "$@"
fi
[ -r "$env_file" ] || { echo "Cannot read $env_file (copy deploy/red.env.example there)." >&2; exit 1; }
while IFS= read -r line || [ -n "$line" ]; do
  line=${line#"${line%%[![:space:]]*}"}
  [[ -z $line || $line == \#* || $line != *=* ]] && continue
  export "${line%%=*}=${line#*=}"
done <"$env_file"
exec .venv/bin/python manage.py "$@"
