#!/usr/bin/env bash
# The baseline the warm docker grade is compared with: the same build (cached), run and HTTP checks
# of the REST contract lab, done by hand with the docker CLI and curl. Usage: rest-contract.sh DIR
set -euo pipefail
dir="$1"
docker=/usr/bin/docker
tag="backend-labs-bench/baseline:latest"
$docker build -q -t "$tag" "$dir" >/dev/null
cid=$($docker run -d --rm -e PORT=3000 -p 127.0.0.1::3000 "$tag")
trap '$docker rm -f "$cid" >/dev/null 2>&1 || true' EXIT
port=$($docker port "$cid" 3000/tcp | head -1 | sed 's/.*://')
url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -s -o /dev/null "$url/books" && break; sleep 0.05; done
expect() { # expect STATUS METHOD PATH [BODY]
  local got
  got=$(curl -s -o /dev/null -w '%{http_code}' -X "$2" -H 'content-type: application/json' ${4:+-d "$4"} "$url$3")
  [ "$got" = "$1" ] || { echo "expected $1 for $2 $3, got $got" >&2; exit 1; }
}
id=$(curl -s -X POST -H 'content-type: application/json' -d '{"title":"Dune","author":"Frank Herbert","year":1965}' "$url/books" | sed -E 's/.*"id":"?([^",}]+)"?.*/\1/')
expect 200 GET "/books/$id"
expect 200 GET "/books?limit=2&offset=0"
expect 200 PUT "/books/$id" '{"title":"Dune","author":"Frank Herbert","year":1966}'
expect 400 POST /books '{"title":""}'
expect 400 POST /books '{not json'
expect 404 GET /books/does-not-exist
expect 404 GET /nope
expect 204 DELETE "/books/$id"
expect 404 GET "/books/$id"
