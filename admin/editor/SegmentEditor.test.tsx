/**
 * The editor's page-level flows with a fake API. Strapi's admin package cannot load in jsdom (it
 * pulls ES-only modules), so its page chrome is replaced by plain stand-ins; the builder is replaced
 * by a probe that records the props the editor hands it, as the real builder is built elsewhere.
 */
import { DesignSystemProvider } from '@strapi/design-system';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import type { Catalog } from '../../shared/catalog';
import type { FilterGroup } from '../../shared/filter-tree';
import type { SegmentRecord } from '../../shared/contracts/records';
import type { SegmentsApi } from '../api';
import { CATALOG } from '../builder/test/fixtures';
import type { FilterBuilderProps } from '../builder/types';
import { MESSAGES } from '../test/render';
import { SegmentEditor } from './SegmentEditor';

// jsdom has no fetch Request, which react-router's data router builds for every navigation; it reads only these fields.
(globalThis as any).Request ??= class Request {
  url: string;
  method: string;
  signal?: AbortSignal;
  constructor(url: string | URL, init: { method?: string; signal?: AbortSignal } = {}) {
    this.url = String(url);
    this.method = init.method ?? 'GET';
    this.signal = init.signal;
  }
};

const mockNotify = jest.fn();
jest.mock('@strapi/strapi/admin', () => {
  const { Button, Dialog } = jest.requireActual('@strapi/design-system');
  const Pass = ({ children }: { children?: ReactNode }) => <>{children}</>;
  return {
    Page: { Main: Pass, Title: () => null },
    Layouts: {
      Header: ({ title, primaryAction, navigationAction }: { title: string; primaryAction?: ReactNode; navigationAction?: ReactNode }) => (
        <header>
          {navigationAction}
          <h1>{title}</h1>
          {primaryAction}
        </header>
      ),
      Content: Pass,
    },
    useNotification: () => ({ toggleNotification: mockNotify }),
    ConfirmDialog: ({ title, children, onConfirm, onCancel }: any) => (
      <Dialog.Content>
        <Dialog.Header>{title}</Dialog.Header>
        <Dialog.Body>{children}</Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button onClick={onCancel}>Stay</Button>
          </Dialog.Cancel>
          <Dialog.Action>
            <Button onClick={onConfirm}>Confirm</Button>
          </Dialog.Action>
        </Dialog.Footer>
      </Dialog.Content>
    ),
  };
});

const mockBuilder = jest.fn();
const mockFocusNode = jest.fn();
jest.mock('../builder/FilterBuilder', () => ({
  focusNode: (...args: unknown[]) => mockFocusNode(...args),
  FilterBuilder: (props: FilterBuilderProps) => {
    mockBuilder(props);
    return (
      <button
        type="button"
        onClick={() => props.onChange({ combinator: 'and', rules: [{ field: 'leadScore', operator: '>', value: 'lots' }] })}
      >
        change the tree
      </button>
    );
  },
}));
const builderProps = (): FilterBuilderProps => mockBuilder.mock.calls[mockBuilder.mock.calls.length - 1][0];

const TREE: FilterGroup = { combinator: 'and', rules: [{ field: 'lifecycleStage', operator: '=', value: 'lead' }] };
const LEADS: SegmentRecord = {
  id: 1,
  documentId: 'lead1',
  name: 'Leads',
  description: 'At the lead stage',
  filters: TREE,
  aiPrompt: null,
  archived: false,
  lastCount: 2,
  lastCountAt: '2026-11-01T00:00:00.000Z',
  lastCountMs: 4,
  lastCountError: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};
const ALL = { canRead: true, canCreate: true, canUpdate: true, canDelete: true, canExport: true };

const invalid = (message: string, errors: Array<{ path: string; message: string }>) => ({
  status: 400,
  response: { data: { error: { status: 400, name: 'ValidationError', message, details: { errors } } } },
});

