/**
 * Limits of the trade import (issue 17), one source for the page (which checks
 * a file's size before reading it) and the engine (which checks again).
 */
export const MAX_TRADE_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_TRADE_IMPORT_ROWS = 100_000;
/**
 * The file travels in parts of at most this many characters: the web host
 * takes frames of 64 KB, and in a JSON frame one character takes at most 6
 * bytes (a control character escaped as \u0000), so 10 K characters always fit.
 */
export const TRADE_IMPORT_PART_CHARS = 10 * 1024;
export const MAX_TRADE_IMPORT_PARTS = Math.ceil(MAX_TRADE_IMPORT_BYTES / TRADE_IMPORT_PART_CHARS) + 1;

/** the two files the import reads: this app's export, and the original bot's trades table */
export const tradeFileFormats = ['app', 'original-bot'] as const;
export type TradeFileFormat = (typeof tradeFileFormats)[number];

/** The file's text as importTrades takes it: parts of at most TRADE_IMPORT_PART_CHARS characters, in order. */
export function tradeImportParts(text: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += TRADE_IMPORT_PART_CHARS) parts.push(text.slice(i, i + TRADE_IMPORT_PART_CHARS));
  return parts.length > 0 ? parts : [''];
}
