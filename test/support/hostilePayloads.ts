/**
 * Deterministic generator of malformed and hostile contract payloads: wrong
 * types, huge strings, prototype-pollution keys, NaN/Infinity, negative and
 * extreme numbers, deep nesting. Seeded, so a failure replays exactly.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pollutionKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];
const nastyStrings = ['', ' ', '\u0000', '😀'.repeat(50), '<script>alert(1)</script>', "'; DROP TABLE orders;--", '../../etc/passwd', 'LIVE ', 'live', '%s%n', '\ud800'];
const nastyNumbers = [NaN, Infinity, -Infinity, -0, -1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 5e-324, 0.1 + 0.2, 2 ** 31, -(2 ** 63)];

export function hostileValue(random: () => number, depth = 0): unknown {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  switch (Math.floor(random() * 11)) {
    case 0:
      return pick(nastyNumbers);
    case 1:
      return pick(nastyStrings);
    case 2:
      return 'x'.repeat(Math.floor(random() * 20_000));
    case 3:
      return random() < 0.5 ? null : random() < 0.5;
    case 4: {
      const object: Record<string, unknown> = {};
      object[pick(pollutionKeys)] = depth < 3 ? hostileValue(random, depth + 1) : { polluted: true };
      return object;
    }
    case 5:
      return JSON.parse(`{"__proto__": {"polluted": true}, "${pick(['apiKey', 'mode', 'id', 'days'])}": ${JSON.stringify(pick(nastyStrings))}}`);
    case 6:
      return depth < 3 ? Array.from({ length: Math.floor(random() * 5) }, () => hostileValue(random, depth + 1)) : [];
    case 7: {
      // Deep, but within what JSON.stringify can write; deeper raw text is sent by deepJsonFrame.
      let nested: unknown = 'bottom';
      for (let i = 0; i < 500; i++) nested = [nested];
      return nested;
    }
    case 8:
      return { mode: pick(['live', 'LIVE', 'dry-run', 1]), confirmation: pick(['live', 'yes', 'LIVE ', '', null]), extra: true };
    case 9:
      return { apiKey: pick(nastyStrings), secret: random() < 0.5 ? 12345 : { toString: null } };
    default:
      return { id: pick(nastyNumbers), timeframe: pick(['1y', '', null]), limit: pick(nastyNumbers), days: pick(nastyNumbers) };
  }
}

/** A frame nested deeper than any parser's recursion should be trusted with, as raw text. */
export function deepJsonFrame(id: number, depth: number): string {
  return `{"id":${id},"command":"setSettings","input":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

export function hostileCommandName(random: () => number): string {
  return nastyStrings[Math.floor(random() * nastyStrings.length)]! + (random() < 0.5 ? pollutionKeys[Math.floor(random() * pollutionKeys.length)] : '');
}
