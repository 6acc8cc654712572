// The web console: a small single-page app over the management API (api.js). Views are
// chosen by the URL fragment (#/buckets, #/b/<bucket>/<folder>, #/credentials). Everything a
// user or an object key supplies reaches the page as text nodes, never as HTML.
import { ApiError, VolumeGateApi } from './api.js';

const TOKEN = 'volumegate.token';
const api = new VolumeGateApi('', sessionStorage.getItem(TOKEN));
const $ = (id) => document.getElementById(id);
let caller = null;
let listing = null; // {bucket, prefix, nextToken, writable, entries, selected}
/** How the rows are ordered: by 'name', 'size' or 'modified'; folders always come first. */
const order = { by: 'name', descending: false };
/** Natural order of names: 1, 2, 10 (not 1, 10, 2), case and accents aside. */
const names = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

// ---- small helpers -----------------------------------------------------------------------

/** An element with properties (on*, className, ...) and children (strings become text). */
function el(tag, properties = {}, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/**
 * A bucket's usage against its quota, e.g. "80 B of 100 B · 2 of 3 objects"; a limit it has
 * not, just the number; "counting…" while its first count runs (the API answers no usage yet).
 */
function usage(bucket) {
  if (!bucket.usage) return 'counting…';
  const quota = bucket.quota || {};
  const count = bucket.usage.objects;
  const bytes = size(bucket.usage.bytes) + (quota.max_bytes != null ? ` of ${size(quota.max_bytes)}` : '');
  const objects = quota.max_objects != null ? `${count} of ${quota.max_objects} objects` : `${count} object${count === 1 ? '' : 's'}`;
  return `${bytes} · ${objects}`;
}

function date(iso) { return iso ? new Date(iso).toLocaleString() : ''; }

let statusTimer;
function say(message, isError = false) {
  const status = $('status');
  status.textContent = message;
  status.className = `shown${isError ? ' error' : ''}`;
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => { status.className = ''; }, isError ? 6000 : 2500);
}

/** Runs an action; an expired or deleted credential sends the user back to sign in. */
async function attempt(action) {
  try {
    return await action();
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 401) {
      signOut('Your session ended; sign in again.');
      return undefined;
    }
    say(failure.message || String(failure), true);
    return undefined;
  }
}

function show(view) {
  for (const id of ['login-view', 'buckets-view', 'objects-view', 'credentials-view']) $(id).hidden = id !== view;
  $('nav').hidden = view === 'login-view';
}

// ---- sign in -----------------------------------------------------------------------------

async function signIn(event) {
  event.preventDefault();
  const form = event.target;
  try {
    const answer = await api.login(form.access.value.trim(), form.secret.value);
    sessionStorage.setItem(TOKEN, api.token);
    keepSignedIn(answer.expires_in);
    form.reset();
    caller = null;
    await route();
  } catch (failure) {
    say(failure.status === 401 || failure.status === 403 ? 'Those keys were not accepted.' : failure.message, true);
  }
}

let renewTimer = null;

/**
 * Renews the token before it expires (after 80% of its lifetime, at least a minute before its
 * end), again and again while the tab is signed in, so a long upload never meets an expired
 * token at its last step.
 */
function keepSignedIn(expiresIn) {
  clearTimeout(renewTimer);
  renewTimer = setTimeout(renewToken, Math.max(5, Math.min(expiresIn * 0.8, expiresIn - 60)) * 1000);
}

async function renewToken() {
  try {
    const answer = await api.renew();
    sessionStorage.setItem(TOKEN, api.token);
    keepSignedIn(answer.expires_in);
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 401) signOut('Your session ended; sign in again.');
    else renewTimer = setTimeout(renewToken, 30_000); // the network, most likely: try again soon
  }
}

function signOut(message) {
  clearTimeout(renewTimer);
  renewTimer = null;
  sessionStorage.removeItem(TOKEN);
  api.token = null;
  caller = null;
  show('login-view');
  if (message) say(message, true);
}

