// The management API (/api/v1) as the console uses it. No DOM in here, only fetch, so the
// same module runs in Node against a live server in the integration tests.

/** Files up to this size go up in one form POST; larger ones as a multipart upload. */
export const SINGLE_UPLOAD_LIMIT = 25 * 1024 * 1024;
export const PART_SIZE = 25 * 1024 * 1024;
const MAX_PARTS = 10000;
/** The most keys one POST .../objects/delete may name. */
export const DELETE_BATCH = 1000;

/** A refusal of the API: its HTTP status, machine code and message for people. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** An object key as a path: each segment percent-encoded, the slashes kept. */
export function encodeKey(key) {
  return key.split('/').map(encodeURIComponent).join('/');
}

/** The part size for a file: the default, or larger when the file needs more than 10,000 parts. */
export function partSizeFor(fileSize, preferred = PART_SIZE) {
  return Math.max(preferred, Math.ceil(fileSize / MAX_PARTS));
}

export class VolumeGateApi {
  /**
   * @param base  where the server is ('' in the browser: this origin)
   * @param token a bearer token from login(), or null
   */
  constructor(base = '', token = null) {
    this.base = base.replace(/\/+$/, '');
    this.token = token;
  }

  /** Exchanges an S3 key pair for a token, which this client then uses. */
  async login(accessKeyId, secretAccessKey) {
    const answer = await this.#call('POST', '/auth/token', { access_key_id: accessKeyId, secret_access_key: secretAccessKey });
    this.token = answer.token;
    return answer;
  }

  /** Trades this client's token, before it expires, for a new one, which this client then uses: {token, expires_in}. */
  async renew() {
    const answer = await this.#call('POST', '/auth/refresh');
    this.token = answer.token;
    return answer;
  }