function fakeApi(over: Partial<SegmentsApi> = {}) {
  const api = {
    preview: jest.fn(async () => ({ count: 2, contacts: [{ documentId: 'c1', name: 'Ana', email: 'ana@x.io', company: 'Acme' }] })),
    lookup: jest.fn(async () => []),
    explain: jest.fn(async () => ({
      total: 5000,
      count: 2,
      nodes: [
        { path: '', alone: 2, kept: 2, status: 'ok' },
        { path: 'rules[0]', alone: 2, kept: 2, status: 'ok' },
      ],
    })),
    explainContact: jest.fn(async ({ contact }: { contact: string }) => ({
      contact: { documentId: contact, name: contact === 'c1' ? 'Ana' : 'Bert Müller', email: null },
      member: contact === 'c1',
      nodes: [
        { path: '', result: contact === 'c1' },
        { path: 'rules[0]', result: contact === 'c1', values: [contact === 'c1' ? 'lead' : 'customer'] },
      ],
    })),
    searchContacts: jest.fn(async () => [{ documentId: 'c2', name: 'Bert Müller', email: 'bert@x.io', company: null }]),
    createSegment: jest.fn(async (draft) => ({ ...LEADS, ...draft, documentId: 'new1' })),
    updateSegment: jest.fn(async (_id, draft) => ({ ...LEADS, ...draft })),
    exportSegment: jest.fn(),
    duplicate: jest.fn(),
    setArchived: jest.fn(),
    deleteSegment: jest.fn(),
    segments: jest.fn(async () => ({ data: [], meta: { pagination: { page: 1, pageSize: 100, pageCount: 0, total: 0 } } })),
    ...over,
  } as unknown as SegmentsApi & Record<string, jest.Mock>;
  // The editor asks for the preview in two parts; both answer from `preview`, so a test states one answer.
  api.previewContacts ??= jest.fn(async (filters: FilterGroup, options?: { signal?: AbortSignal }) => ({
    contacts: (await api.preview(filters, options)).contacts,
  }));
  api.previewCount ??= jest.fn(async (filters: FilterGroup, options?: { signal?: AbortSignal }) => ({
    count: (await api.preview(filters, options)).count,
  }));
  return api;
}

function renderEditor(
  api: SegmentsApi,
  initial: SegmentRecord | null,
  allowed: Record<string, boolean> = ALL,
  catalog: Catalog = { contactType: 'api::contact.contact', fields: [] },
) {
  const start = initial ? `/plugins/segments/segments/${initial.documentId}` : '/plugins/segments/segments/new';
  const router = createMemoryRouter(
    [
      { path: '/plugins/segments', element: <p>segments list</p> },
      {
        path: '/plugins/segments/segments/:id',
        element: <SegmentEditor api={api} catalog={catalog} initial={initial} allowed={allowed} />,
      },
    ],
    { initialEntries: [start] },
  );
  render(
    <IntlProvider locale="en" messages={MESSAGES}>
      <DesignSystemProvider locale="en">
        <RouterProvider router={router} />
      </DesignSystemProvider>
    </IntlProvider>,
  );
  return router;
}

beforeEach(() => {
  mockNotify.mockClear();
  mockBuilder.mockClear();
});

it('previews the saved tree and hands the builder its value, lookup and segment', async () => {
  const api = fakeApi();
  renderEditor(api, LEADS);
  expect(await screen.findByText('2 contacts')).toBeInTheDocument();
  expect(screen.getByRole('list', { name: 'The first contact' })).toHaveTextContent('Ana' + 'ana@x.io · Acme');
  expect(api.preview).toHaveBeenCalledWith(TREE, expect.objectContaining({ signal: expect.any(AbortSignal) }));
  expect(builderProps()).toMatchObject({ value: TREE, segmentId: 'lead1', disabled: false, issues: [] });
  expect(builderProps().lookup).toBe(api.lookup);
});

it('says when the preview is exact for, when part of it came from the editor’s cache', async () => {
  const asOf = '2026-12-07T10:00:01.000Z';
  const api = fakeApi({ previewCount: jest.fn(async () => ({ count: 2, asOf })) } as Partial<SegmentsApi>);
  renderEditor(api, LEADS);
  expect(await screen.findByText('2 contacts')).toBeInTheDocument();
  const line = await screen.findByText(/^Exact as of .+: the conditions you did not change were read then/);
  expect(line).toHaveAttribute('data-as-of', asOf);
  // The count bar of narrow screens says it too, shortly.
  const bar = within(screen.getByTestId('count-bar'));
  expect(bar.getByText('2 contacts match')).toBeInTheDocument();
  expect(bar.getByText(/^exact as of \d/)).toHaveAttribute('data-as-of', asOf);
});

