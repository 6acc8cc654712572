// The browser upload path against a server (run it through with-server.sh):
//   src/test/scripts/with-server.sh node src/test/scripts/bench-browser-upload.mjs [MiB] [rounds]
// Per round, the same bytes: one presigned PUT (the single-request baseline) and the console's
// multipart flow (presign, 25 MiB parts PUT to presigned URLs, complete). Prints the ratio of
// their times in each round, and how long presigning 10,000 part URLs takes. Read ratios, not
// MiB/s: the machines are shared.
import { VolumeGateApi } from '../../../webapp/console/api.js';

const mib = Number(process.argv[2] || 256);
const rounds = Number(process.argv[3] || 3);
const api = new VolumeGateApi(process.env.ENDPOINT);
await api.login(process.env.AWS_ACCESS_KEY_ID, process.env.AWS_SECRET_ACCESS_KEY);
await api.createBucket('bench-browser').catch(() => {});

const bytes = new Uint8Array(mib * 1024 * 1024);
for (let i = 0; i < bytes.length; i += 4096) bytes[i] = (i * 2654435761) >>> 24; // not all zeros
const blob = new Blob([bytes]);

async function timed(action) {
  const start = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

for (let round = 1; round <= rounds; round++) {
  const single = await timed(async () => {
    const { url } = await (await fetch(`${process.env.ENDPOINT}/api/v1/presign`, {
      method: 'POST', headers: { Authorization: `Bearer ${api.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ bucket: 'bench-browser', key: 'single.bin', method: 'put_object' }),
    })).json();
    const response = await fetch(url, { method: 'PUT', body: blob });
    if (!response.ok) throw new Error(`PUT: ${response.status}`);
  });
  const parts = await timed(() => api.uploadInParts('bench-browser', 'parts.bin', blob));
  console.log(`round ${round}: ${mib} MiB single PUT ${single.toFixed(0)} ms, multipart flow ${parts.toFixed(0)} ms, ratio ${(parts / single).toFixed(2)}`);
}

const presign = await timed(async () => {
  const plan = await (await fetch(`${process.env.ENDPOINT}/api/v1/buckets/bench-browser/multipart/huge.bin/presign`, {
    method: 'POST', headers: { Authorization: `Bearer ${api.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ file_size: 10000 * 5 * 1024 * 1024, part_size: 5 * 1024 * 1024 }),
  })).json();
  if (plan.urls.length !== 10000) throw new Error('expected 10,000 URLs');
  await api.abortUpload('bench-browser', 'huge.bin', plan.upload_id);
});
console.log(`presigning 10,000 part URLs (and aborting the upload): ${presign.toFixed(0)} ms`);
