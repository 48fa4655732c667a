import type { Page } from 'playwright-core';

/** Everything a page could have kept of a secret: markup, text, input values, storage and cookies. */
export async function pageTraces(page: Page): Promise<string> {
  return page.evaluate(() => {
    const storage = (store: Storage) => Object.keys(store).map((key) => `${key}=${store.getItem(key)}`);
    const inputs = [...document.querySelectorAll('input, textarea')].map((input) => (input as HTMLInputElement).value);
    return [document.documentElement.outerHTML, document.body.innerText, ...inputs, ...storage(localStorage), ...storage(sessionStorage), document.cookie].join('\n');
  });
}
