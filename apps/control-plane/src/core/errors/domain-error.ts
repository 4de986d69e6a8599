/**
 * Base of every expected error the server raises on purpose. The HTTP filter turns it into the JSON envelope
 * `{code, message, details}` with `status`; anything else becomes a 500 with an `errorId` that is also logged.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