it('shows the first contacts while the count still runs, then the count', async () => {
  let count!: (answer: { count: number }) => void;
  const api = fakeApi({ previewCount: jest.fn(() => new Promise((resolve) => (count = resolve))) } as Partial<SegmentsApi>);
  renderEditor(api, LEADS);
  expect(await screen.findByRole('list', { name: 'The first contact' })).toHaveTextContent('Ana');
  expect(screen.getByText('Counting…')).toBeInTheDocument();
  expect(screen.queryByText(/^\d+ contacts?$/)).toBeNull();
  act(() => count({ count: 2 }));
  expect(await screen.findByText('2 contacts')).toBeInTheDocument();
  expect(screen.queryByText('Counting…')).toBeNull();
  expect(screen.getByText(/^First contacts in \d+ ms, counted in \d+ ms$/)).toBeInTheDocument();
});

it('passes the preview’s 400 issues to the builder and names the rule to finish in words, without the path, instead of a count', async () => {
  const issues = [{ path: 'rules[0].value', message: 'leadScore needs a number' }];
  const api = fakeApi({
    preview: jest.fn(async () => Promise.reject(invalid('Invalid filters at rules[0].value: leadScore needs a number', issues))),
  });
  renderEditor(api, LEADS);
  expect(await screen.findByText('Finish the condition on lifecycleStage to update the count')).toBeInTheDocument();
  expect(screen.getByText('leadScore needs a number')).toBeInTheDocument();
  expect(document.body.textContent).not.toMatch(/rules\[0\]/);
  expect(screen.queryByText(/contacts$/)).toBeNull();
  await waitFor(() => expect(builderProps().issues).toEqual(issues));
});

it('keeps everything typed when a save is refused, shows why and marks the offending rule', async () => {
  const issues = [{ path: 'rules[0].value', message: 'leadScore needs a number' }];
  const api = fakeApi({
    updateSegment: jest.fn(async () => Promise.reject(invalid('Invalid filters at rules[0].value: leadScore needs a number', issues))),
  });
  renderEditor(api, LEADS);
  const user = userEvent.setup();
  const name = await screen.findByRole('textbox', { name: /Name/ });
  await user.clear(name);
  await user.type(name, 'Scored leads');
  await user.click(screen.getByRole('button', { name: 'change the tree' }));
  await user.click(screen.getByRole('button', { name: 'Save' }));

  expect(api.updateSegment).toHaveBeenCalledWith('lead1', {
    name: 'Scored leads',
    description: 'At the lead stage',
    filters: { combinator: 'and', rules: [{ field: 'leadScore', operator: '>', value: 'lots' }] },
  });
  expect(await screen.findByText('The segment was not saved')).toBeInTheDocument();
  // The rule and what it needs, never the path the server names it by.
  expect(screen.getByText('leadScore: leadScore needs a number')).toBeInTheDocument();
  expect(mockNotify).toHaveBeenCalledWith({ type: 'danger', message: 'leadScore: leadScore needs a number' });
  expect(builderProps().revealProblems).toBe(true);
  expect(builderProps().issues).toEqual(issues);
  expect(name).toHaveValue('Scored leads');
  expect(builderProps().value.rules[0]).toMatchObject({ field: 'leadScore', value: 'lots' });
});

it('asks for a name before creating, then creates and moves to the new segment’s address', async () => {
  const api = fakeApi();
  const router = renderEditor(api, null);
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Save' }));
  expect(screen.getByText('Give the segment a name')).toBeInTheDocument();
  expect(api.createSegment).not.toHaveBeenCalled();

  await user.type(screen.getByRole('textbox', { name: /Name/ }), 'Newcomers');
  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(api.createSegment).toHaveBeenCalledWith({ name: 'Newcomers', description: null, filters: { combinator: 'and', rules: [] } });
  // The form had unsaved changes, yet the move after a save is not blocked.
  await waitFor(() => expect(router.state.location.pathname).toBe('/plugins/segments/segments/new1'));
});

