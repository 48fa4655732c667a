/** What may be shown of a key: its first 4 and last 4 characters ("mx0v…3f9a"). */
export function maskApiKey(apiKey: string): string {
  if (apiKey.length <= 8) return '…';
  return `${apiKey.slice(0, 4)}…${apiKey.slice(-4)}`;
}
