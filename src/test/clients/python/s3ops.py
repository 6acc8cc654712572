#!/usr/bin/env python3
"""One S3 operation with boto3 at its default settings, for src/test/scripts/client-compat.sh.
Same verbs as ../js/s3ops.mjs:

    s3ops.py mb BUCKET | rb BUCKET
    s3ops.py put BUCKET KEY FILE           put_object with the open file as Body
    s3ops.py get BUCKET KEY FILE [RANGE]
    s3ops.py head BUCKET KEY               prints the size
    s3ops.py list BUCKET                   prints one key a line
    s3ops.py presign BUCKET KEY            prints generate_presigned_url('get_object')
    s3ops.py rm BUCKET KEY

Reads ENDPOINT and the standard AWS_* variables. Only the endpoint is configured;
signing, checksums and addressing are boto3's defaults.
"""
import os
import shutil
import sys

import boto3


def main(verb, bucket, key=None, path=None, byte_range=None):
    s3 = boto3.client("s3", endpoint_url=os.environ["ENDPOINT"])
    if verb == "mb":
        s3.create_bucket(Bucket=bucket)
    elif verb == "rb":
        s3.delete_bucket(Bucket=bucket)
    elif verb == "put":
        with open(path, "rb") as body:
            print(s3.put_object(Bucket=bucket, Key=key, Body=body)["ETag"])
    elif verb == "get":
        extra = {"Range": byte_range} if byte_range else {}
        response = s3.get_object(Bucket=bucket, Key=key, **extra)
        with open(path, "wb") as out:
            shutil.copyfileobj(response["Body"], out)
    elif verb == "head":
        print(s3.head_object(Bucket=bucket, Key=key)["ContentLength"])
    elif verb == "list":
        for item in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
            print(item["Key"])
    elif verb == "presign":
        print(s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=600))
    elif verb == "rm":
        s3.delete_object(Bucket=bucket, Key=key)
    else:
        sys.exit(f"unknown verb: {verb}")


if __name__ == "__main__":
    main(*sys.argv[1:])
