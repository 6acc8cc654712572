// ApiDocsIT's browser part, evaluated in the page /api/v1/docs as a user would use it: try out
// POST /auth/token with an S3 key pair, see Authorize become locked (the initializer signed the
// page in with the token), then try out GET /buckets, which goes out with that bearer token.
// An expression: a function of the key pair that answers what it saw.
(async (accessKeyId, secretAccessKey) => {
  const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
  const until = async (find, what) => {
    for (let i = 0; i < 120; i++) {
      const found = find();
      if (found) return found;
      await sleep(250);
    }
    throw new Error('timed out waiting for ' + what);
  };
  const tryOut = async (id, body) => {
    const operation = document.getElementById(id);
    if (!operation) throw new Error('no operation ' + id);
    operation.querySelector('.opblock-summary-control').click();
    (await until(() => operation.querySelector('button.try-out__btn'), id + ': Try it out')).click();
    if (body !== undefined) {
      const area = await until(() => operation.querySelector('textarea.body-param__text'), id + ': request body');
      // as typing does: React reads the native value on the input event
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(area, body);
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }
    (await until(() => operation.querySelector('button.execute'), id + ': Execute')).click();
    const status = await until(() => operation.querySelector('.live-responses-table .response .response-col_status'), id + ': answer');
    const curl = operation.querySelector('.curl-command');
    return { status: status.textContent.trim(), curl: curl ? curl.textContent : '' };
  };
  const authorize = () => document.querySelector('.btn.authorize').className;

  const before = authorize();
  const token = await tryOut('operations-auth-issueToken',
    JSON.stringify({ access_key_id: accessKeyId, secret_access_key: secretAccessKey }));
  await until(() => authorize().includes(' locked'), 'Authorize to be locked');
  const buckets = await tryOut('operations-buckets-listBuckets');
  return { before, token: token.status, after: authorize(), buckets: buckets.status, bucketsCurl: buckets.curl };
})