// ---- buckets -----------------------------------------------------------------------------

async function showBuckets() {
  show('buckets-view');
  $('create-bucket').hidden = caller.read_only;
  const buckets = await attempt(() => api.buckets());
  if (!buckets) return;
  const rows = buckets.map((bucket) => el('tr', {},
    el('td', {}, el('a', { href: `#/b/${encodeURIComponent(bucket.name)}/` }, bucket.name)),
    el('td', {}, date(bucket.creation_date)),
    el('td', { className: 'usage' }, usage(bucket)),
    el('td', {}, bucket.writable ? 'read-write' : 'read-only'),
    el('td', { className: 'actions' }, bucket.writable
      ? el('button', { type: 'button', className: 'link', textContent: 'Delete', onclick: () => deleteBucket(bucket.name) }) : null)));
  $('bucket-rows').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colSpan: 5, className: 'empty' }, 'No buckets yet.'))]));
}

async function createBucket(event) {
  event.preventDefault();
  const name = event.target.name.value.trim();
  if (await attempt(() => api.createBucket(name))) {
    event.target.reset();
    say(`Bucket ${name} created.`);
    await showBuckets();
  }
}

async function deleteBucket(name) {
  if (!confirm(`Delete the bucket ${name}? It must be empty.`)) return;
  if (await attempt(async () => { await api.deleteBucket(name); return true; })) {
    say(`Bucket ${name} deleted.`);
    await showBuckets();
  }
}

// ---- objects -----------------------------------------------------------------------------

async function showObjects(bucket, prefix) {
  show('objects-view');
  const sameFolder = listing && listing.bucket === bucket && listing.prefix === prefix;
  listing = { bucket, prefix, nextToken: null, writable: false, entries: [], selected: new Set() };
  renderBreadcrumbs(bucket, prefix);
  showWriteActions(false); // until the server says this caller may write here
  if (!sameFolder) {
    $('filter').value = '';
    $('new-folder-form').hidden = true;
    for (const done of document.querySelectorAll('#uploads li.finished')) done.remove();
  }
  $('object-rows').replaceChildren();
  $('select-all').checked = false;
  updateSelection();
  const writable = await mayWrite(bucket);
  if (listing.bucket !== bucket || listing.prefix !== prefix) return;
  listing.writable = writable;
  showWriteActions(writable);
  await loadPage();
}

/** Lists the folder again from the start (Refresh, and after every change made here). */
function refresh() {
  return showObjects(listing.bucket, listing.prefix);
}

/** Whether the caller may write to the bucket: its writable flag in the bucket list. */
async function mayWrite(bucket) {
  if (caller.read_only) return false;
  const buckets = await attempt(() => api.buckets());
  const entry = buckets && buckets.find((candidate) => candidate.name === bucket);
  return Boolean(entry && entry.writable);
}

/** Upload, New folder, the drop zone and Delete are there only for a caller who may use them. */
function showWriteActions(writable) {
  for (const id of ['upload-button', 'upload-folder-button', 'new-folder', 'drop-zone', 'uploads', 'delete-selected']) $(id).hidden = !writable;
  if (!writable) $('new-folder-form').hidden = true;
}

function renderBreadcrumbs(bucket, prefix) {
  const crumbs = [el('a', { href: '#/buckets' }, 'Buckets'), ' / ', el('a', { href: folderLink(bucket, '') }, bucket)];
  let path = '';
  for (const segment of prefix.split('/').filter(Boolean)) {
    path += `${segment}/`;
    crumbs.push(' / ', el('a', { href: folderLink(bucket, path) }, segment));
  }
  $('breadcrumbs').replaceChildren(...crumbs);
}

function folderLink(bucket, prefix) {
  return `#/b/${encodeURIComponent(bucket)}/${prefix.split('/').map(encodeURIComponent).join('/')}`;
}

