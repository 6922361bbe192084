import { z } from 'zod';
import { SegmentsError } from '../errors';
import { fromDatabaseError } from './database-errors';

type Ctx = any;

/** Strapi's error body shape, so the admin's error handling reads ours like its own. */
function fail(ctx: Ctx, status: number, name: string, message: string, details: Record<string, unknown> = {}) {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details } };
}

const zodPath = (path: PropertyKey[]) =>
  path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');

const ERROR_NAMES: Record<number, string> = {
  404: 'NotFoundError',
  409: 'ConflictError',
  422: 'UnprocessableEntityError',
  429: 'TooManyRequestsError',
  502: 'BadGatewayError',
  503: 'ServiceUnavailableError',
  504: 'GatewayTimeoutError',
};

/**
 * Runs a controller action: the result becomes the body; the plugin's own errors and invalid
 * input become 4xx answers with a message and a path, and a database's error a logged 400 or 503
 * with words, never a 500.
 */
export function action(handler: (ctx: Ctx) => Promise<unknown>) {
  return async (ctx: Ctx) => {
    try {
      const body = await handler(ctx);
      if (body !== undefined) ctx.body = body;
      else ctx.status = 204;
    } catch (error) {
      if (error instanceof SegmentsError) {
        for (const [header, value] of Object.entries(error.headers)) ctx.set(header, value);
        return fail(ctx, error.status, ERROR_NAMES[error.status] ?? 'ValidationError', error.message, error.details);
      }
      if (error instanceof z.ZodError) {
        const issues = error.issues.map((i) => ({ path: zodPath(i.path) || '(body)', message: i.message }));
        return fail(ctx, 400, 'ValidationError', `${issues[0].path}: ${issues[0].message}`, { errors: issues, path: issues[0].path });
      }
      const answer = fromDatabaseError(error);
      if (answer) {
        (globalThis as { strapi?: { log: { error(message: string): void } } }).strapi?.log.error(
          `segments: ${ctx.method} ${ctx.path} answered ${answer.status}: ${(error as Error).stack ?? String(error)}`,
        );
        return fail(ctx, answer.status, ERROR_NAMES[answer.status] ?? 'ValidationError', answer.message, answer.details);
      }
      throw error;
    }
  };
}

/**
 * Aborts when the caller goes away before the answer is sent (the editor's tree changed, the admin
 * left or cancelled): the work behind the request stops with it (the database statement, the model's request).
 */
export function requestSignal(ctx: Ctx): AbortSignal {
  const controller = new AbortController();
  ctx.res.on('close', () => {
    if (!ctx.res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** Parses input at the edge; a ZodError becomes a 400 in `action`. */
export const parse = <T extends z.ZodType>(schema: T, input: unknown): z.infer<T> => schema.parse(input ?? {});
