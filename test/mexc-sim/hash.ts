/** Deterministic pseudo-randomness from integers: the same inputs give the same market, always. */
export function hash32(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    let x = Math.floor(part) | 0;
    for (let i = 0; i < 4; i++) {
      h ^= x & 0xff;
      h = Math.imul(h, 0x01000193);
      x >>>= 8;
    }
    h ^= Math.floor(part / 2 ** 32) | 0;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in [0, 1). */
export const unit = (...parts: number[]) => hash32(...parts) / 2 ** 32;

/** Roughly standard normal (sum of uniforms), cheap and deterministic. */
export function normal(...parts: number[]): number {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += unit(...parts, i);
  return (sum - 3) * Math.SQRT2;
}

export function symbolId(symbol: string): number {
  let h = 0;
  for (const char of symbol) h = (Math.imul(h, 31) + char.charCodeAt(0)) | 0;
  return h >>> 0;
}
