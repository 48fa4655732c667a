import { describe, expect, it } from 'vitest';
import { describeStartupFailure } from './describeStartupFailure';

const context = { port: 5178, dataDir: '/home/me/.qrl-tray-bot' };
const errno = (code: string, syscall: string) => Object.assign(new Error(`${syscall} ${code} /somewhere\n    at internals`), { code, syscall });

describe('describeStartupFailure', () => {
  it.each([
    [errno('EADDRINUSE', 'listen'), 'port 5178 on 127.0.0.1 is already in use: stop the program using it, or set QRL_WEB_PORT to another port (0 picks a free one).'],
    [errno('EACCES', 'listen'), 'port 5178 needs privileges this user does not have: set QRL_WEB_PORT to a port above 1023.'],
    [errno('EEXIST', 'mkdir'), 'the data folder /home/me/.qrl-tray-bot is not a folder (a file is in the way): move that file, or set QRL_DATA_DIR to a folder.'],
    [errno('ENOTDIR', 'mkdir'), 'the data folder /home/me/.qrl-tray-bot is not a folder (a file is in the way): move that file, or set QRL_DATA_DIR to a folder.'],
    [errno('EACCES', 'mkdir'), 'the data folder /home/me/.qrl-tray-bot cannot be written: fix its permissions, or set QRL_DATA_DIR to a folder this user can write.'],
  ])('says what to do about %s', (error, line) => {
    expect(describeStartupFailure(error, context)).toBe(line);
  });

  it('keeps only the first line of anything else, never a stack', () => {
    expect(describeStartupFailure(new Error('LOG_LEVEL must be one of DEBUG, INFO, WARN, ERROR; got "LOUD".\n    at readLogLevel'), context)).toBe(
      'LOG_LEVEL must be one of DEBUG, INFO, WARN, ERROR; got "LOUD".',
    );
    expect(describeStartupFailure('plain', context)).toBe('plain');
    expect(describeStartupFailure(new Error(''), context)).toBe('unknown error.');
  });
});