/** The next page of the folder's listing, added to what is shown. */
async function loadPage() {
  const { bucket, prefix, nextToken } = listing;
  const page = await attempt(() => api.listObjects(bucket, { prefix, continuationToken: nextToken }));
  if (!page || listing.bucket !== bucket || listing.prefix !== prefix) return;
  for (const folder of page.common_prefixes) {
    listing.entries.push({ folder: true, key: folder, name: folder.slice(prefix.length) });
  }
  for (const object of page.objects) {
    if (object.key === prefix) continue; // the folder itself
    listing.entries.push({ folder: false, key: object.key, name: object.key.slice(prefix.length), size: object.size,
      modified: object.last_modified });
  }
  listing.nextToken = page.is_truncated ? page.next_continuation_token : null;
  $('load-more').hidden = !listing.nextToken;
  renderRows();
}

/** Folders first, then by the chosen column; names in natural order (ties too). */
function compareEntries(a, b) {
  if (a.folder !== b.folder) return a.folder ? -1 : 1;
  let result = 0;
  if (order.by === 'size' && !a.folder) result = a.size - b.size;
  else if (order.by === 'modified' && !a.folder) result = Date.parse(a.modified) - Date.parse(b.modified);
  if (result === 0) result = names.compare(a.name, b.name);
  return order.descending ? -result : result;
}

/** The loaded entries that match the filter, in the chosen order, as rows. */
function renderRows() {
  const { bucket } = listing;
  const filter = $('filter').value.trim().toLocaleLowerCase();
  const shown = listing.entries.filter((entry) => entry.name.toLocaleLowerCase().includes(filter)).sort(compareEntries);
  const rows = shown.map((entry) => (entry.folder
    ? el('tr', { className: 'folder' },
      el('td', { className: 'check' }),
      el('td', { className: 'name' }, el('a', { href: folderLink(bucket, entry.key) }, entry.name)),
      el('td', { className: 'number' }, '—'), el('td', { className: 'modified' }), el('td', {}))
    : objectRow(bucket, entry)));
  if (rows.length === 0) {
    const empty = listing.entries.length ? 'Nothing here matches the filter.' : 'This folder is empty.';
    if (!listing.nextToken) rows.push(el('tr', {}, el('td', { colSpan: 5, className: 'empty' }, empty)));
  }
  $('object-rows').replaceChildren(...rows);
  for (const header of document.querySelectorAll('#objects-table th[aria-sort]')) {
    const by = header.querySelector('button').dataset.sort;
    header.setAttribute('aria-sort', by !== order.by ? 'none' : order.descending ? 'descending' : 'ascending');
  }
  updateSelection();
}

function objectRow(bucket, entry) {
  const box = el('input', { type: 'checkbox', value: entry.key, checked: listing.selected.has(entry.key) });
  box.setAttribute('aria-label', `Select ${entry.name}`);
  box.addEventListener('change', () => {
    if (box.checked) listing.selected.add(entry.key);
    else listing.selected.delete(entry.key);
    updateSelection();
  });
  const button = (text, action) => {
    const node = el('button', { type: 'button', className: 'link', textContent: text, onclick: action });
    node.setAttribute('aria-label', `${text} ${entry.name}`);
    return node;
  };
  return el('tr', {},
    el('td', { className: 'check' }, box),
    el('td', { className: 'name' }, objectLink(bucket, entry.key, entry.name)),
    el('td', { className: 'number' }, size(entry.size)),
    el('td', { className: 'modified' }, date(entry.modified)),
    el('td', { className: 'actions' },
      button('Details', () => openDetails(bucket, entry.key)),
      button('Share', () => openShare(bucket, entry.key)),
      listing.writable ? button('Delete', () => deleteKeys([entry.key])) : null));
}

/** A click on a column's header sorts by it; a second click reverses the order. */
function sortBy(by) {
  order.descending = order.by === by ? !order.descending : false;
  order.by = by;
  renderRows();
}

function selectedKeys() {
  return [...listing.selected];
}

function updateSelection() {
  const count = selectedKeys().length;
  $('delete-selected').disabled = count === 0;
  $('download-selected').disabled = count === 0;
}