  caller() { return this.#call('GET', '/credentials'); }

  async buckets() { return (await this.#call('GET', '/buckets')).buckets; }

  createBucket(name) { return this.#call('POST', '/buckets', { name }); }

  deleteBucket(name) { return this.#call('DELETE', `/buckets/${encodeURIComponent(name)}`); }

  /** One page of a listing: {objects, common_prefixes, is_truncated, next_continuation_token, ...}. */
  listObjects(bucket, { prefix = '', delimiter = '/', continuationToken = null, maxKeys = 1000 } = {}) {
    const query = new URLSearchParams({ prefix, delimiter, max_keys: String(maxKeys) });
    if (continuationToken) query.set('continuation_token', continuationToken);
    return this.#call('GET', `${this.#bucketPath(bucket)}/objects?${query}`);
  }

  /** {status: 'deleted', bucket, key}, also when there was nothing to delete. */
  deleteObject(bucket, key) { return this.#call('DELETE', this.#objectPath(bucket, key)); }

  /**
   * Deletes any number of keys, DELETE_BATCH (the API's limit) per request, one request after
   * another: {status: 'deleted' | 'partial', deleted, errors}, merged over the requests. A
   * refused request (an ApiError) stops there and is thrown; the batches before it stay deleted.
   */
  async deleteObjects(bucket, keys) {
    const merged = { status: 'deleted', deleted: [], errors: [] };
    for (let start = 0; start < keys.length; start += DELETE_BATCH) {
      const batch = keys.slice(start, start + DELETE_BATCH);
      const result = await this.#call('POST', `${this.#bucketPath(bucket)}/objects/delete`, { keys: batch });
      merged.deleted.push(...(result.deleted || []));
      merged.errors.push(...(result.errors || []));
      if (result.status !== 'deleted' || (result.errors && result.errors.length)) merged.status = 'partial';
    }
    return merged;
  }

  /**
   * A presigned S3 GET URL: the browser downloads straight from the S3 endpoint. contentType
   * and disposition, when given, are the Content-Type and Content-Disposition the URL's answer
   * carries (text/plain; charset=utf-8 for a text file stored without a charset).
   */
  async downloadUrl(bucket, key, expiresIn = 300, { contentType = null, disposition = null } = {}) {
    const body = { bucket, key, expires_in: expiresIn, method: 'get_object' };
    if (contentType) body.response_content_type = contentType;
    if (disposition) body.response_content_disposition = disposition;
    return (await this.#call('POST', '/presign', body)).url;
  }

  /**
   * What the API's HEAD tells of an object (or of one version): {size, contentType, etag,
   * lastModified, metadata: {name: value}, checksums: {algorithm: value}}.
   */
  async describe(bucket, key, versionId = null) {
    const response = await this.#fetch('HEAD', this.#objectPath(bucket, key) + versionQuery(versionId));
    const described = {
      size: Number(response.headers.get('Content-Length')), contentType: response.headers.get('Content-Type'),
      etag: response.headers.get('ETag'), lastModified: response.headers.get('Last-Modified'), metadata: {}, checksums: {},
    };
    for (const [name, value] of response.headers) {
      if (name.startsWith('x-amz-meta-')) described.metadata[name.slice('x-amz-meta-'.length)] = value;
      else if (name.startsWith('x-amz-checksum-') && name !== 'x-amz-checksum-type') described.checksums[name.slice('x-amz-checksum-'.length)] = value;
    }
    return described;
  }

  /** The first maxBytes of an object, as bytes (a Uint8Array): what a preview shows. */
  async firstBytes(bucket, key, maxBytes) {
    const response = await this.#fetch('GET', this.#objectPath(bucket, key), undefined, { Range: `bytes=0-${maxBytes - 1}` });
    return new Uint8Array(await response.arrayBuffer());
  }

  /** The versions and delete markers of one key, newest first: [{VersionId, IsLatest, LastModified, Size?, deleteMarker}]. */
  async versions(bucket, key) {
    const found = [];
    let markers = {};
    for (;;) {
      const query = new URLSearchParams({ prefix: key, max_keys: '1000', ...markers });
      const page = await this.#call('GET', `${this.#bucketPath(bucket)}/versions?${query}`);
      for (const version of page.versions) if (version.Key === key) found.push({ ...version, deleteMarker: false });
      for (const marker of page.delete_markers) if (marker.Key === key) found.push({ ...marker, deleteMarker: true });
      if (!page.is_truncated || page.next_key_marker > key) break;
      markers = { key_marker: page.next_key_marker, version_id_marker: page.next_version_id_marker };
    }
    return found.sort((a, b) => Date.parse(b.LastModified) - Date.parse(a.LastModified) || (b.IsLatest ? 1 : 0) - (a.IsLatest ? 1 : 0));
  }

  /** Makes an older version the current one again: copies it onto its key (a new version). */
  restoreVersion(bucket, key, versionId) {
    return this.#call('POST', `${this.#objectPath(bucket, key)}/copy`, { source_bucket: bucket, source_key: key, source_version_id: versionId });
  }

  /** Removes one version for good (removing the latest delete marker brings the object back). */
  deleteVersion(bucket, key, versionId) {
    return this.#call('DELETE', this.#objectPath(bucket, key) + versionQuery(versionId));
  }

  /** The object's ACL: {owner: {ID, DisplayName}, grants: [{Grantee, Permission}]}. */
  acl(bucket, key) { return this.#call('GET', `${this.#objectPath(bucket, key)}/acl`); }

  /** Replaces the object's ACL with these grants (boto3's AccessControlPolicy). */
  putAcl(bucket, key, owner, grants) {
    return this.#call('PUT', `${this.#objectPath(bucket, key)}/acl`, { Owner: { ID: owner.ID }, Grants: grants });
  }

  /** The selected keys as one ZIP, as a Blob. */
  async downloadZip(bucket, keys) {
    const response = await this.#fetch('POST', `${this.#bucketPath(bucket)}/objects/download`, { keys });
    return response.blob();
  }

  /** A credential-free link: {url, expires_at}. */
  share(bucket, key, expiresIn = 86400) {
    return this.#call('POST', `${this.#bucketPath(bucket)}/share`, { key, expires_in: expiresIn });
  }

  async credentials() { return (await this.#call('GET', '/credentials/keys')).credentials; }

  /** A new S3 key pair; its secret is in this answer only. */
  createCredential({ buckets = null, readOnly = false, admin = false, description = '' }) {
    return this.#call('POST', '/credentials', { buckets, read_only: readOnly, admin, description });
  }

  deleteCredential(accessKeyId) { return this.#call('DELETE', `/credentials/keys/${encodeURIComponent(accessKeyId)}`); }

  /**
   * Uploads a Blob (a File in the browser) to bucket/key: small files in one form POST, larger
   * ones part by part to presigned S3 URLs, then completed. onProgress(bytesSent, total) is
   * called as parts finish. A failed multipart upload is aborted, so no parts are left behind.
   */
  async upload(bucket, key, blob, { onProgress = () => {}, partSize = PART_SIZE, contentType = blob.type } = {}) {
    if (blob.size <= SINGLE_UPLOAD_LIMIT) {
      const form = new FormData();
      form.append('file', blob, key.split('/').pop());
      const info = await this.#call('POST', this.#objectPath(bucket, key), form);
      onProgress(blob.size, blob.size);
      return info;
    }
    return this.uploadInParts(bucket, key, blob, { onProgress, partSize, contentType });
  }

  /** A folder as S3 consoles make one: the empty object `key`, which ends in '/'. */
  createFolder(bucket, key) {
    const form = new FormData();
    form.append('file', new Blob([]), key.replace(/\/+$/, '').split('/').pop());
    return this.#call('POST', this.#objectPath(bucket, key), form);
  }

  async uploadInParts(bucket, key, blob, { onProgress = () => {}, partSize = PART_SIZE, contentType = blob.type } = {}) {
    const path = `${this.#bucketPath(bucket)}/multipart/${encodeKey(key)}`;
    const plan = await this.#call('POST', `${path}/presign`, {
      file_size: blob.size, part_size: partSizeFor(blob.size, partSize), expires_in: 3600, content_type: contentType || null,
    });
    try {
      const parts = [];
      let sent = 0;
      for (const { part_number: number, url } of plan.urls) {
        const start = (number - 1) * plan.part_size;
        const slice = blob.slice(start, Math.min(blob.size, start + plan.part_size));
        const response = await fetch(url, { method: 'PUT', body: slice });
        if (!response.ok) throw await s3Error(response);
        const etag = response.headers.get('ETag');
        if (!etag) throw new ApiError(0, 'NoETag', 'The S3 endpoint did not expose the part\'s ETag (is this origin in volumegate.cors.origins?).');
        parts.push({ PartNumber: number, ETag: etag });
        sent += slice.size;
        onProgress(sent, blob.size);
      }
      return await this.#call('POST', `${path}/complete`, { upload_id: plan.upload_id, parts });
    } catch (failure) {
      await this.abortUpload(bucket, key, plan.upload_id).catch(() => {});
      throw failure;
    }
  }

  /** Abandons a multipart upload and removes its parts: {status: 'aborted'}. */
  abortUpload(bucket, key, uploadId) {
    return this.#call('POST', `${this.#bucketPath(bucket)}/multipart/${encodeKey(key)}/abort`, { upload_id: uploadId });
  }

  /** The parts of a multipart upload so far: {parts: [{PartNumber, Size, ETag, LastModified}], is_truncated, ...}. */
  listParts(bucket, key, uploadId, maxParts = 1000) {
    const query = new URLSearchParams({ upload_id: uploadId, max_parts: String(maxParts) });
    return this.#call('GET', `${this.#bucketPath(bucket)}/multipart/${encodeKey(key)}/parts?${query}`);
  }

  #bucketPath(bucket) { return `/buckets/${encodeURIComponent(bucket)}`; }

  #objectPath(bucket, key) { return `${this.#bucketPath(bucket)}/objects/${encodeKey(key)}`; }

  /** A JSON answer (null for 204), or an ApiError. */
  async #call(method, path, body) {
    const response = await this.#fetch(method, path, body);
    if (response.status === 204) return null;
    return response.json();
  }

  async #fetch(method, path, body, extraHeaders = {}) {
    const headers = { ...extraHeaders };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let payload = body;
    if (body !== undefined && !(body instanceof FormData)) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(`${this.base}/api/v1${path}`, { method, headers, body: payload });
    if (!response.ok) {
      let error = { code: 'HttpError', message: `${method} ${path}: HTTP ${response.status}` };
      try { error = await response.json(); } catch { /* not JSON: keep the generic message */ }
      throw new ApiError(response.status, error.code, error.message);
    }
    return response;
  }
}

function versionQuery(versionId) {
  return versionId ? `?${new URLSearchParams({ version_id: versionId })}` : '';
}

/** The code and message of an S3 XML error document. */
async function s3Error(response) {
  const text = await response.text();
  const field = (name) => (text.match(new RegExp(`<${name}>([^<]*)</${name}>`)) || [])[1];
  return new ApiError(response.status, field('Code') || 'HttpError', field('Message') || `HTTP ${response.status}`);
}
