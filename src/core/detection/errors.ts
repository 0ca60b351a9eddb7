/** Errors of the detection engine, kept in a file of their own so importing them pulls in nothing else. */
export class ScanCancelledError extends Error {
  override readonly name = 'ScanCancelledError';
  constructor() { super('scan cancelled'); }
}
