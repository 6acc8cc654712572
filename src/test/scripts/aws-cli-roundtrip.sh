#!/usr/bin/env bash
# A round trip with the real aws CLI against a running VolumeGate:
#   s3 mb / cp / ls / rm / rb and s3api put-object, head-object, get-object (range),
#   list-objects-v2, delete-object. Compares bytes with the source at every step.
# Usage: ENDPOINT=http://127.0.0.1:8080 AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... aws-cli-roundtrip.sh
# AWS_CLI=/usr/bin/aws runs it with another aws executable (default: the `aws` on PATH).
set -euo pipefail

endpoint=${ENDPOINT:?set ENDPOINT}
export AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-us-east-1}
aws=("${AWS_CLI:-aws}" --endpoint-url "$endpoint")
bucket="cli-roundtrip-$RANDOM$RANDOM"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "-- $*"; }

head -c 300000 /dev/urandom > "$work/random.bin"
printf 'hello from the aws cli\n' > "$work/hello.txt"

step "s3 mb"
"${aws[@]}" s3 mb "s3://$bucket" >/dev/null

step "s3 cp up and down"
"${aws[@]}" s3 cp "$work/random.bin" "s3://$bucket/dir/random.bin" >/dev/null
"${aws[@]}" s3 cp "$work/hello.txt" "s3://$bucket/hello world+1.txt" >/dev/null
"${aws[@]}" s3 cp "s3://$bucket/dir/random.bin" "$work/random.back" >/dev/null
cmp "$work/random.bin" "$work/random.back" || fail "downloaded bytes differ"

step "s3 ls"
listing=$("${aws[@]}" s3 ls "s3://$bucket/")
grep -q "PRE dir/" <<<"$listing" || fail "ls shows no dir/ prefix: $listing"
grep -q "hello world+1.txt" <<<"$listing" || fail "ls misses the awkward key: $listing"
recursive=$("${aws[@]}" s3 ls --recursive "s3://$bucket/")
grep -q "300000 dir/random.bin" <<<"$recursive" || fail "recursive ls misses dir/random.bin: $recursive"

step "s3api put-object / head-object / get-object with range"
"${aws[@]}" s3api put-object --bucket "$bucket" --key "api/hello.txt" --body "$work/hello.txt" \
    --content-type "text/x-greeting" --metadata "colour=blue" >/dev/null
head=$("${aws[@]}" s3api head-object --bucket "$bucket" --key "api/hello.txt")
grep -q '"ContentType": "text/x-greeting"' <<<"$head" || fail "head-object content type: $head"
grep -q '"colour": "blue"' <<<"$head" || fail "head-object metadata: $head"
"${aws[@]}" s3api get-object --bucket "$bucket" --key "api/hello.txt" --range "bytes=0-4" "$work/part" >/dev/null
[ "$(cat "$work/part")" = "hello" ] || fail "range get returned '$(cat "$work/part")'"

step "s3api list-objects-v2 with prefix and delimiter"
keys=$("${aws[@]}" s3api list-objects-v2 --bucket "$bucket" --prefix "api/" --query 'Contents[].Key' --output text)
[ "$keys" = "api/hello.txt" ] || fail "list-objects-v2 returned '$keys'"

step "s3api get-object of a missing key is NoSuchKey"
if "${aws[@]}" s3api get-object --bucket "$bucket" --key "missing" "$work/none" 2>"$work/err"; then
  fail "missing key was found"
fi
grep -q "NoSuchKey" "$work/err" || fail "expected NoSuchKey, got: $(cat "$work/err")"

step "s3 rm and rb"
"${aws[@]}" s3 rm --recursive "s3://$bucket/" >/dev/null
"${aws[@]}" s3 rb "s3://$bucket" >/dev/null
if "${aws[@]}" s3api head-bucket --bucket "$bucket" 2>/dev/null; then fail "bucket still exists"; fi

echo "aws CLI round trip: OK"
