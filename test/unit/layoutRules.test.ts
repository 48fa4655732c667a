import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layout lint rules (where code runs decides what it may import)', () => {
  it.each([
    ['main/core/bot/x.ts', "import { app } from 'electron';"],
    ['main/core/x.ts', "import { ipcMain } from 'electron/main';"],
    ['shared/x.ts', "import { shell } from 'electron';"],
    ['shared/x.ts', "import fs from 'node:fs';"],
    ['renderer/x.tsx', "import { BotService } from '../main/core/bot/BotService';"],
    ['renderer/views/x.tsx', "import { ipcRenderer } from 'electron';"],
    // Node built-ins, bare or node:*, do not exist in the browser the renderer and shared/ run in.
    ['renderer/x.ts', "import fs from 'fs';"],
    ['renderer/views/x.tsx', "import path from 'path';"],
    ['renderer/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['renderer/x.ts', "import { readFile } from 'fs/promises';"],
    ['renderer/x.ts', "export { join } from 'node:path';"],
    ['shared/x.ts', "import fs from 'fs';"],
    ['shared/x.ts', "import { join } from 'path';"],
    ['shared/x.ts', "import { join } from 'node:path';"],
    ['shared/x.ts', "import { createHash } from 'crypto';"],
    ['shared/x.ts', "import { EventEmitter } from 'events';"],
    // The web host serves the same contract without Electron.
    ['main/web/x.ts', "import { app } from 'electron';"],
    ['main/web/x.ts', "import { ipcMain } from 'electron/main';"],
    // Trading is pure: the network is main/core/exchange's, reached through main/core/bot.
    ['main/core/trading/x.ts', "import { classifyError } from '../exchange/classifyError';"],
    ['main/core/trading/x.ts', "import { ExchangeClient } from '../exchange';"],
    ['main/core/trading/x.ts', "import { MexcStreams } from '../exchange/streams/MexcStreams';"],
    ['main/core/trading/x.ts', "import WebSocket from 'ws';"],
    ['main/core/trading/x.ts', "import { app } from 'electron';"],
    // The renderer's socket is the browser's WebSocket.
    ['renderer/x.ts', "import WebSocket from 'ws';"],
    ['renderer/bridge/x.ts', "import { WebSocketServer } from 'ws';"],
  ])('fails %s importing forbidden code', async (filePath, code) => {
    expect(await importErrors(filePath, code)).not.toEqual([]);
  });

  it.each([
    ['main/electron/x.ts', "import { app } from 'electron';"],
    ['renderer/x.tsx', "import { commands } from '../shared/contract';"],
    ['main/core/x.ts', "import fs from 'node:fs';"],
    ['main/core/x.ts', "import fs from 'fs';"],
    ['main/web/x.ts', "import { WebSocketServer } from 'ws';"],
    ['main/web/x.ts', "import { join } from 'node:path';"],
    ['main/core/bot/x.ts', "import { classifyError } from '../exchange/classifyError';"],
    ['main/core/trading/x.ts', "import { appendLine } from '../storage/AppendOnlyLog';"],
    ['main/core/trading/x.ts', "import { decimalsOfStep } from '../../../shared/decimal';"],
    ['main/core/trading/x.ts', "import fs from 'node:fs';"],
    ['renderer/x.ts', "import { create } from 'zustand';"],
    ['renderer/x.ts', "import { pathOf } from './settings/path';"],
    ['shared/x.ts', "import { z } from 'zod';"],
  ])('allows %s its own imports', async (filePath, code) => {
    expect(await importErrors(filePath, code)).toEqual([]);
  });
});