it('asks before leaving with unsaved changes, and stays when told to', async () => {
  const api = fakeApi();
  const router = renderEditor(api, LEADS);
  const user = userEvent.setup();
  await user.type(await screen.findByRole('textbox', { name: /Description/ }), ' and warm');
  await user.click(screen.getByRole('button', { name: 'Cancel' }));
  expect(await screen.findByText('Leave without saving?')).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Stay' }));
  expect(router.state.location.pathname).toBe('/plugins/segments/segments/lead1');
  expect(screen.getByRole('textbox', { name: /Description/ })).toHaveValue('At the lead stage and warm');

  await user.click(screen.getByRole('button', { name: 'Cancel' }));
  await user.click(await screen.findByRole('button', { name: 'Confirm' }));
  await waitFor(() => expect(router.state.location.pathname).toBe('/plugins/segments'));
});

it('leaves without asking when nothing changed', async () => {
  const router = renderEditor(fakeApi(), LEADS);
  await userEvent.setup().click(await screen.findByRole('button', { name: 'Cancel' }));
  await waitFor(() => expect(router.state.location.pathname).toBe('/plugins/segments'));
});

it('offers Export only once the changes are saved', async () => {
  renderEditor(fakeApi(), LEADS);
  const user = userEvent.setup();
  expect(await screen.findByRole('button', { name: 'Export to List' })).toBeEnabled();
  await user.click(screen.getByRole('button', { name: 'change the tree' }));
  expect(screen.getByRole('button', { name: 'Export to List' })).toBeDisabled();
  await user.click(screen.getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(screen.getByRole('button', { name: 'Export to List' })).toBeEnabled());
});

it('warns, without refusing, when another segment already has the name', async () => {
  const other = { ...LEADS, documentId: 'other1', name: 'Scored Leads ' };
  const watchless = { watched: false, lastRefresh: null, recentCounts: [] };
  const api = fakeApi({
    segments: jest.fn(async () => ({
      data: [LEADS, other].map((s) => ({ ...s, ...watchless })),
      meta: { pagination: { page: 1, pageSize: 100, pageCount: 1, total: 2 } },
    })),
  });
  renderEditor(api, LEADS);
  const user = userEvent.setup();
  const name = await screen.findByRole('textbox', { name: /Name/ });
  // Its own name is not a duplicate.
  await waitFor(() => expect(api.segments).toHaveBeenCalled());
  expect(screen.queryByText(/Another segment is already called/)).toBeNull();
  await user.clear(name);
  await user.type(name, 'scored leads');
  expect(
    await screen.findByText('Another segment is already called “Scored Leads ”: you can keep both, but a different name tells them apart.'),
  ).toBeInTheDocument();
  expect(api.segments).toHaveBeenLastCalledWith({ q: 'scored leads', page: 1, pageSize: 100 });
  await user.click(screen.getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(api.updateSegment).toHaveBeenCalledWith('lead1', expect.objectContaining({ name: 'scored leads' })));
});

it('names the segments that use this one when it is archived', async () => {
  const api = fakeApi({
    setArchived: jest.fn(async () => ({ ...LEADS, archived: true, usedBy: [{ documentId: 'u1', name: 'Hot leads', archived: false }] })),
  });
  renderEditor(api, LEADS);
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Archive' }));
  await waitFor(() =>
    expect(mockNotify).toHaveBeenCalledWith({
      type: 'warning',
      message: 'Archived “Leads”. Still used by “Hot leads”: it still uses its conditions, and the builder marks it as archived there.',
    }),
  );
});

it('shows a reader the segment without a way to change it', async () => {
  renderEditor(fakeApi(), LEADS, { canRead: true });
  expect(await screen.findByRole('textbox', { name: /Name/ })).toBeDisabled();
  expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  expect(builderProps().disabled).toBe(true);
  await act(async () => {});
});

