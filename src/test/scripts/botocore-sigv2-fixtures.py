#!/usr/bin/env python3
"""Prints SigV2 requests signed by the real botocore, as fixtures for SigV2VerifierTest.

Run by hand (needs boto3/botocore; no network, no server: requests are captured just
before they would be sent):

    python3 src/test/scripts/botocore-sigv2-fixtures.py

The clock is pinned so the output is reproducible; the test pins the verifier's clock to
the same instant. Paste new output into BotocoreSigV2Fixtures when botocore changes.
"""
import time

NOW = 1700000000  # 2023-11-14T22:13:20Z
time.time = lambda: float(NOW)  # botocore reads time.time() for Date and Expires

import boto3  # noqa: E402  (after the clock is pinned)
from botocore.config import Config  # noqa: E402

ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
AWKWARD_KEY = "dir/my key+plus%pct é~(1)&x=y.txt"


def client(style):
    return boto3.client(
        "s3",
        endpoint_url="http://localhost:8080" if style == "path" else "http://s3.example.test:8080",
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET,
        region_name="us-east-1",
        config=Config(signature_version="s3", s3={"addressing_style": style},
                      retries={"max_attempts": 1}),
    )


class Captured(Exception):
    pass


def capture(style, operation, **params):
    s3 = client(style)
    seen = {}

    def before_send(request, **kwargs):
        seen["request"] = request
        raise Captured()

    s3.meta.events.register("before-send.s3", before_send)
    try:
        getattr(s3, operation)(**params)
    except Captured:
        pass
    request = seen["request"]
    print(f"== {style} {operation}")
    print(f"{request.method} {request.url}")
    for name, value in request.headers.items():
        print(f"  {name}: {value.decode() if isinstance(value, bytes) else value}")


def presign(style, operation, **params):
    url = client(style).generate_presigned_url(operation, Params=params, ExpiresIn=3600)
    print(f"== presigned {style} {operation}")
    print(url)


presign("path", "get_object", Bucket="bucket", Key=AWKWARD_KEY)
presign("path", "get_object", Bucket="bucket", Key="photos/puppy.jpg",
        ResponseContentType="text/plain; charset=utf-8",
        ResponseContentDisposition='attachment; filename="a b+c.txt"',
        VersionId="3/L4kqtJl40Nr8X8gdRQBpUMLUo")
presign("path", "put_object", Bucket="bucket", Key="upload é.bin",
        ContentType="application/x-thing", Metadata={"color": "blue"})
presign("virtual", "get_object", Bucket="bucket", Key=AWKWARD_KEY)

capture("path", "get_object", Bucket="bucket", Key=AWKWARD_KEY)
capture("path", "put_object", Bucket="bucket", Key=AWKWARD_KEY, Body=b"hello",
        ContentType="text/plain", Metadata={"color": "blue", "Shape": " round "})
capture("path", "list_objects", Bucket="bucket", Prefix="dir/", MaxKeys=5)
capture("path", "upload_part", Bucket="bucket", Key=AWKWARD_KEY, PartNumber=2,
        UploadId="VXBsb2FkIElE+/=", Body=b"part")
capture("path", "get_object_acl", Bucket="bucket", Key=AWKWARD_KEY)
capture("virtual", "get_object", Bucket="bucket", Key=AWKWARD_KEY)
capture("virtual", "list_objects_v2", Bucket="bucket", Prefix="a b/")
