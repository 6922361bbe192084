import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '../test/render';
import { SaveActions, SegmentToolbar } from './EditorActions';

const noop = () => {};
const ALL = { canRead: true, canCreate: true, canUpdate: true, canDelete: true, canExport: true };
const READ_ONLY = { canRead: true };

const buttonNames = () => screen.queryAllByRole('button').map((b) => b.textContent);

const toolbar = (allowed: Record<string, boolean>, props: Partial<Parameters<typeof SegmentToolbar>[0]> = {}) =>
  renderWithProviders(
    <SegmentToolbar
      allowed={allowed}
      documentId="seg1"
      archived={false}
      dirty={false}
      onExport={noop}
      onDuplicate={noop}
      onToggleArchived={noop}
      onDelete={noop}
      {...props}
    />,
  );

describe('SaveActions', () => {
  it('offers Save on a new segment only with the create permission', () => {
    const { unmount } = renderWithProviders(
      <SaveActions allowed={{ canCreate: true }} isNew dirty={false} saving={false} onSave={noop} onCancel={noop} />,
    );
    expect(buttonNames()).toEqual(['Cancel', 'Save']);
    unmount();
    renderWithProviders(<SaveActions allowed={{ canUpdate: true }} isNew dirty={false} saving={false} onSave={noop} onCancel={noop} />);
    expect(buttonNames()).toEqual(['Cancel']);
  });

  it('offers Save on a saved segment only with the update permission', () => {
    const { unmount } = renderWithProviders(
      <SaveActions allowed={{ canUpdate: true }} isNew={false} dirty saving={false} onSave={noop} onCancel={noop} />,
    );
    expect(buttonNames()).toEqual(['Cancel', 'Save']);
    unmount();
    renderWithProviders(<SaveActions allowed={{ canCreate: true }} isNew={false} dirty saving={false} onSave={noop} onCancel={noop} />);
    expect(buttonNames()).toEqual(['Cancel']);
  });

  it('waits for a change before saving a saved segment', () => {
    renderWithProviders(<SaveActions allowed={ALL} isNew={false} dirty={false} saving={false} onSave={noop} onCancel={noop} />);
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('saves and cancels from the keyboard', async () => {
    const onSave = jest.fn();
    const onCancel = jest.fn();
    renderWithProviders(<SaveActions allowed={ALL} isNew={false} dirty saving={false} onSave={onSave} onCancel={onCancel} />);
    const user = userEvent.setup();
    await user.tab();
    await user.keyboard('{Enter}');
    expect(onCancel).toHaveBeenCalledTimes(1);
    await user.tab();
    await user.keyboard('{Enter}');
    expect(onSave).toHaveBeenCalledTimes(1);
  });
});

describe('SegmentToolbar', () => {
  it('shows every action to a user allowed everything', () => {
    toolbar(ALL);
    expect(buttonNames()).toEqual(['Export to List', 'Duplicate', 'Archive', 'Delete']);
    expect(screen.getByRole('link', { name: 'View members' })).toHaveAttribute('href', '/plugins/segments/segments/seg1/members');
  });

  it('shows a reader only the way to the members', () => {
    toolbar(READ_ONLY);
    expect(buttonNames()).toEqual([]);
    expect(screen.getByRole('link', { name: 'View members' })).toBeInTheDocument();
  });

  it.each([
    [{ canExport: true }, ['Export to List']],
    [{ canCreate: true }, ['Duplicate']],
    [{ canUpdate: true }, ['Archive']],
    [{ canDelete: true }, ['Delete']],
  ])('with %j offers %j', (allowed, expected) => {
    toolbar(allowed);
    expect(buttonNames()).toEqual(expected);
  });

  it('offers Unarchive on an archived segment', () => {
    toolbar(ALL, { archived: true });
    expect(screen.getByRole('button', { name: 'Unarchive' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Archive' })).toBeNull();
  });

  it('keeps Export disabled while there are unsaved changes, and says why', async () => {
    const onExport = jest.fn();
    toolbar(ALL, { dirty: true, onExport });
    const exportButton = screen.getByRole('button', { name: 'Export to List' });
    expect(exportButton).toBeDisabled();
    expect(exportButton).toHaveAccessibleDescription('Save your changes to export: a list freezes the saved segment');
    await userEvent
      .setup()
      .click(exportButton)
      .catch(() => {});
    expect(onExport).not.toHaveBeenCalled();
  });

  it('runs the chosen action', async () => {
    const onDelete = jest.fn();
    const onExport = jest.fn();
    toolbar(ALL, { onDelete, onExport });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Export to List' }));
    expect(onDelete).toHaveBeenCalledTimes(1);
    expect(onExport).toHaveBeenCalledTimes(1);
  });
});
