/**
 * What the page and the alert say about a key that can withdraw: the app never
 * withdraws, so a leaked key should not be able to either (issue 14; MEXC's key
 * permissions and IP binding: MEXC's Spot v3 docs, API key permissions).
 */
export const WITHDRAW_PERMISSION_WARNING =
  'These API keys can withdraw funds, and this app never needs that. At MEXC → Account → API Management, ' +
  'edit the key: untick the Withdraw permission and bind the key to your IP address (a key with no bound IP ' +
  'also expires after 90 days). Or delete it and create a new key with spot trading only, then save the new pair here.';