describe('explain', () => {
  it("hands the builder each condition's counts, the one that cuts most marked", async () => {
    const api = fakeApi();
    renderEditor(api, LEADS);
    await waitFor(() => expect(builderProps().annotations?.['rules[0]']).toBeDefined());
    expect(api.explain).toHaveBeenCalledWith(TREE, expect.objectContaining({ signal: expect.any(AbortSignal) }));
    expect(builderProps().annotations).toEqual({
      '': { counts: { alone: 2, kept: 2, before: 5000, combinator: 'root', cutsMost: false, timeout: false } },
      'rules[0]': { counts: { alone: 2, kept: 2, before: 5000, combinator: 'and', cutsMost: true, timeout: false } },
    });
    // The key to those numbers, with the counts only.
    expect(screen.getByTestId('explain-legend')).toHaveTextContent('So it depends on the order');
  });

  it('shows no legend while there are no counts to read', async () => {
    const api = fakeApi({ explain: jest.fn(() => new Promise(() => undefined)) as never });
    renderEditor(api, LEADS);
    expect(await screen.findByText('2 contacts')).toBeInTheDocument();
    expect(screen.queryByTestId('explain-legend')).toBeNull();
  });

  it('explains a member from its preview row: the builder marks each condition with the deciding values', async () => {
    const api = fakeApi();
    renderEditor(api, LEADS);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Why is Ana here?' }));
    expect(await screen.findByText('Ana is a member')).toBeInTheDocument();
    expect(api.explainContact).toHaveBeenCalledWith(
      { filters: TREE, contact: 'c1' },
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
    await waitFor(() =>
      expect(builderProps().annotations?.['rules[0]']?.contact).toEqual({ result: true, detail: 'lifecycleStage is lead' }),
    );
    expect(builderProps().annotations?.['']?.contact).toEqual({ result: true, detail: undefined });
  });

  it('finds a contact by name and shows why it is not a member; Clear removes the marks', async () => {
    const api = fakeApi();
    renderEditor(api, LEADS);
    const user = userEvent.setup();
    await user.type(await screen.findByRole('searchbox', { name: 'Find a contact by name or email' }), 'müll');
    await user.click(await screen.findByRole('button', { name: 'Bert Müller · bert@x.io' }));
    expect(api.searchContacts).toHaveBeenLastCalledWith('müll', expect.objectContaining({ signal: expect.any(AbortSignal) }));
    expect(await screen.findByText('Bert Müller is not a member')).toBeInTheDocument();
    await waitFor(() =>
      expect(builderProps().annotations?.['rules[0]']?.contact).toEqual({ result: false, detail: 'lifecycleStage is customer' }),
    );
    await user.click(screen.getByRole('button', { name: 'Clear the contact' }));
    await waitFor(() => expect(builderProps().annotations?.['rules[0]']?.contact).toBeUndefined());
  });

  it('says when the saved segment was last counted, and why its last count failed', async () => {
    renderEditor(fakeApi(), { ...LEADS, lastCount: 1234, lastCountMs: 87, lastCountError: 'unknown field "retired"' });
    expect(await screen.findByText(/^Last counted .*: 1,234 in 87 ms$/)).toBeInTheDocument();
    expect(screen.getByText('The last count failed: unknown field "retired"')).toBeInTheDocument();
  });

  it('counts now: a fresh count replaces the error; a count over budget says it is still counting', async () => {
    const countSegment = jest
      .fn()
      .mockResolvedValueOnce({ ...LEADS, lastCount: 40, lastCountAt: '2026-11-30T01:00:00.000Z', lastCountMs: 9, lastCountError: null })
      .mockResolvedValueOnce({
        ...LEADS,
        lastCount: 40,
        lastCountAt: '2026-11-30T01:00:00.000Z',
        lastCountMs: 9,
        lastCountError: null,
        pending: true,
      });
    renderEditor(fakeApi({ countSegment } as Partial<SegmentsApi>), { ...LEADS, lastCountError: 'timeout' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Count now' }));
    expect(await screen.findByText(/^Last counted .*: 40 in 9 ms$/)).toBeInTheDocument();
    expect(screen.queryByText(/The last count failed/)).toBeNull();
    expect(countSegment).toHaveBeenCalledWith('lead1');
    await user.click(screen.getByRole('button', { name: 'Count now' }));
    expect(await screen.findByText('Still counting (showing the last count)')).toBeInTheDocument();
  });
});

describe('AI Mode in the editor', () => {
  const GENERATED: FilterGroup = { combinator: 'and', rules: [{ field: 'lifecycleStage', operator: '=', value: 'customer' }] };
  const PROMPT = 'Customers only';

  it('is hidden without the use-AI permission, and shown with it', async () => {
    renderEditor(fakeApi({ generate: jest.fn() } as any), LEADS);
    expect(await screen.findByText('2 contacts')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'AI Mode' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'In words' })).toBeInTheDocument();
  });

  it('applies a generated tree to the builder, undoes it, and saves the tree with its prompt', async () => {
    const generate = jest.fn(async () => ({ filters: GENERATED, explanation: 'Contacts at the customer stage.', warnings: [] }));
    const api = fakeApi({ generate } as any);
    renderEditor(api, LEADS, { ...ALL, canUseAi: true });
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: /Describe the audience/ }), PROMPT);
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    expect(await screen.findByText('Contacts at the customer stage.')).toBeInTheDocument();
    expect(generate).toHaveBeenCalledWith({ prompt: PROMPT }, expect.objectContaining({ signal: expect.any(AbortSignal) }));

    await user.click(screen.getByRole('button', { name: 'Apply to the builder' }));
    expect(builderProps().value).toEqual(GENERATED);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(builderProps().value).toEqual(TREE);

    await user.click(screen.getByRole('button', { name: 'Apply to the builder' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateSegment).toHaveBeenCalledWith('lead1', {
        name: 'Leads',
        description: 'At the lead stage',
        filters: GENERATED,
        aiPrompt: PROMPT,
      }),
    );
  });
});

