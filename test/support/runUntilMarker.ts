import { spawn } from 'node:child_process';

export interface MarkedRun {
  /** the lines the child printed before it ended */
  lines: string[];
  /** true when it was killed (-9) at the marker */
  killed: boolean;
}

/**
 * Runs `node script ...args` and kill -9s it the moment it prints a line
 * starting with `killAt` (or lets it finish when it never does, or killAt is
 * null): a crash at a chosen point, not a guessed delay.
 */
export function runUntilMarker(script: string, args: string[], killAt: string | null): Promise<MarkedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let killed = false;
    let buffer = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        lines.push(line);
        if (!killed && killAt && line.startsWith(killAt)) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ lines, killed });
      else reject(new Error(`${script} exited ${code}: ${stderr.slice(-800)}`));
    });
  });
}
