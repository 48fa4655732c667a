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
  ])('fails %s importing forbidden code', async (filePath, code) => {
    expect(await importErrors(filePath, code)).not.toEqual([]);
  });

  it.each([
    ['main/electron/x.ts', "import { app } from 'electron';"],
    ['renderer/x.tsx', "import { commands } from '../shared/contract';"],
    ['main/core/x.ts', "import fs from 'node:fs';"],
  ])('allows %s its own imports', async (filePath, code) => {
    expect(await importErrors(filePath, code)).toEqual([]);
  });
});
