/**
 * The AI panel with an injected request function and preview, on the builder's fixture catalog:
 * generate → review (explanation, warnings, words, count) → apply → undo; refine; the 503 help; errors.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AiGenerateResult } from '../../../shared/contracts/ai';
import type { FilterGroup } from '../../../shared/filter-tree';
import { CATALOG, memoryLookup } from '../../builder/test/fixtures';
import { renderWithProviders } from '../../test/render';
import { AiPanel, type AiPanelProps } from './AiPanel';

const CURRENT: FilterGroup = { combinator: 'and', rules: [{ field: 'lifecycleStage', operator: '=', value: 'lead' }] };
const RESULT: AiGenerateResult = {
  filters: {
    combinator: 'and',
    rules: [
      { field: 'lifecycleStage', operator: '=', value: 'customer' },
      { field: 'email.opened', operator: 'any', value: { campaigns: ['ca-spring'] } },
      { field: 'segment', operator: 'notIn', value: ['seg-vip'] },
    ],
  },
  explanation: 'Customers who opened the spring sale, outside the VIPs.',
  warnings: ['No record has Company › Country "Germny"; existing values nearest to it: "Germany"'],
  generationId: 'gen-1',
};

const failure = (status: number, message: string) => ({ status, response: { data: { error: { status, message, details: {} } } } });

function setup(over: Partial<AiPanelProps> = {}) {
  const props: AiPanelProps = {
    request: jest.fn(async () => RESULT),
    preview: jest.fn(async () => ({ count: 42, contacts: [] })),
    catalog: CATALOG,
    lookup: memoryLookup().lookup,
    current: CURRENT,
    onApply: jest.fn(),
    report: jest.fn(async () => undefined),
    ...over,
  };
  const view = renderWithProviders(<AiPanel {...props} />);
  return { props, view, user: userEvent.setup() };
}

it('generates, shows the explanation, warnings, words and live count, and applies the tree with its prompt', async () => {
  const { props, user, view } = setup();
  await user.type(screen.getByRole('textbox', { name: /Describe the audience/ }), 'customers who opened spring, not VIP');
  await user.click(screen.getByRole('button', { name: 'Generate' }));

  expect(await screen.findByTestId('ai-explanation')).toHaveTextContent(RESULT.explanation);
  expect(screen.getByText(RESULT.warnings[0])).toBeInTheDocument();
  expect(await screen.findByText('42 contacts match')).toBeInTheDocument();
  await waitFor(() =>
    expect(screen.getByTestId('tree-in-words')).toHaveTextContent(
      'Lifecycle stage is Customer and opened the campaign Spring sale and is not in the segment VIP customers',
    ),
  );
  expect(props.request).toHaveBeenCalledWith({ prompt: 'customers who opened spring, not VIP' }, expect.anything());
  expect(props.preview).toHaveBeenCalledWith(RESULT.filters, expect.any(AbortSignal));

  await user.click(screen.getByRole('button', { name: 'Apply to the builder' }));
  expect(props.onApply).toHaveBeenCalledWith(RESULT.filters, 'customers who opened spring, not VIP');
  expect(props.report).toHaveBeenCalledWith('gen-1', 'applied');
  // Undo appears once the page offers one.
  const onUndo = jest.fn();
  view.rerender(<AiPanel {...props} onUndo={onUndo} />);
  await user.click(screen.getByRole('button', { name: 'Undo' }));
  expect(onUndo).toHaveBeenCalledTimes(1);
  // The suggestion is back, to apply again.
  expect(screen.getByRole('button', { name: 'Apply to the builder' })).toBeInTheDocument();
});

it('offers the five product-page prompts as examples that fill the box', async () => {
  const { user } = setup();
  const examples = within(screen.getByRole('heading', { name: 'Examples' }).parentElement as HTMLElement).getAllByRole('button');
  expect(examples.map((b) => b.textContent)).toEqual([
    "Contacts who haven't been contacted in 60 days",
    'Leads in the healthcare industry with no deal',
    "Customers who clicked our last campaign but didn't buy",
    'Companies with more than 100 employees in France',
    'enterprise accounts in Germany that opened our last 3 campaigns but have no deal created in the last 90 days',
  ]);
  await user.click(examples[3]);
  expect(screen.getByRole('textbox', { name: /Describe the audience/ })).toHaveValue('Companies with more than 100 employees in France');
});

it('refines: sends the current tree with the prompt', async () => {
  const { props, user } = setup();
  await user.type(screen.getByRole('textbox', { name: /Describe the audience/ }), 'only in France');
  await user.click(screen.getByRole('button', { name: 'Refine current conditions' }));
  await screen.findByTestId('ai-explanation');
  expect(props.request).toHaveBeenCalledWith({ prompt: 'only in France', filters: CURRENT }, expect.anything());
});

it('cannot refine an empty tree, nor send an empty or too long prompt', async () => {
  const { user } = setup({ current: { combinator: 'and', rules: [] } });
  expect(screen.getByRole('button', { name: 'Generate' })).toBeDisabled();
  const box = screen.getByRole('textbox', { name: /Describe the audience/ });
  await user.type(box, 'leads');
  expect(screen.getByRole('button', { name: 'Generate' })).toBeEnabled();
  expect(screen.getByRole('button', { name: 'Refine current conditions' })).toBeDisabled();
  await user.clear(box);
  await user.click(box);
  await user.paste('x'.repeat(2001));
  expect(box).toHaveValue('x'.repeat(2001));
  expect(screen.getByText('The description is longer than 2,000 characters.')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Generate' })).toBeDisabled();
});

it('says plainly how to enable AI Mode when the server is not configured', async () => {
  const request = jest.fn(async () => Promise.reject(failure(503, 'AI Mode is not configured: set OPENAI_API_KEY …')));
  const { props, user } = setup({ request });
  await user.type(screen.getByRole('textbox', { name: /Describe the audience/ }), 'leads');
  await user.click(screen.getByRole('button', { name: 'Generate' }));
  expect(await screen.findByText('AI Mode is not set up on this server')).toBeInTheDocument();
  expect(screen.getByText(/setting OPENAI_API_KEY \(or the segments plugin’s ai.apiKey|setting OPENAI_API_KEY/)).toBeInTheDocument();
  expect(props.onApply).not.toHaveBeenCalled();
  expect(screen.queryByRole('button', { name: 'Apply to the builder' })).toBeNull();
});

it('shows the server’s reason for any other failure', async () => {
  const request = jest.fn(async () =>
    Promise.reject(failure(504, 'AI Mode timed out: the AI provider (model m) did not answer within 30000 ms')),
  );
  const { user } = setup({ request });
  await user.type(screen.getByRole('textbox', { name: /Describe the audience/ }), 'leads');
  await user.click(screen.getByRole('button', { name: 'Generate' }));
  expect(await screen.findByText('AI Mode could not answer')).toBeInTheDocument();
  expect(screen.getByText('AI Mode timed out: the AI provider (model m) did not answer within 30000 ms')).toBeInTheDocument();
});

it('shows the tree in words before the model’s explanation, which is labelled as the model’s', async () => {
  const { user } = setup();
  await user.type(screen.getByRole('textbox', { name: /Describe the audience/ }), 'customers');
  await user.click(screen.getByRole('button', { name: 'Generate' }));
  const explanation = await screen.findByTestId('ai-explanation');
  const words = screen.getByTestId('tree-in-words');
  expect(words.compareDocumentPosition(explanation) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  expect(screen.getByRole('heading', { name: /The model's explanation/ }).nextElementSibling).toBe(explanation);
});

it('cancels a request in flight: its signal is aborted and no suggestion appears', async () => {
  let signal: AbortSignal | undefined;
  const request = jest.fn(
    (_body: unknown, options: { signal: AbortSignal }) =>
      new Promise<AiGenerateResult>((_resolve, reject) => {
        signal = options.signal;
        options.signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
      }),
  );
  const { user } = setup({ request });
  await user.type(screen.getByRole('textbox', { name: /Describe the audience/ }), 'leads');
  await user.click(screen.getByRole('button', { name: 'Generate' }));
  await user.click(await screen.findByRole('button', { name: 'Cancel generation' }));
  expect(signal?.aborted).toBe(true);
  expect(await screen.findByText('Cancelled: the request to the AI provider was stopped.')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Cancel generation' })).toBeNull();
  expect(screen.queryByRole('button', { name: 'Apply to the builder' })).toBeNull();
  expect(screen.getByRole('button', { name: 'Generate' })).toBeEnabled();
});

it('reports a discarded proposal, and a failed report does not get in the way', async () => {
  const report = jest.fn(async () => Promise.reject(new Error('offline')));
  const { user } = setup({ report });
  await user.type(screen.getByRole('textbox', { name: /Describe the audience/ }), 'customers');
  await user.click(screen.getByRole('button', { name: 'Generate' }));
  await user.click(await screen.findByRole('button', { name: 'Discard' }));
  expect(report).toHaveBeenCalledWith('gen-1', 'discarded');
  expect(screen.queryByRole('button', { name: 'Apply to the builder' })).toBeNull();
  expect(screen.getByRole('button', { name: 'Generate' })).toBeEnabled();
});
