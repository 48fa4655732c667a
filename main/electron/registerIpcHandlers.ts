import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { checkCommandResult, commandNames, fail, type CommandHandlers } from '../../shared/contract';
import { dispatchCommand } from '../core/bot/dispatchCommand';
import { commandChannel } from './ipcChannels';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * One ipcMain handler per contract command. Each checks the sender frame, then
 * validates the payload through the same door as the web host, and the answer
 * against its schema on the way out: a violation is reported and answered as
 * INTERNAL, never sent (issue 14, point 8).
 * https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: CommandHandlers,
  isTrustedSender: SenderCheck,
  reportViolation: (problem: string) => void,
): void {
  for (const name of commandNames) {
    ipcMain.handle(commandChannel(name), async (event, input: unknown) => {
      if (!isTrustedSender(event)) return fail('UNAUTHORIZED', 'Refused: the message did not come from the app window.');
      return checkCommandResult(name, await dispatchCommand(handlers, name, input), reportViolation);
    });
  }
}
