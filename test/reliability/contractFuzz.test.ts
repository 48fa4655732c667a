import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandNames, errorCodes, type Snapshot } from '../../shared/contract';
import { registerIpcHandlers } from '../../main/electron/registerIpcHandlers';
import { commandChannel } from '../../main/electron/ipcChannels';
import type { BotService } from '../../main/core/bot/BotService';
import type { WebHost } from '../../main/web/WebHost';
import { ContractSocket } from '../support/contractSocket';
import { FakeIpcMain, ipcEventFrom } from '../support/fakeElectron';
import { deepJsonFrame, hostileCommandName, hostileValue, mulberry32 } from '../support/hostilePayloads';
import { startTestWebHost } from '../support/startTestWebHost';

const PAYLOADS = 10_000;
/** Anything the engine may legitimately change between two reads. */
const comparable = (snapshot: Snapshot) => ({ ...snapshot, time: 0 });

describe('contract fuzzing: hostile payloads get typed errors and change nothing', () => {
  let host: WebHost;
  let service: BotService;
  beforeAll(async () => ({ host, service } = await startTestWebHost()));
  afterAll(() => host.close());

  it(`survives ${PAYLOADS} hostile frames over the web host's WebSocket`, async () => {
    const random = mulberry32(20261125);
    const before = comparable(service.snapshot());
    const socket = await ContractSocket.open(host.port, host.token);
    const codes = new Map<string, number>();
    for (let id = 1; id <= PAYLOADS; id++) {
      const command = random() < 0.8 ? commandNames[Math.floor(random() * commandNames.length)]! : hostileCommandName(random);
      let raw = random() < 0.01 ? deepJsonFrame(id, 20_000) : JSON.stringify({ id, command, input: hostileValue(random) });
      if (raw.length > 60_000) raw = JSON.stringify({ id, command, input: raw.slice(0, 60_000) });
      const truncated = random() < 0.01;
      if (truncated) raw = raw.slice(0, raw.length - 1);
      const frame = await socket.request(raw, truncated ? null : id);
      expect(frame.kind).toBe('result');
      if (frame.kind !== 'result') continue;
      expect(frame.result.ok, raw.slice(0, 200)).toBe(false);
      if (!frame.result.ok) {
        expect(errorCodes).toContain(frame.result.error.code);
        codes.set(frame.result.error.code, (codes.get(frame.result.error.code) ?? 0) + 1);
      }
    }
    socket.close();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(comparable(service.snapshot())).toEqual(before);
    console.log(`web host fuzz: ${PAYLOADS} payloads, errors by code ${JSON.stringify(Object.fromEntries(codes))}`);
  });

  it(`survives ${PAYLOADS} hostile IPC messages through the Electron handlers`, async () => {
    const random = mulberry32(7);
    const ipcMain = new FakeIpcMain();
    const appPage = 'file:///app/dist/renderer/index.html';
    const violations: string[] = [];
    registerIpcHandlers(ipcMain as never, service.handlers, (event) => event.senderFrame?.url === appPage, (problem) => violations.push(problem));
    const before = comparable(service.snapshot());
    let refusedSenders = 0;
    for (let i = 0; i < PAYLOADS; i++) {
      const name = commandNames[Math.floor(random() * commandNames.length)]!;
      const foreign = random() < 0.1;
      const event = ipcEventFrom(foreign ? 'https://evil.example/' : appPage);
      // Electron's structured clone carries NaN, Infinity and undefined, unlike JSON.
      const input = hostileValue(random);
      const result = (await ipcMain.handlers.get(commandChannel(name))!(event, input)) as { ok: boolean; error?: { code: string } };
      expect(result.ok).toBe(false);
      expect(errorCodes).toContain(result.error!.code);
      if (foreign) {
        expect(result.error!.code).toBe('UNAUTHORIZED');
        refusedSenders++;
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(comparable(service.snapshot())).toEqual(before);
    // Hostile input never makes the engine answer outside the contract.
    expect(violations).toEqual([]);
    console.log(`IPC fuzz: ${PAYLOADS} payloads, ${refusedSenders} from foreign senders refused`);
  });
});
