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
}

export type Reply =
  /** 200 with this message content (a JSON text or anything else) and usage numbers. */
  | { content: string; refusal?: string | null }
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** Answer only after `ms` (past the client's timeout). */
  | { delayMs: number; then: Reply };

export interface FakeOpenAI {
  baseURL: string;
  requests: RecordedRequest[];
  /** Replies used in order; when none is left, the `fallback` (default: a 500) answers. */
  script(...replies: Reply[]): void;
  fallback: Reply;
  close(): Promise<void>;
}

/** A model answer carrying this filter tree in the response schema's shape (valueJson as JSON text). */
export const answer = (filters: FilterGroup, explanation = 'Scripted answer') => ({
  content: JSON.stringify({ explanation, filters: encodeTree(filters) }),
});

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
    counter += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: `chatcmpl-fake-${counter}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: 'fake-model',
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: reply.content, refusal: reply.refusal ?? null } }],
        usage: { prompt_tokens: 1000 + counter, completion_tokens: 100 + counter, total_tokens: 1100 + 2 * counter },
      })
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
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'not found' } }));
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
