import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/contentSecurityPolicy';
import { serveRendererFile } from './serveRendererFile';

/** A renderer folder with a secret beside it, and a symlink inside that points at the secret. */
function rendererFolder() {
  const base = mkdtempSync(path.join(tmpdir(), 'qtb-static-'));
  const root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(root, 'favicon.svg'), '<svg/>');
  writeFileSync(path.join(root, 'data.bin'), 'bytes');
  writeFileSync(path.join(base, 'secret.txt'), 'TOP SECRET');
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.js'));
  return root;
}

const get = (root: string, url: string, method = 'GET') => serveRendererFile(root, new Request(url, { method }));

describe('serveRendererFile (the app:// protocol handler and its files)', () => {
  const root = rendererFolder();

  it.each([
    ['/', 'text/html; charset=utf-8', '<!doctype html><title>app</title>'],
    ['/index.html', 'text/html; charset=utf-8', '<!doctype html><title>app</title>'],
    ['/assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['/assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
    ['/favicon.svg', 'image/svg+xml', '<svg/>'],
    ['/data.bin', 'application/octet-stream', 'bytes'],
    ['/assets/index-abc.js?v=1#x', 'text/javascript; charset=utf-8', 'console.log(1)'],
  ])('serves %s as %s', async (pathname, contentType, body) => {
    const response = await get(root, `app://qrl-tray-bot${pathname}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(body);
  });

  it('puts the CSP header on HTML pages', async () => {
    expect((await get(root, 'app://qrl-tray-bot/')).headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await get(root, 'app://qrl-tray-bot/assets/index-abc.js')).headers.get('content-security-policy')).toBeNull();
  });

  it.each([
    ['a missing file', 'app://qrl-tray-bot/missing.js', 404],
    ['a folder', 'app://qrl-tray-bot/assets', 404],
    ['a symlink that points out of the folder', 'app://qrl-tray-bot/assets/link.js', 404],
    ['an encoded slash climbing out', 'app://qrl-tray-bot/assets%2F..%2F..%2Fsecret.txt', 400],
    ['encoded dots climbing out', 'app://qrl-tray-bot/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 400],
    ['encoded backslashes', 'app://qrl-tray-bot/..%5c..%5csecret.txt', 400],
    ['raw backslashes', 'app://qrl-tray-bot/assets\\..\\..\\secret.txt', 400],
    ['a NUL byte', 'app://qrl-tray-bot/index.html%00.js', 400],
    ['a malformed escape', 'app://qrl-tray-bot/%E0%A4%A', 400],
    ['an absolute path', 'app://qrl-tray-bot//etc/passwd', 404],
    ['a double-encoded climb', 'app://qrl-tray-bot/%252e%252e/secret.txt', 404],
  ])('refuses %s (%s) with %i and never returns the secret', async (_label, url, status) => {
    const response = await get(root, url);
    expect(response.status).toBe(status);
    expect(await response.text()).not.toContain('TOP SECRET');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(root, 'app://qrl-tray-bot/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get(root, 'app://qrl-tray-bot/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
