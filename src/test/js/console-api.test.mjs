// The console's API client (webapp/console/api.js) against a running server, in Node: run by
// io.volumegate.it.ConsoleIT with VOLUMEGATE_ENDPOINT, VOLUMEGATE_ACCESS_KEY and
// VOLUMEGATE_SECRET_KEY set to the integration-test server and its admin key pair.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, VolumeGateApi, encodeKey, partSizeFor, PART_SIZE, DELETE_BATCH } from '../../../webapp/console/api.js';

const endpoint = process.env.VOLUMEGATE_ENDPOINT;
const accessKey = process.env.VOLUMEGATE_ACCESS_KEY;
const secretKey = process.env.VOLUMEGATE_SECRET_KEY;
const bucket = 'consoleit-js';
const MIB = 1024 * 1024;

async function admin() {
  const api = new VolumeGateApi(endpoint);
  await api.login(accessKey, secretKey);
  return api;
}

function pattern(length) {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + (i >> 11)) & 0xff;
  return bytes;
}

test('keys are encoded segment by segment and part sizes respect the 10,000-part limit', () => {
  assert.equal(encodeKey('a b/c%d+e/ü?#'), 'a%20b/c%25d%2Be/%C3%BC%3F%23');
  assert.equal(partSizeFor(100 * MIB), PART_SIZE);
  assert.equal(partSizeFor(10000 * PART_SIZE + 1), PART_SIZE + 1);
});

