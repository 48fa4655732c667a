/** For shell tests that start the engine but are not about market data: MEXC is a closed local port. */
export const OFFLINE_ENV: NodeJS.ProcessEnv = { MEXC_BASE_URL: 'http://127.0.0.1:9' };
