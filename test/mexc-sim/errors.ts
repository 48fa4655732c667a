/** MEXC's error codes and messages as the simulator answers them (MEXC's Spot v3 docs, error codes). */
export const MEXC_ERRORS = {
  apiKeyRequired: { status: 400, code: 400, msg: 'api key required' },
  invalidAccessKey: { status: 400, code: 10072, msg: 'Api key info invalid' },
  badSignature: { status: 400, code: 700002, msg: 'Signature for this request is not valid.' },
  timestampOutsideWindow: { status: 400, code: 700003, msg: 'Timestamp for this request is outside of the recvWindow.' },
  orderIdRequired: { status: 400, code: 700004, msg: "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!" },
  recvWindowTooLarge: { status: 400, code: 700005, msg: 'recvWindow must less than 60000' },
  noPermission: { status: 400, code: 700007, msg: 'No permission to access the endpoint.' },
  illegalCharacters: { status: 400, code: 700008, msg: 'Illegal characters found in parameter.' },
  unknownOrder: { status: 400, code: -2011, msg: 'Unknown order sent.' },
  orderNotExist: { status: 400, code: -2013, msg: 'Order does not exist.' },
  badSymbol: { status: 400, code: -1121, msg: 'Invalid symbol.' },
  symbolNotApiTradeable: { status: 400, code: 10007, msg: 'symbol not support api' },
  symbolSuspended: { status: 400, code: 30000, msg: 'suspended transaction for the symbol' },
  orderTypeNotAllowed: { status: 400, code: 30041, msg: 'current order type can not place order' },
  belowMinNotional: { status: 400, code: 30002, msg: 'The minimum transaction volume cannot be less than:' },
  aboveMaxNotional: { status: 400, code: 30003, msg: 'The maximum transaction volume cannot be greater than:' },
  insufficientBalance: { status: 400, code: 30004, msg: 'Insufficient position' },
  oversold: { status: 400, code: 30005, msg: 'Oversold' },
  openOrderLimit: { status: 400, code: 30029, msg: 'Cannot exceed the maximum order limit' },
  badParam: { status: 400, code: 33333, msg: 'param is error' },
  missingParam: { status: 400, code: 44444, msg: 'param cannot be null' },
  amountPrecision: { status: 400, code: 10096, msg: 'amount decimal places is too long' },
  rateLimited: { status: 429, code: 429, msg: 'Too Many Requests' },
  unavailable: { status: 503, code: 503, msg: 'service not available, please try again' },
  gatewayTimeout: { status: 504, code: 504, msg: 'Gateway Time-out' },
  notFound: { status: 404, code: 404, msg: 'Not Found' },
} as const;

export type MexcErrorName = keyof typeof MEXC_ERRORS;

export class MexcError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    msg: string,
  ) {
    super(msg);
  }
  static of(name: MexcErrorName, suffix = ''): MexcError {
    const { status, code, msg } = MEXC_ERRORS[name];
    return new MexcError(status, code, msg + suffix);
  }
}