/** Names of files that are text: they open as UTF-8 plain text, whatever charset they were stored with (none, mostly). */
const TEXT_FILE = /\.(txt|text|md|markdown|csv|tsv|log|json|xml|ya?ml|ini|conf|cfg|toml|properties|sh|py|js|mjs|ts|java|c|h|cpp|go|rs|rb|sql|css)$/i;

/** What the presigned URL of a key asks the S3 endpoint to answer with: text files as UTF-8 text. */
function openAs(key) {
  return TEXT_FILE.test(key) ? { contentType: 'text/plain; charset=utf-8' } : {};
}

/** How long a presigned link on a row is used before it is signed again (it lasts 300 s). */
const LINK_FRESH_MS = 240_000;

/**
 * An object's name as a link that opens the object in a new tab, never in the console's: the
 * presigned URL is fetched when the pointer or focus reaches the link, so a plain click, a
 * middle-click or "open in new tab" follow a real href. A click that comes before the URL is
 * there opens the new tab at once (while it is still the user's click, so no pop-up blocker
 * stops it) and sends it to the URL when it arrives.
 */
function objectLink(bucket, key, label) {
  const link = el('a', { href: '#', target: '_blank', rel: 'noopener', className: 'object-link', title: 'Open in a new tab' }, label);
  let signedAt = 0;
  let signing = null;
  const sign = () => {
    if (!signing) {
      signing = api.downloadUrl(bucket, key, 300, openAs(key)).then((url) => {
        link.href = url;
        signedAt = Date.now();
        return url;
      }).finally(() => { signing = null; });
    }
    return signing;
  };
  const fresh = () => signedAt > 0 && Date.now() - signedAt < LINK_FRESH_MS;
  const arm = () => { if (!fresh()) sign().catch(() => {}); };
  link.addEventListener('pointerenter', arm);
  link.addEventListener('focus', arm);
  link.addEventListener('click', (event) => {
    if (fresh()) return; // the browser opens link.href in a new tab
    event.preventDefault();
    const tab = window.open('', '_blank');
    if (tab) tab.opener = null;
    attempt(async () => {
      const url = await sign();
      if (tab) tab.location.href = url;
      else say('The browser blocked the new tab; click the name again.', true);
      return url;
    }).then((url) => { if (!url && tab) tab.close(); });
  });
  return link;
}

