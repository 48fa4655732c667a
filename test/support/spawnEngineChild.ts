import { bundleTestScript } from './bundleTestScript';
import { runUntilMarker, type MarkedRun } from './runUntilMarker';

/**
 * Runs the engine in a child process on `dataDir` and kill -9s it when it
 * prints a line starting with `killAt` (or lets it finish when it never does).
 */
export async function runEngineChild(args: { simUrl: string; dataDir: string; apiKey: string; secret: string; startAt: number; live: boolean }, killAt: string): Promise<MarkedRun> {
  return runUntilMarker(await bundleTestScript('test/support/engineChild.ts'), [JSON.stringify(args)], killAt);
}
