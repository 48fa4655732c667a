import type { Api } from '../../shared/contract';

/** The one way views reach the engine. App only renders views once it exists. */
export function api(): Api {
  if (!window.api) throw new Error('window.api is missing: the page was opened without the engine.');
  return window.api;
}