test('deleting 2,500 keys sends 1000 + 1000 + 500 and merges the answers', async () => {
  const keys = Array.from({ length: 2500 }, (_, i) => `k/${i}`);
  const sent = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url, options) => {
    assert.equal(url, 'http://vg.test/api/v1/buckets/b%20x/objects/delete');
    assert.equal(options.method, 'POST');
    assert.equal(options.headers.Authorization, 'Bearer t');
    const batch = JSON.parse(options.body).keys;
    sent.push(batch);
    // the second batch fails for one key, as the API reports it
    const errors = sent.length === 2 ? [{ key: batch[0], code: 'AccessDenied', message: 'no' }] : [];
    const deleted = batch.filter((key) => !errors.some((error) => error.key === key));
    return new Response(JSON.stringify({ status: errors.length ? 'partial' : 'deleted', deleted, errors }),
      { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  try {
    const api = new VolumeGateApi('http://vg.test/', 't');
    const result = await api.deleteObjects('b x', keys);
    assert.equal(DELETE_BATCH, 1000);
    assert.deepEqual(sent.map((batch) => batch.length), [1000, 1000, 500]);
    assert.deepEqual(sent.flat(), keys);
    assert.equal(result.status, 'partial');
    assert.deepEqual(result.deleted, keys.filter((key) => key !== 'k/1000'));
    assert.deepEqual(result.errors, [{ key: 'k/1000', code: 'AccessDenied', message: 'no' }]);

    sent.length = 0;
    const small = await api.deleteObjects('b x', ['a', 'b']);
    assert.deepEqual(sent, [['a', 'b']]);
    assert.deepEqual(small, { status: 'deleted', deleted: ['a', 'b'], errors: [] });
  } finally {
    globalThis.fetch = realFetch;
  }
});

test('a wrong secret is an ApiError with the API\'s status and code', async () => {
  const api = new VolumeGateApi(endpoint);
  await assert.rejects(api.login(accessKey, 'wrong'), (error) => error instanceof ApiError && error.status === 401 && error.code === 'Unauthorized');
  assert.equal(api.token, null);
});

test('buckets, uploads, listing, download, share and delete as the console does them', async () => {
  const api = await admin();
  assert.equal((await api.caller()).access_key_id, accessKey);
  await api.createBucket(bucket);
  assert.ok((await api.buckets()).some((b) => b.name === bucket));

  const small = await api.upload(bucket, 'docs/a b+c.txt', new Blob(['hello console'], { type: 'text/plain' }));
  assert.equal(small.key, 'docs/a b+c.txt');
  assert.equal(small.content_type, 'text/plain');

  const big = pattern(11 * MIB + 7);
  const progress = [];
  const info = await api.uploadInParts(bucket, 'docs/big.bin', new Blob([big]), { partSize: 5 * MIB, onProgress: (sent) => progress.push(sent) });
  assert.match(info.etag, /-3"$/);
  assert.deepEqual(progress, [5 * MIB, 10 * MIB, big.length]);
  const downloaded = new Uint8Array(await (await fetch(await api.downloadUrl(bucket, 'docs/big.bin'))).arrayBuffer());
  assert.deepEqual(downloaded, big);

  const root = await api.listObjects(bucket);
  assert.deepEqual(root.common_prefixes, ['docs/']);
  const docs = await api.listObjects(bucket, { prefix: 'docs/' });
  assert.deepEqual(docs.objects.map((o) => o.key), ['docs/a b+c.txt', 'docs/big.bin']);

  const asText = await fetch(await api.downloadUrl(bucket, 'docs/a b+c.txt', 60, { contentType: 'text/plain; charset=utf-8' }));
  assert.equal(asText.headers.get('Content-Type'), 'text/plain; charset=utf-8');
  assert.equal(await asText.text(), 'hello console');

  await api.createFolder(bucket, 'docs/new folder/');
  assert.deepEqual((await api.listObjects(bucket, { prefix: 'docs/' })).common_prefixes, ['docs/new folder/']);
  await api.deleteObject(bucket, 'docs/new folder/');

  const link = await api.share(bucket, 'docs/a b+c.txt', 3600);
  assert.equal(await (await fetch(link.url)).text(), 'hello console');

  const zip = await api.downloadZip(bucket, ['docs/a b+c.txt']);
  assert.equal(new TextDecoder().decode(new Uint8Array(await zip.slice(0, 2).arrayBuffer())), 'PK');

  const deleted = await api.deleteObjects(bucket, ['docs/a b+c.txt', 'docs/big.bin']);
  assert.equal(deleted.status, 'deleted');
  assert.deepEqual(deleted.deleted, ['docs/a b+c.txt', 'docs/big.bin']);
  assert.deepEqual(await api.deleteObject(bucket, 'docs/gone.txt'), { status: 'deleted', bucket, key: 'docs/gone.txt' });
  assert.equal((await api.listObjects(bucket, { prefix: 'docs/' })).objects.length, 0);
});

test('a multipart upload that fails is aborted: no parts and no upload are left behind', async () => {
  const api = await admin();
  await api.createBucket('consoleit-js-abort').catch(() => {});
  const realFetch = globalThis.fetch;
  let uploadId = null;
  globalThis.fetch = async (url, options) => {
    const response = await realFetch(url, options);
    if (String(url).includes('/multipart/') && String(url).endsWith('/presign')) uploadId = (await response.clone().json()).upload_id;
    if (options && options.method === 'PUT' && String(url).includes('partNumber=2')) return new Response('<Error><Code>InternalError</Code><Message>broken</Message></Error>', { status: 500 });
    return response;
  };
  try {
    await assert.rejects(api.uploadInParts('consoleit-js-abort', 'fails.bin', new Blob([pattern(6 * MIB)]), { partSize: 5 * MIB }),
      (error) => error.code === 'InternalError');
  } finally {
    globalThis.fetch = realFetch;
  }
  assert.ok(uploadId);
  await assert.rejects(api.listParts('consoleit-js-abort', 'fails.bin', uploadId), (error) => error.status === 404 && error.code === 'NoSuchUpload');
});

test('a credential made in the console is scoped, and deleting it ends its sessions', async () => {
  const api = await admin();
  await api.createBucket('consoleit-js-scoped').catch(() => {});
  const created = await api.createCredential({ buckets: ['consoleit-js-scoped'], readOnly: true, description: 'console test' });
  assert.ok(created.secret_access_key);
  assert.ok((await api.credentials()).some((c) => c.access_key_id === created.access_key_id && c.secret_access_key === undefined));

  const reader = new VolumeGateApi(endpoint);
  await reader.login(created.access_key_id, created.secret_access_key);
  assert.deepEqual((await reader.buckets()).map((b) => b.name), ['consoleit-js-scoped']);
  await assert.rejects(reader.upload('consoleit-js-scoped', 'x.txt', new Blob(['x'])), (error) => error.status === 403);

  await api.deleteCredential(created.access_key_id);
  await assert.rejects(reader.buckets(), (error) => error.status === 401);
});
