import { useCallback, useEffect, useRef, useState } from 'react';
import type { AiGenerateBody, AiGenerateResult } from '../../../shared/contracts/ai';
import { AI_NOT_CONFIGURED_PREFIX } from '../../../shared/contracts/constants';
import { isAbort, readApiError } from '../../apiErrors';

export type AiRequest = (body: AiGenerateBody, options: { signal: AbortSignal }) => Promise<AiGenerateResult>;

export type AiState =
  | { status: 'idle' }
  | { status: 'generating'; prompt: string }
  | { status: 'ready'; prompt: string; result: AiGenerateResult }
  | { status: 'error'; prompt: string; message: string; notConfigured: boolean }
  | { status: 'cancelled'; prompt: string };

/**
 * One AI request at a time: a new one cancels the previous, leaving the page cancels it too, and so
 * does `cancel` (the server then closes its request to the provider).
 */
export function useAiGenerate(request: AiRequest) {
  const [state, setState] = useState<AiState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const generate = useCallback(
    async (body: AiGenerateBody) => {
      controller.current?.abort();
      const mine = new AbortController();
      controller.current = mine;
      setState({ status: 'generating', prompt: body.prompt });
      try {
        const result = await request(body, { signal: mine.signal });
        if (!mine.signal.aborted) setState({ status: 'ready', prompt: body.prompt, result });
      } catch (error) {
        if (mine.signal.aborted || isAbort(error)) return;
        const problem = readApiError(error);
        setState({
          status: 'error',
          prompt: body.prompt,
          message: problem.message,
          notConfigured: problem.status === 503 && problem.message.startsWith(AI_NOT_CONFIGURED_PREFIX),
        });
      }
    },
    [request],
  );

  const clear = useCallback(() => setState({ status: 'idle' }), []);
  const cancel = useCallback(() => {
    controller.current?.abort();
    setState((current) => (current.status === 'generating' ? { status: 'cancelled', prompt: current.prompt } : current));
  }, []);
  return { state, generate, clear, cancel };
}