async function downloadSelected() {
  const keys = selectedKeys();
  const zip = await attempt(() => api.downloadZip(listing.bucket, keys));
  if (!zip) return;
  const link = el('a', { href: URL.createObjectURL(zip), download: `${listing.bucket}.zip` });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

async function deleteKeys(keys) {
  if (!confirm(keys.length === 1 ? `Delete ${keys[0]}?` : `Delete ${keys.length} objects?`)) return;
  const result = await attempt(() => api.deleteObjects(listing.bucket, keys));
  if (!result) return;
  if (result.errors.length) say(`${result.errors.length} could not be deleted: ${result.errors[0].message}`, true);
  else say(`${result.deleted.length} deleted.`);
  await refresh();
}

// ---- uploads and new folders ------------------------------------------------------------

/**
 * Uploads files into the folder shown, one after another: each {file, path}, path the file's
 * place below the folder ('a.txt', or 'photos/2024/a.jpg' for a folder's file: the tree is kept).
 */
async function uploadFiles(chosen) {
  const { bucket, prefix } = listing;
  const items = keepOrReplace(chosen);
  for (const { file, path } of items) {
    const bar = el('progress', { max: file.size || 1, value: 0 });
    const state = el('span', {}, 'waiting');
    const item = el('li', {}, el('span', {}, path), bar, state);
    $('uploads').append(item);
    try {
      state.textContent = 'uploading';
      await api.upload(bucket, prefix + path, file, { onProgress: (sent) => { bar.value = sent; } });
      bar.value = bar.max;
      state.textContent = 'done';
    } catch (failure) {
      state.textContent = failure.message;
      state.className = 'failed';
      if (failure.status === 401) { signOut('Your session ended; sign in again.'); return; }
    } finally {
      item.classList.add('finished');
    }
  }
  if (listing.bucket === bucket && listing.prefix === prefix) await refresh();
}

/**
 * The files to upload: all of them, unless some would replace objects listed in this folder
 * and the user, asked once, says no: then those are left out.
 */
function keepOrReplace(items) {
  const existing = new Set(listing.entries.filter((entry) => !entry.folder).map((entry) => entry.key));
  const clashes = items.filter(({ path }) => existing.has(listing.prefix + path));
  if (clashes.length === 0) return items;
  const names = clashes.slice(0, 5).map(({ path }) => path).join(', ') + (clashes.length > 5 ? ', ...' : '');
  if (confirm(`Replace ${clashes.length === 1 ? 'the existing' : `${clashes.length} existing`} ${names}?`)) return items;
  if (items.length > clashes.length) say(`Kept ${clashes.length} existing; uploading the others.`);
  return items.filter((item) => !clashes.includes(item));
}

/** Files chosen with an input: a folder's keep their path below it (webkitRelativePath). */
function chosenFiles(input) {
  return [...input.files].map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}

/** The files of a drop, folders walked to the bottom; read at once, while the drop's data is there. */
function droppedFiles(transfer) {
  const entries = [...transfer.items].map((item) => (item.webkitGetAsEntry ? item.webkitGetAsEntry() : null));
  if (entries.length === 0 || entries.some((entry) => !entry)) {
    const files = [...transfer.files].map((file) => ({ file, path: file.name }));
    return Promise.resolve(files);
  }
  return Promise.all(entries.map((entry) => walk(entry, ''))).then((lists) => lists.flat());
}

/** A dropped file, or every file below a dropped folder, with its path from the drop. */
async function walk(entry, base) {
  if (entry.isFile) return [{ file: await new Promise((ok, fail) => entry.file(ok, fail)), path: base + entry.name }];
  const reader = entry.createReader();
  const found = [];
  for (;;) {
    const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail)); // at most 100 at a time
    if (batch.length === 0) break;
    for (const child of batch) found.push(...await walk(child, `${base}${entry.name}/`));
  }
  return found;
}

function wireDropZone() {
  const zone = $('drop-zone');
  zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    droppedFiles(event.dataTransfer).then(uploadFiles, (failure) => say(failure.message || String(failure), true));
  });
}

/**
 * New folder, as S3 consoles make one: an empty object named 'name/' in the folder shown,
 * which lists as a folder until it is deleted.
 */
async function createFolder(event) {
  event.preventDefault();
  const form = event.target;
  const name = form.name.value.trim().replace(/^\/+|\/+$/g, '');
  if (!name || name.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    say('A folder name may not be empty, nor have empty, "." or ".." parts.', true);
    return;
  }
  const key = `${listing.prefix}${name}/`;
  if (await attempt(() => api.createFolder(listing.bucket, key))) {
    form.reset();
    form.hidden = true;
    say(`Folder ${name} created.`);
    await refresh();
  }
}

// ---- details: facts, preview, access, versions ---------------------------------------------

/** How much of a text file its preview shows. */
const PREVIEW_BYTES = 256 * 1024;
const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
let details = null; // {bucket, key, changed}

/** A button in the details panel's tables, named for what it acts on. */
function actionButton(text, what, action) {
  const node = el('button', { type: 'button', className: 'link', textContent: text, onclick: action });
  node.setAttribute('aria-label', `${text} ${what}`);
  return node;
}

function openDetails(bucket, key) {
  details = { bucket, key, changed: false };
  $('details-title').textContent = key.slice(key.lastIndexOf('/') + 1);
  for (const id of ['details-facts', 'details-preview', 'details-versions', 'details-access']) $(id).replaceChildren();
  $('details-public').hidden = true;
  $('details-dialog').showModal();
  return Promise.all([showFacts(), showAccess(), showVersions()]);
}

