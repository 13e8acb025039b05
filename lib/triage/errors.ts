// Input the schemas cannot judge alone (a date in the past, a device the hunt never flagged): a 400 that
// names the field and says what to fix. Nothing has been written when one is thrown.
import { DomainError, type ProblemInit } from '@/lib/domain-error';

export class TriageInputError extends DomainError {
  override name = 'TriageInputError';
  toProblem(): ProblemInit {
    return {
      status: 400,
      title: this.title,
      detail: `${this.field}: ${this.message}`,
      extensions: { field: this.field, ...this.extensions },
    };
  }
  constructor(
    /** The offending field, as a path into the request, e.g. `reviewAfter` or `devices.3.deviceId`. */
    readonly field: string,
    message: string,
    readonly title = 'Invalid request',
    /** Extra problem members, e.g. the unknown device ids. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
