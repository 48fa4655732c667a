// Draws the tray icons: every state at every size a platform asks for
// (trayIconRepresentations), plus macOS template images (black on transparent;
// macOS tints them for light and dark menus). Each size is drawn, not scaled,
// so edges stay sharp. Run after changing a colour, shape or size:
// `npx tsx main/build/generateTrayIcons.ts`. The PNGs are committed so
// packaging needs no image tools.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { trayIconStates, type TrayIconState } from '../electron/tray/presentTray';
import { trayIconRepresentations } from '../electron/tray/trayIconRepresentations';

type Mark = 'dot' | 'ring' | 'bars' | 'bang' | 'cross' | 'dash' | 'ellipsis';
type Look = { colour: [number, number, number]; mark: Mark };

const states: Record<TrayIconState, Look> = {
  starting: { colour: [120, 128, 140], mark: 'ellipsis' },
  running: { colour: [29, 122, 70], mark: 'dot' },
  'dry-run': { colour: [11, 107, 203], mark: 'ring' },
  paused: { colour: [120, 128, 140], mark: 'bars' },
  stopped: { colour: [120, 128, 140], mark: 'ring' },
  alert: { colour: [217, 119, 6], mark: 'bang' },
  error: { colour: [180, 35, 24], mark: 'cross' },
  stale: { colour: [150, 120, 40], mark: 'dash' },
};

function markCovers(mark: Mark, x: number, y: number): boolean {
  const ax = Math.abs(x), ay = Math.abs(y), d = Math.hypot(x, y);
  switch (mark) {
    case 'dot': return d < 0.28;
    case 'ring': return d < 0.3 && d > 0.15;
    case 'bars': return ay < 0.3 && ax > 0.07 && ax < 0.22;
    case 'bang': return (ax < 0.07 && y < 0.12 && y > -0.35) || (ax < 0.08 && Math.abs(y - 0.25) < 0.07);
    case 'cross': return (Math.abs(x - y) < 0.1 || Math.abs(x + y) < 0.1) && d < 0.35;
    case 'dash': return ay < 0.07 && ax < 0.3;
    case 'ellipsis': return [-0.3, 0, 0.3].some((cx) => Math.hypot(x - cx, y) < 0.1);
    default: return false;
  }
}

function render(size: number, { colour, mark }: Look, template: boolean): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) / size * 2 - 1, y = (py + 0.5) / size * 2 - 1;
      const inDisc = Math.hypot(x, y) < 0.92;
      const inMark = markCovers(mark, x, y);
      let rgba: number[] = [0, 0, 0, 0];
      if (template) rgba = inDisc && !inMark ? [0, 0, 0, 255] : [0, 0, 0, 0];
      else if (inMark) rgba = [255, 255, 255, 255];
      else if (inDisc) rgba = [...colour, 255];
      pixels.set(rgba, (py * size + px) * 4);
    }
  }
  return encodePng(size, pixels);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function encodePng(size: number, pixels: Buffer): Buffer {
  const rows = [];
  for (let y = 0; y < size; y++) rows.push(Buffer.concat([Buffer.from([0]), pixels.subarray(y * size * 4, (y + 1) * size * 4)]));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = 'main/electron/assets/tray';
mkdirSync(dir, { recursive: true });
// Start clean, so a size no platform asks for any more does not linger in the package.
for (const file of readdirSync(dir)) if (file.endsWith('.png')) rmSync(path.join(dir, file));
let written = 0;
for (const state of trayIconStates) {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    for (const { file, size, template } of trayIconRepresentations(platform, state)) {
      writeFileSync(path.join(dir, file), render(size, states[state], template));
      written += 1;
    }
  }
}
console.log(`wrote ${written} icons to ${dir}`);