/** Whether the panel still shows what a request started for (it may have been closed or reopened since). */
function stillShowing(shown) {
  return details === shown && $('details-dialog').open;
}

async function showFacts() {
  const shown = details;
  const info = await attempt(() => api.describe(shown.bucket, shown.key));
  if (!info || !stillShowing(shown)) return;
  const facts = [['Key', shown.key], ['Size', `${size(info.size)} (${info.size} bytes)`], ['Type', info.contentType],
    ['ETag', info.etag], ['Last modified', date(info.lastModified)]];
  for (const [algorithm, value] of Object.entries(info.checksums)) facts.push([`Checksum (${algorithm.toUpperCase()})`, value]);
  for (const [name, value] of Object.entries(info.metadata)) facts.push([`Metadata: ${name}`, value]);
  $('details-facts').replaceChildren(...facts.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value || '—')]));
  await showPreview(shown, info);
}

/**
 * Images in an img and PDFs in a frame, each from a presigned URL; text (by type or by name)
 * as UTF-8 in a pre, its first PREVIEW_BYTES. Other types have no preview.
 */
async function showPreview(shown, info) {
  const type = (info.contentType || '').split(';')[0].trim().toLowerCase();
  const { bucket, key } = shown;
  let preview = null;
  if (info.size === 0) {
    preview = el('p', { className: 'hint' }, 'Empty.');
  } else if (type.startsWith('image/')) {
    const url = await attempt(() => api.downloadUrl(bucket, key, 300));
    if (url) preview = el('img', { src: url, alt: `Preview of ${key}` });
  } else if (type === 'application/pdf') {
    const url = await attempt(() => api.downloadUrl(bucket, key, 300, { contentType: 'application/pdf', disposition: 'inline' }));
    if (url) preview = el('iframe', { src: url, title: `Preview of ${key}` });
  } else if (type.startsWith('text/') || /[+/](json|xml)$/.test(type) || TEXT_FILE.test(key)) {
    const bytes = await attempt(() => api.firstBytes(bucket, key, PREVIEW_BYTES));
    if (bytes) {
      preview = el('div', {}, el('pre', {}, new TextDecoder('utf-8').decode(bytes)),
        info.size > bytes.length ? el('p', { className: 'hint' }, `The first ${size(bytes.length)} of ${size(info.size)}.`) : null);
    }
  }
  if (preview && stillShowing(shown)) $('details-preview').replaceChildren(preview);
}

const isPublicRead = (grant) => grant.Grantee && grant.Grantee.Type === 'Group' && grant.Grantee.URI === ALL_USERS
  && grant.Permission === 'READ';

/** Public (anyone may read it) or private, and the toggle between them for a caller who may write. */
async function showAccess() {
  const shown = details;
  const acl = await attempt(() => api.acl(shown.bucket, shown.key));
  if (!acl || !stillShowing(shown)) return;
  const isPublic = acl.grants.some(isPublicRead);
  $('details-access').textContent = isPublic ? 'Public: anyone may read it, without a link.'
    : `Private: its owner (${acl.owner.DisplayName || acl.owner.ID})${acl.grants.length > 1 ? ' and the grants of its ACL' : ''}.`;
  const toggle = $('details-public');
  toggle.textContent = isPublic ? 'Make private' : 'Make public';
  toggle.hidden = !listing.writable;
  toggle.onclick = async () => {
    if (!isPublic && !confirm(`Let anyone read ${shown.key}?`)) return;
    const grants = isPublic ? acl.grants.filter((grant) => !isPublicRead(grant))
      : [...acl.grants, { Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' }];
    if (await attempt(async () => { await api.putAcl(shown.bucket, shown.key, acl.owner, grants); return true; })) {
      say(isPublic ? 'Now private.' : 'Now public.');
      await showAccess();
    }
  };
}

async function showVersions() {
  const shown = details;
  const versions = await attempt(() => api.versions(shown.bucket, shown.key));
  if (!versions || !stillShowing(shown)) return;
  const rows = versions.map((version) => {
    const id = version.VersionId;
    const what = `version ${id}`;
    const notes = [version.IsLatest ? 'current' : null, version.deleteMarker ? 'delete marker' : null].filter(Boolean);
    return el('tr', {},
      el('td', {}, el('code', {}, id), notes.length ? ` (${notes.join(', ')})` : ''),
      el('td', {}, date(version.LastModified)),
      el('td', { className: 'number' }, version.deleteMarker ? '—' : size(version.Size)),
      el('td', { className: 'actions' },
        listing.writable && !version.IsLatest && !version.deleteMarker
          ? actionButton('Restore', what, () => restoreVersion(shown, id)) : null,
        listing.writable ? actionButton('Delete', what, () => deleteVersion(shown, id)) : null));
  });
  $('details-versions').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colSpan: 4, className: 'empty' }, 'No versions.'))]));
}

