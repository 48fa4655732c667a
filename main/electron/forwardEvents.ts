import { checkEventPayload, eventNames, type EventName, type EventPayload } from '../../shared/contract';
import { eventChannel } from './ipcChannels';

export interface EventSource {
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
}

/**
 * Every contract event to the window, each payload checked against its schema
 * first, as the web host does: a violation is reported and the event dropped,
 * never sent (issue 14, point 8).
 */
export function forwardEvents(source: EventSource, send: (channel: string, payload: unknown) => void, reportViolation: (problem: string) => void): () => void {
  const unsubscribers = eventNames.map((event) =>
    source.on(event, (payload) => {
      const checked = checkEventPayload(event, payload, reportViolation);
      if (checked.ok) send(eventChannel(event), checked.value);
    }),
  );
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
