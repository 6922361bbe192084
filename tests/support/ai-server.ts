/**
 * A booted playground whose AI Mode talks to the local fake OpenAI server, with every log line of
 * Strapi's logger kept (to check what is logged, and that the key never is). For the AI route tests.
 */
import { setupStrapi, teardownStrapi, type TestStrapi } from '../helpers/strapi';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  text: string;
}

export interface AiTestServer {
  t: TestStrapi;
  fake: FakeOpenAI;
  /** Every log line since boot, in order. */
  logs: LogLine[];
}

/** Boots Strapi with OPENAI_BASE_URL pointing at a fresh fake server, plus `env`. */
export async function startAiTestServer(env: Record<string, string>): Promise<AiTestServer> {
  const fake = await startFakeOpenAI();
  const t = await setupStrapi({ env: { OPENAI_BASE_URL: fake.baseURL, ...env } });
  const logs: LogLine[] = [];
  for (const level of ['debug', 'info', 'warn', 'error'] as const) {
    const original = t.strapi.log[level].bind(t.strapi.log);
    jest.spyOn(t.strapi.log, level).mockImplementation(((...args: unknown[]) => {
      logs.push({ level, text: args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') });
      return (original as any)(...args);
    }) as any);
  }
  return { t, fake, logs };
}

export async function stopAiTestServer(server: AiTestServer | undefined) {
  await teardownStrapi();
  await server?.fake.close();
}

/** Forgets the requests and scripted replies of the last test, and any refused format. */
export function resetFake(fake: FakeOpenAI) {
  fake.requests.length = 0;
  fake.script();
  fake.rejects = [];
}
