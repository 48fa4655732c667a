import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_SCHEME_PRIVILEGES } from './appOrigin';
import { createAppProtocolHandler } from './createAppProtocolHandler';

describe('the app:// protocol handler', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'qtb-app-'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  const handle = createAppProtocolHandler(root);

  it('serves the entry page on the app origin', async () => {
    const response = await handle(new Request(APP_ENTRY_URL));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html>');
  });

  it('answers 404 for any other host on the scheme', async () => {
    expect((await handle(new Request('app://other-host/index.html'))).status).toBe(404);
  });

  it('is a standard, secure scheme with fetch, and never bypasses the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true, bypassCSP: false });
  });
});