/** Restore: the version is copied onto its key, so it is the current one again (as a new version). */
async function restoreVersion(shown, versionId) {
  if (await attempt(() => api.restoreVersion(shown.bucket, shown.key, versionId))) {
    shown.changed = true;
    say('Restored.');
    await Promise.all([showFacts(), showVersions()]);
  }
}

async function deleteVersion(shown, versionId) {
  if (!confirm(`Delete version ${versionId} of ${shown.key} for good?`)) return;
  if (await attempt(() => api.deleteVersion(shown.bucket, shown.key, versionId))) {
    shown.changed = true;
    say('Version deleted.');
    await showVersions();
  }
}

// ---- share links -------------------------------------------------------------------------

let sharing = null;

function openShare(bucket, key) {
  sharing = { bucket, key };
  $('share-key').textContent = `${bucket}/${key}`;
  $('share-url').value = '';
  $('share-expiry').textContent = '';
  $('share-copy').disabled = true;
  shareMessage('');
  $('share-dialog').showModal();
}

async function createShare() {
  const link = await attempt(() => api.share(sharing.bucket, sharing.key, Number($('share-lifetime').value)));
  if (!link) return;
  $('share-url').value = link.url;
  $('share-expiry').textContent = `Anyone with this link may open ${sharing.key.slice(sharing.key.lastIndexOf('/') + 1)} until ${date(link.expires_at)}.`;
  $('share-copy').disabled = false;
  $('share-url').select();
}

/**
 * Copies the link: through navigator.clipboard where the page has it (a secure context:
 * https or localhost), else by selecting the read-only field and execCommand('copy'). The user
 * is told either way, beside the field: "Copied", or to select and copy the link by hand.
 */
async function copyShare() {
  const field = $('share-url');
  let copied = false;
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(field.value);
      copied = true;
    } catch { /* denied or unavailable: fall back below */ }
  }
  field.focus();
  field.select();
  if (!copied) {
    try { copied = document.execCommand('copy'); } catch { copied = false; }
  }
  shareMessage(copied ? 'Copied.' : 'Select and copy the link (Ctrl+C or ⌘C).', !copied);
}

function shareMessage(text, isError = false) {
  const message = $('share-message');
  message.textContent = text;
  message.className = isError ? 'error' : '';
}

// ---- credentials -------------------------------------------------------------------------

async function showCredentials() {
  show('credentials-view');
  const credentials = await attempt(() => api.credentials());
  if (!credentials) return;
  $('credential-rows').replaceChildren(...credentials.map((credential) => el('tr', {},
    el('td', {}, el('code', {}, credential.access_key_id)),
    el('td', {}, credential.description || ''),
    el('td', {}, credential.buckets ? credential.buckets.join(', ') : 'all'),
    el('td', {}, `${credential.read_only ? 'read-only' : 'read-write'}${credential.admin ? ', admin' : ''}`),
    el('td', { className: 'actions' }, credential.access_key_id === caller.access_key_id ? 'you'
      : el('button', { type: 'button', className: 'link', textContent: 'Delete', onclick: () => deleteCredential(credential.access_key_id) })))));
}

