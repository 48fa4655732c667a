import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import mexcOnly from './ccxtMexcOnly';

describe("the web host's ccxt (mexc and its errors only, issue 16)", () => {
  it('is the same mexc and the same error classes as the whole of ccxt, so every instanceof still holds', () => {
    expect(mexcOnly.mexc).toBe(ccxt.mexc);
    const errorNames = Object.keys(mexcOnly).filter((name) => name !== 'mexc');
    expect(errorNames.length).toBeGreaterThan(20);
    for (const name of errorNames) expect(mexcOnly[name as keyof typeof mexcOnly], name).toBe(ccxt[name as keyof typeof ccxt]);
  });

  it('holds every ccxt member the engine reads (ccxt.X in main/)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const used = new Set<string>();
    for (const file of readdirSync('main', { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      for (const match of readFileSync(`main/${file}`, 'utf8').matchAll(/\bccxt\.([A-Z][A-Za-z]+|mexc)\b/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(5);
    for (const name of used) expect(mexcOnly[name as keyof typeof mexcOnly], name).toBeDefined();
  });
});