describe('what is complete (issue #16)', () => {
  it('refuses Save without a name, with the name box brought into view and focused', async () => {
    const api = fakeApi();
    renderEditor(api, LEADS);
    const user = userEvent.setup();
    const name = await screen.findByRole('textbox', { name: /Name/ });
    await user.clear(name);
    screen.getByRole('button', { name: 'change the tree' }).focus();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(document.activeElement).toBe(name);
    expect(screen.getByText('Give the segment a name')).toBeInTheDocument();
    expect(api.updateSegment).not.toHaveBeenCalled();
  });

  it('does not count or save an incomplete tree: the last count stays, dimmed, under the rule to finish', async () => {
    const api = fakeApi();
    renderEditor(api, LEADS, ALL, CATALOG);
    const user = userEvent.setup();
    expect(await screen.findByText('2 contacts')).toBeInTheDocument();
    expect([api.previewContacts, api.previewCount].map((f) => (f as jest.Mock).mock.calls.length)).toEqual([1, 1]);
    // The probe sets "Lead score > lots".
    await user.click(screen.getByRole('button', { name: 'change the tree' }));
    expect(await screen.findByText('Finish the condition on Lead score to update the count')).toBeInTheDocument();
    expect(screen.getByText('“lots” is not a number: use digits, like 80 or 2.5')).toBeInTheDocument();
    expect(screen.getByText('2 contacts').closest('[data-dimmed]')).not.toBeNull();
    expect([api.previewContacts, api.previewCount].map((f) => (f as jest.Mock).mock.calls.length)).toEqual([1, 1]);
    expect(builderProps().revealProblems).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.updateSegment).not.toHaveBeenCalled();
    expect(mockNotify).toHaveBeenCalledWith({
      type: 'warning',
      message: 'One condition needs finishing. The first is on Lead score: “lots” is not a number: use digits, like 80 or 2.5',
    });
    expect(builderProps().revealProblems).toBe(true);
    // The probe has no rules on screen; the real builder's focusing is tested with it (FilterBuilder.trust.test.tsx).
    await waitFor(() => expect(mockFocusNode).toHaveBeenCalledWith(expect.any(HTMLElement), undefined));
  });

  it('undoes and redoes tree changes with the buttons and with Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z', async () => {
    const api = fakeApi();
    renderEditor(api, LEADS);
    const user = userEvent.setup();
    const undoButton = await screen.findByRole('button', { name: 'Undo edit' });
    expect(undoButton).toHaveAttribute('aria-disabled', 'true');
    await user.click(screen.getByRole('button', { name: 'change the tree' }));
    const changed = builderProps().value;
    expect(changed).not.toEqual(TREE);
    await user.click(undoButton);
    expect(builderProps().value).toEqual(TREE);
    await user.click(screen.getByRole('button', { name: 'Redo edit' }));
    expect(builderProps().value).toBe(changed);

    screen.getByRole('button', { name: 'change the tree' }).focus();
    await user.keyboard('{Control>}z{/Control}');
    expect(builderProps().value).toEqual(TREE);
    await user.keyboard('{Meta>}{Shift>}z{/Shift}{/Meta}');
    expect(builderProps().value).toBe(changed);
    // The name keeps the browser's own undo: the tree's history is not touched from there.
    await user.click(screen.getByRole('textbox', { name: /Name/ }));
    await user.keyboard('{Control>}z{/Control}');
    expect(builderProps().value).toBe(changed);
  });
});
