# shellcheck shell=bash
# Sourced by /paas/start and /paas/exec before the app's command, as a Heroku dyno and herokuish's
# procfile-exec do: HOME=/app, cwd /app, config vars already in the environment (the container's),
# then the last buildpack's release config_vars (defaults only), /etc/profile.d/*.sh, the app's
# .profile.d/*.sh in lexical order and its .profile. Scripts should use ${VAR:-default} so that
# config vars win.
export HOME=/app
cd /app || exit 1
for paas_profile in /paas/config_vars.sh /etc/profile.d/*.sh /app/.profile.d/*.sh /app/.profile; do
  if [[ -f "$paas_profile" && -r "$paas_profile" ]]; then
    # shellcheck source=/dev/null
    source "$paas_profile"
  fi
done
unset paas_profile
