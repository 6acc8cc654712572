"""Prints boto3's generate_presigned_post form for one key, as PostObjectIT posts it with curl -F.

usage: boto3-presigned-post.py <bucket> <key> <max bytes>
Endpoint and credentials come from VOLUMEGATE_ENDPOINT and the usual AWS_* variables.
Prints one JSON line: {"url": ..., "fields": {...}}, boto3's answer as it is.
"""
import json
import os
import sys

import boto3
from botocore.config import Config

bucket, key, max_bytes = sys.argv[1:4]
s3 = boto3.client("s3", endpoint_url=os.environ["VOLUMEGATE_ENDPOINT"], region_name="us-east-1",
                  config=Config(s3={"addressing_style": "path"}))
form = s3.generate_presigned_post(
    bucket, key,
    Fields={"success_action_status": "201", "Content-Type": "text/plain"},
    Conditions=[{"success_action_status": "201"}, {"Content-Type": "text/plain"},
                ["content-length-range", 1, int(max_bytes)]],
    ExpiresIn=600)
print(json.dumps(form))
