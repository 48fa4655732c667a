import { describe, expect, it } from 'vitest';
import { CONTRACT_PROTOCOL } from '../../shared/webSocketProtocols';
import { webHostInChromium } from '../support/webHostInChromium';
import { missingChromiumReason } from '../support/requiredTool';

const skipReason = missingChromiumReason();

/** What goes on the request line: the path and query; a fragment never leaves the browser. */
const requestTarget = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

describe.skipIf(skipReason !== null)('the page presents the web host token without a request line ever carrying it', () => {
  const suite = webHostInChromium();

  it('connects with the token in Sec-WebSocket-Protocol, drives the engine, and no request target holds the token', async () => {
    const page = await suite.browser.newPage();
    const targets: string[] = [];
    const sockets: string[] = [];
    const offered: string[] = [];
    page.on('request', (request) => targets.push(requestTarget(request.url())));
    page.on('websocket', (ws) => sockets.push(requestTarget(ws.url())));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    cdp.on('Network.webSocketWillSendHandshakeRequest', (event) => {
      const headers = event.request.headers as Record<string, string>;
      offered.push(headers['Sec-WebSocket-Protocol'] ?? headers['sec-websocket-protocol'] ?? '');
    });

    await page.goto(suite.host.url);
    await expect.poll(() => page.getByTestId('bot-state').textContent()).toBe('Stopped');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByTestId('bot-state').textContent()).toBe('Running');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => page.getByTestId('bot-state').textContent()).toBe('Stopped');

    expect(sockets).toEqual(['/ws']);
    expect(offered).toEqual([`${CONTRACT_PROTOCOL}, token.${suite.host.token}`]);
    expect(targets.length).toBeGreaterThan(1);
    expect(targets.filter((target) => target.includes(suite.host.token))).toEqual([]);
    await page.close();
  });
});
