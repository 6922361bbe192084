import type { ValidationIssue } from './engine/validate';

/** Errors the plugin answers with a 4xx, or a 503 (a read past the time bound, a failed count or refresh); the controllers turn them into Strapi-shaped bodies. */
export class SegmentsError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** Response headers that go with the answer (AI Mode's Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'SegmentsError';
  }
}

export class InvalidTreeError extends SegmentsError {
  /** Paths are relative to the tree (`rules[2].rules[0].value`, docs/semantics.md). */
  constructor(readonly issues: ValidationIssue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
    super(400, `Invalid filters at ${first.path}: ${first.message}${more}`, { errors: issues, path: first.path });
    this.name = 'InvalidTreeError';
  }
}

export const badRequest = (message: string, details: Record<string, unknown> = {}) => new SegmentsError(400, message, details);
export const notFound = (message: string) => new SegmentsError(404, message);
export const conflict = (message: string, details: Record<string, unknown> = {}) => new SegmentsError(409, message, details);
export const unavailable = (message: string) => new SegmentsError(503, message);

/** Answered when the caller gave up first (nginx's "client closed request"); nobody reads it. */
export const CANCELLED_STATUS = 499;
export const cancelled = (message: string) => new SegmentsError(CANCELLED_STATUS, message);
