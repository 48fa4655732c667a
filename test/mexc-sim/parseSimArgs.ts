import { FAULT_CATALOGUE, FaultRuleError, parseFaultFlag } from './Faults';
import { REALISTIC_LATENCY, type LatencyConfig } from './LatencyModel';
import { findPreset, MARKET_PRESETS, PRESET_NAMES } from './presets';
import { DEFAULT_SIM_OPTIONS, type SimOptions } from './index';

/** A command line `npm run sim` cannot run with; the message says what to write instead. */
export class SimArgsError extends Error {
  override readonly name = 'SimArgsError';
}

export const SIM_USAGE = `npm run sim -- [options]
  --port N            listen on 127.0.0.1:N (default 8999; 0: a free port)
  --seed N            the market's seed (default ${DEFAULT_SIM_OPTIONS.seed}): the same seed, the same market
  --virtual           freeze the clock (it follows the real one otherwise)
  --preset NAME       the market from now on: ${PRESET_NAMES.join(', ')}
  --fault SPEC        a standing fault from the start, repeatable: kind[,path=/api/v3/order][,method=POST][,times=N][,ms=N]
  --latency SPEC      realistic (default), off, fixed:MS, uniform:MIN-MAX or lognormal:MEDIAN:SIGMA
  --admin-port N      the fault admin endpoint on a port of its own (default: the sim's port)
  --help              this text

Presets:
${PRESET_NAMES.map((name) => `  ${name.padEnd(12)} ${MARKET_PRESETS[name].description}`).join('\n')}

Faults (inject/clear while running: POST/DELETE http://127.0.0.1:PORT/_sim/faults):
${Object.entries(FAULT_CATALOGUE).map(([kind, what]) => `  ${kind.padEnd(18)} ${what}`).join('\n')}
`;

export type SimArgs = Partial<SimOptions> & { help?: boolean };

/** The CLI's flags as startMexcSim options (port 8999, real clock and realistic latency unless told otherwise). */
export function parseSimArgs(argv: string[], now: number): SimArgs {
  const options: SimArgs = { port: 8999, seed: DEFAULT_SIM_OPTIONS.seed, useRealClock: true, startTime: now, latency: REALISTIC_LATENCY, faults: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new SimArgsError(`${flag} needs a value (npm run sim -- --help)`);
      return next;
    };
    const integer = (text: string, min: number) => {
      const n = Number(text);
      if (!Number.isInteger(n) || n < min) throw new SimArgsError(`${flag} ${text}: a whole number${min > 0 ? ` from ${min}` : ''} please`);
      return n;
    };
    switch (flag) {
      case '--port':
        options.port = integer(value(), 0);
        break;
      case '--seed':
        options.seed = integer(value(), 0);
        break;
      case '--virtual':
        options.useRealClock = false;
        break;
      case '--preset': {
        const name = value();
        const preset = findPreset(name);
        if (!preset) throw new SimArgsError(`--preset ${name}: one of ${PRESET_NAMES.join(', ')}`);
        options.preset = preset.name;
        break;
      }
      case '--fault':
        try {
          options.faults!.push(parseFaultFlag(value()));
        } catch (error) {
          if (error instanceof FaultRuleError) throw new SimArgsError(`--fault: ${error.message}`);
          throw error;
        }
        break;
      case '--latency':
        options.latency = parseLatency(value());
        break;
      case '--admin-port':
        options.adminPort = integer(value(), 0);
        break;
      case '--help':
        options.help = true;
        break;
      default:
        throw new SimArgsError(`unknown option ${flag} (npm run sim -- --help)`);
    }
  }
  return options;
}

function parseLatency(text: string): LatencyConfig {
  if (text === 'realistic') return REALISTIC_LATENCY;
  if (text === 'off') return { default: { kind: 'none' } };
  const [kind, ...rest] = text.split(':');
  const numbers = rest.flatMap((part) => part.split('-')).map(Number);
  const valid = numbers.length > 0 && numbers.every((n) => Number.isFinite(n) && n >= 0);
  if (kind === 'fixed' && valid && numbers.length === 1) return { default: { kind: 'fixed', ms: numbers[0]! } };
  if (kind === 'uniform' && valid && numbers.length === 2 && numbers[0]! <= numbers[1]!) return { default: { kind: 'uniform', minMs: numbers[0]!, maxMs: numbers[1]! } };
  if (kind === 'lognormal' && valid && numbers.length === 2) return { default: { kind: 'lognormal', medianMs: numbers[0]!, sigma: numbers[1]! } };
  throw new SimArgsError(`--latency ${text}: realistic, off, fixed:MS, uniform:MIN-MAX or lognormal:MEDIAN:SIGMA`);
}
