import type { CommandName, EventName } from '../../shared/contract';

/** One channel per command and per event; the names derive from the contract. */
export const commandChannel = (name: CommandName) => `qrl:command:${name}`;
export const eventChannel = (name: EventName) => `qrl:event:${name}`;
