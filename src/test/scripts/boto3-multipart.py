"""Uploads and downloads one file with boto3's managed transfers (s3transfer), as
MultipartPythonClientsIT drives it.

usage: boto3-multipart.py <bucket> <key> <source> <destination> <threshold bytes> <chunk bytes>
Endpoint and credentials come from VOLUMEGATE_ENDPOINT and the usual AWS_* variables.
Prints one JSON line: the ETag and checksum fields the server returned.
"""
import json
import os
import sys

import boto3
from boto3.s3.transfer import TransferConfig

bucket, key, source, destination, threshold, chunk = sys.argv[1:7]
s3 = boto3.client("s3", endpoint_url=os.environ["VOLUMEGATE_ENDPOINT"], region_name="us-east-1")
config = TransferConfig(multipart_threshold=int(threshold), multipart_chunksize=int(chunk))
try:
    s3.create_bucket(Bucket=bucket)
except s3.exceptions.BucketAlreadyOwnedByYou:
    pass
s3.upload_file(source, bucket, key, Config=config)
head = s3.head_object(Bucket=bucket, Key=key, ChecksumMode="ENABLED")
s3.download_file(bucket, key, destination, Config=config)
print(json.dumps({
    "ETag": head["ETag"],
    "ContentLength": head["ContentLength"],
    "checksums": {name: value for name, value in head.items() if name.startswith("Checksum")},
}))
