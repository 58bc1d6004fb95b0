#!/bin/sh
# backend-labs/git-server: git daemon serving the bare repositories under /srv/git on port 9418,
# with push enabled (a local lab server, published on 127.0.0.1 only).
# Seeding: GIT_REPOS="app shop" creates empty bare repositories app.git and shop.git (branch
# GIT_DEFAULT_BRANCH, default main) when missing; or `docker cp some.git <container>:/srv/git/`.
set -eu
mkdir -p /srv/git
for name in ${GIT_REPOS:-}; do
  repo="/srv/git/${name%.git}.git"
  if [ ! -d "$repo" ]; then
    git init --quiet --bare --initial-branch="${GIT_DEFAULT_BRANCH:-main}" "$repo"
    echo "created $repo"
  fi
done
if [ "$#" -gt 0 ]; then
  exec "$@"
fi
# git daemon as PID 1 would ignore SIGTERM (docker stop would wait 10 s): forward it.
git daemon --reuseaddr --base-path=/srv/git --export-all --enable=receive-pack \
  --informative-errors --verbose --listen=0.0.0.0 --port=9418 /srv/git &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT
echo "git daemon listening on port 9418, serving /srv/git"
wait "$pid" || true
