/**
 * A local HTTP server that speaks the part of the OpenAI API AI Mode uses (POST /v1/chat/completions),
 * reached through the real `openai` client via OPENAI_BASE_URL. Each request takes the next scripted
 * reply (a tree answer, an HTTP error, a delay) and is recorded with its headers and JSON body.
 * It stands in for the provider in tests and the browser test, and nowhere else.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FilterGroup } from '../../shared/filter-tree';
import { encodeTree } from '../../server/ai/schema';

export interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
  /** The client closed the connection before the answer was sent (a cancelled request). */
  closedEarly: boolean;
}

/** The output formats a request asks for, as ai.responseFormat names them. */
export type OutputFormat = 'json_schema' | 'json_object' | 'tools' | 'none';

export const formatOf = (body: any): OutputFormat =>
  body?.tools?.length
    ? 'tools'
    : body?.response_format?.type === 'json_schema'
      ? 'json_schema'
      : body?.response_format?.type === 'json_object'
        ? 'json_object'
        : 'none';

export type Reply =
  /** 200 with this message content (a JSON text or anything else) and usage numbers. */
  | { content: string; refusal?: string | null }
  /** 200 with the answer as a forced function call's arguments, content null (tool-calling servers). */
  | { toolArguments: string }
  /** 200 with this body as it is (a proxy's HTML page, a wrong base URL). */
  | { raw: string; contentType?: string }
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** Answer only after `ms` (past the client's timeout). */
  | { delayMs: number; then: Reply };

export interface FakeOpenAI {
  baseURL: string;
  requests: RecordedRequest[];
  /** Replies used in order; when none is left, the `fallback` (default: a 500) answers. */
  script(...replies: Reply[]): void;
  fallback: Reply;
  /** Formats this server refuses with a 400, as vLLM does for json_schema without guided decoding. */
  rejects: OutputFormat[];
  close(): Promise<void>;
}

/** A model answer carrying this filter tree in the response schema's shape (values typed, no question). */
export const answerJson = (filters: FilterGroup, explanation = 'Scripted answer') =>
  JSON.stringify({ explanation, question: null, filters: encodeTree(filters) });
export const answer = (filters: FilterGroup, explanation = 'Scripted answer') => ({ content: answerJson(filters, explanation) });

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const queue: Reply[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  let counter = 0;

  const send = (res: http.ServerResponse, reply: Reply) => {
    if ('delayMs' in reply) {
      const timer = setTimeout(() => !res.destroyed && send(res, reply.then), reply.delayMs);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
      res.end(JSON.stringify(reply.body ?? { error: { message: `scripted ${reply.status}`, type: 'scripted' } }));
      return;
    }
    if ('raw' in reply) {
      res.writeHead(200, { 'content-type': reply.contentType ?? 'text/html' });
      res.end(reply.raw);
      return;
    }
    counter += 1;
    const message =
      'toolArguments' in reply
        ? {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: `call_${counter}`, type: 'function', function: { name: 'segment_filter_tree', arguments: reply.toolArguments } },
            ],
          }
        : { role: 'assistant', content: reply.content, refusal: reply.refusal ?? null };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: `chatcmpl-fake-${counter}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: 'fake-model',
        choices: [{ index: 0, finish_reason: 'toolArguments' in reply ? 'tool_calls' : 'stop', message }],
        usage: { prompt_tokens: 1000 + counter, completion_tokens: 100 + counter, total_tokens: 1100 + 2 * counter },
      }),
    );
  };

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // recorded as text
      }
      const recorded: RecordedRequest = { path: req.url ?? '', headers: req.headers, body, closedEarly: false };
      requests.push(recorded);
      res.on('close', () => {
        if (!res.writableFinished) recorded.closedEarly = true;
      });
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const format = formatOf(body);
      if (fake.rejects.includes(format)) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            object: 'error',
            type: 'BadRequestError',
            code: 400,
            message: `response_format ${format} is not supported by this server`,
          }),
        );
        return;
      }
      send(res, queue.shift() ?? fake.fallback);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeOpenAI = {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    fallback: { status: 500 },
    rejects: [],
    script: (...replies) => {
      queue.length = 0;
      queue.push(...replies);
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
  return fake;
}
