export interface StartupContext {
  port: number;
  dataDir: string;
}

/**
 * One line that tells the user what went wrong at start-up and what to do,
 * instead of a stack trace (issue 14, point 4).
 */
export function describeStartupFailure(error: unknown, { port, dataDir }: StartupContext): string {
  const { code, syscall, message } = (error ?? {}) as NodeJS.ErrnoException;
  if (syscall === 'listen' && code === 'EADDRINUSE') {
    return `port ${port} on 127.0.0.1 is already in use: stop the program using it, or set QRL_WEB_PORT to another port (0 picks a free one).`;
  }
  if (syscall === 'listen' && code === 'EACCES') {
    return `port ${port} needs privileges this user does not have: set QRL_WEB_PORT to a port above 1023.`;
  }
  if (code === 'EEXIST' || code === 'ENOTDIR') {
    return `the data folder ${dataDir} is not a folder (a file is in the way): move that file, or set QRL_DATA_DIR to a folder.`;
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return `the data folder ${dataDir} cannot be written: fix its permissions, or set QRL_DATA_DIR to a folder this user can write.`;
  }
  const firstLine = (error instanceof Error ? message : String(error)).split('\n')[0];
  return firstLine || 'unknown error.';
}
