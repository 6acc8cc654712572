// One S3 operation with the AWS SDK for JavaScript v3 at its default settings, for
// src/test/scripts/client-compat.sh. Same verbs as ../python/s3ops.py:
//
//   node s3ops.mjs mb BUCKET | rb BUCKET
//   node s3ops.mjs put BUCKET KEY FILE        body: a file stream, no ContentLength
//   node s3ops.mjs put-unknown-length BUCKET KEY FILE   body: a stream of unknown size
//   node s3ops.mjs get BUCKET KEY FILE [RANGE]
//   node s3ops.mjs head BUCKET KEY            prints the size
//   node s3ops.mjs list BUCKET                prints one key a line
//   node s3ops.mjs presign BUCKET KEY         prints a presigned GET URL
//   node s3ops.mjs rm BUCKET KEY
//
// Reads ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_DEFAULT_REGION. Only the
// endpoint and path-style addressing are configured (the server has no DNS names for
// buckets); signing, checksums and body framing are the SDK's defaults.
import { createReadStream, createWriteStream } from "node:fs";
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  S3Client, CreateBucketCommand, DeleteBucketCommand, PutObjectCommand, GetObjectCommand,
  HeadObjectCommand, ListObjectsV2Command, DeleteObjectCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";

const s3 = new S3Client({
  endpoint: process.env.ENDPOINT,
  region: process.env.AWS_DEFAULT_REGION || "us-east-1",
  forcePathStyle: true,
});

const [verb, Bucket, Key, arg, range] = process.argv.slice(2);

switch (verb) {
  case "mb":
    await s3.send(new CreateBucketCommand({ Bucket }));
    break;
  case "rb":
    await s3.send(new DeleteBucketCommand({ Bucket }));
    break;
  case "put":
  case "put-unknown-length": {
    // A stream Body and no ContentLength: the SDK sends no Content-Length but
    // Transfer-Encoding: chunked, its own aws-chunked framing inside, and the CRC32 of the
    // body in a trailer (STREAMING-UNSIGNED-PAYLOAD-TRAILER). For an fs.ReadStream it still
    // learns the size from the file and sends x-amz-decoded-content-length.
    // put-unknown-length hides the file behind a PassThrough, so that even the SDK does not
    // know the size (a pipe, a socket, a gzip stream).
    let Body = createReadStream(arg);
    if (verb === "put-unknown-length") Body = Body.pipe(new PassThrough());
    const out = await s3.send(new PutObjectCommand({ Bucket, Key, Body }));
    console.log(out.ETag);
    break;
  }
  case "get": {
    const out = await s3.send(new GetObjectCommand({ Bucket, Key, Range: range }));
    await pipeline(out.Body, createWriteStream(arg));
    break;
  }
  case "head": {
    const out = await s3.send(new HeadObjectCommand({ Bucket, Key }));
    console.log(out.ContentLength);
    break;
  }
  case "list": {
    const out = await s3.send(new ListObjectsV2Command({ Bucket }));
    for (const object of out.Contents ?? []) console.log(object.Key);
    break;
  }
  case "presign":
    console.log(await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key }), { expiresIn: 600 }));
    break;
  case "rm":
    await s3.send(new DeleteObjectCommand({ Bucket, Key }));
    break;
  default:
    console.error(`unknown verb: ${verb}`);
    process.exit(2);
}
