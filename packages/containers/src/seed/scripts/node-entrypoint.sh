#!/bin/sh
# The official node image's entrypoint: run the command with node when the first argument is a
# flag, is not a command, or is a non-executable file (`docker run node:22 app.js`).
set -e
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