async function createCredential(event) {
  event.preventDefault();
  const form = event.target;
  const buckets = form.buckets.value.split(',').map((name) => name.trim()).filter(Boolean);
  const created = await attempt(() => api.createCredential({
    buckets: buckets.length ? buckets : null, readOnly: form.readOnly.checked, admin: form.admin.checked,
    description: form.description.value.trim(),
  }));
  if (!created) return;
  form.reset();
  $('new-secret').replaceChildren('Shown this once; store it now.', el('br'),
    `Access key id: ${created.access_key_id}`, el('br'), `Secret access key: ${created.secret_access_key}`);
  $('new-secret').hidden = false;
  await showCredentials();
}

async function deleteCredential(accessKeyId) {
  if (!confirm(`Delete ${accessKeyId}? Clients using it stop working at once.`)) return;
  if (await attempt(async () => { await api.deleteCredential(accessKeyId); return true; })) {
    say(`${accessKeyId} deleted.`);
    await showCredentials();
  }
}

// ---- routing -----------------------------------------------------------------------------

async function route() {
  if (!api.token) { show('login-view'); return; }
  if (!renewTimer) await renewToken(); // a reloaded tab: its token's time left is not known here
  if (!api.token) return;
  if (!caller) {
    caller = await attempt(() => api.caller());
    if (!caller) return;
    $('whoami').textContent = caller.access_key_id;
    $('nav-credentials').hidden = !caller.admin;
  }
  $('new-secret').hidden = true;
  const hash = window.location.hash;
  const objects = hash.match(/^#\/b\/([^/]+)\/(.*)$/);
  if (objects) {
    const prefix = objects[2].split('/').map(decodeURIComponent).join('/');
    await showObjects(decodeURIComponent(objects[1]), prefix);
  } else if (hash === '#/credentials' && caller.admin) {
    await showCredentials();
  } else {
    await showBuckets();
  }
}

$('login-form').addEventListener('submit', signIn);
$('sign-out').addEventListener('click', () => signOut());
$('create-bucket').addEventListener('submit', createBucket);
$('create-credential').addEventListener('submit', createCredential);
for (const id of ['upload-input', 'upload-folder-input']) {
  $(id).addEventListener('change', (event) => { uploadFiles(chosenFiles(event.target)); event.target.value = ''; });
}
$('new-folder').addEventListener('click', () => {
  $('new-folder-form').hidden = false;
  $('new-folder-form').name.focus();
});
$('new-folder-form').addEventListener('submit', createFolder);
$('new-folder-cancel').addEventListener('click', () => { $('new-folder-form').reset(); $('new-folder-form').hidden = true; });
$('refresh').addEventListener('click', refresh);
$('filter').addEventListener('input', renderRows);
for (const button of document.querySelectorAll('#objects-table button.sort')) {
  button.addEventListener('click', () => sortBy(button.dataset.sort));
}
$('select-all').addEventListener('change', (event) => {
  for (const box of document.querySelectorAll('#object-rows input[type=checkbox]')) {
    box.checked = event.target.checked;
    if (box.checked) listing.selected.add(box.value);
    else listing.selected.delete(box.value);
  }
  updateSelection();
});
$('delete-selected').addEventListener('click', () => deleteKeys(selectedKeys()));
$('download-selected').addEventListener('click', downloadSelected);
$('load-more').addEventListener('click', loadPage);
$('share-create').addEventListener('click', createShare);
$('share-copy').addEventListener('click', copyShare);
$('details-dialog').addEventListener('close', () => {
  const closed = details;
  details = null;
  $('details-preview').replaceChildren(); // stops a PDF or image that is still loading
  if (closed && closed.changed && listing && listing.bucket === closed.bucket) refresh();
});
wireDropZone();
window.addEventListener('hashchange', route);
route();
