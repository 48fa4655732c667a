import {
  commands,
  ContractFailure,
  fail,
  isCommandName,
  ok,
  type CommandHandlers,
  type Result,
} from '../../../shared/contract';
import { describeZodError } from '../../../shared/describeZodError';

/**
 * The door every command passes through, whatever the transport: the name must
 * be a known command and the payload must match its schema before a handler
 * runs. Whatever happens after, the caller gets a typed Result, never a throw.
 */
export async function dispatchCommand(
  handlers: CommandHandlers,
  name: unknown,
  input: unknown,
): Promise<Result<unknown>> {
  if (!isCommandName(name)) {
    return fail('UNKNOWN_COMMAND', `Unknown command ${JSON.stringify(String(name)).slice(0, 80)}.`);
  }
  let parsed: ReturnType<(typeof commands)[typeof name]['input']['safeParse']>;
  try {
    parsed = commands[name].input.safeParse(input);
  } catch {
    // e.g. a payload nested deep enough to exhaust the stack: hostile, never fatal.
    return fail('INVALID_PAYLOAD', `Invalid input for ${name}: it could not be read.`);
  }
  if (!parsed.success) {
    return fail('INVALID_PAYLOAD', `Invalid input for ${name}: ${describeZodError(parsed.error)}`);
  }
  try {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    return ok(await handler(parsed.data));
  } catch (error) {
    if (error instanceof ContractFailure) return fail(error.code, error.message);
    // Unexpected errors are the engine's fault: report the kind, not internals.
    return fail('INTERNAL', `${name} failed: ${error instanceof Error ? error.message : 'unknown error'}`);
  }
}
