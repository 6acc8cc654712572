#!/usr/bin/env bash
# Installs the S3 clients that client-compat.sh drives, when they are missing; quiet and
# idempotent (a second run only checks). Prints, on its last line, the folder of the
# JavaScript client (node_modules for src/test/clients/js).
#
#   Debian packages: awscli (aws CLI v2 as /usr/bin/aws), s3cmd, rclone
#   npm:             src/test/clients/js/package-lock.json (npm ci), into a cache folder
#                    named after the lock file's hash, so it is installed once per version
#
# aws CLI v1 and boto3 come with the machine's Python (the `aws` and `python3` on PATH);
# their absence is reported by client-compat.sh, not installed here.
# Settings: VOLUMEGATE_CLIENT_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/volumegate-clients).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../../.." && pwd)
lock="$repo/src/test/clients/js/package-lock.json"

missing=()
[ -x /usr/bin/aws ] || missing+=(awscli)
command -v s3cmd >/dev/null || missing+=(s3cmd)
command -v rclone >/dev/null || missing+=(rclone)
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
  echo "install-clients: apt-get install ${missing[*]}" >&2
  apt_log=$(mktemp)
  if ! { "${sudo[@]}" apt-get update -qq &&
         DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}"; } \
         </dev/null >"$apt_log" 2>&1; then
    cat "$apt_log" >&2
    rm -f "$apt_log"
    echo "install-clients: apt-get failed" >&2
    exit 1
  fi
  rm -f "$apt_log"
fi

cache=${VOLUMEGATE_CLIENT_CACHE:-${XDG_CACHE_HOME:-${HOME:-$repo/target}/.cache}/volumegate-clients}
js_dir="$cache/js-$(sha256sum "$lock" | cut -c1-16)"
if [ ! -f "$js_dir/node_modules/.package-lock.json" ]; then
  echo "install-clients: npm ci into $js_dir" >&2
  command -v npm >/dev/null || { echo "install-clients: npm is not installed" >&2; exit 1; }
  mkdir -p "$cache"
  staging=$(mktemp -d "$cache/.staging.XXXXXX")
  cp "$repo/src/test/clients/js/package.json" "$lock" "$staging/"
  if ! (cd "$staging" && npm ci --no-audit --no-fund --loglevel=error </dev/null >npm.log 2>&1); then
    cat "$staging/npm.log" >&2
    rm -rf "$staging"
    echo "install-clients: npm ci failed" >&2
    exit 1
  fi
  rm -f "$staging/npm.log"
  rm -rf "$js_dir"
  mv "$staging" "$js_dir"   # whole or not at all: a broken install is never taken for done
fi
echo "$js_dir"
