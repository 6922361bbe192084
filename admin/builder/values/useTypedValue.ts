import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * How long typing must pause before the tree hears of it. Short enough that the preview and the
 * words follow typing; long enough that a word typed at speed is one change of the tree, not one per letter.
 */
export const COMMIT_IDLE_MS = 200;

const NONE = Symbol('nothing pending');

/**
 * A value box that answers the keyboard at once and tells the tree later. A keystroke re-renders the
 * box alone; the tree (and with it the builder's rows, the words, the preview) hears of what was
 * typed once typing pauses for COMMIT_IDLE_MS, when the box is left, or before a shortcut (Ctrl/Cmd+Z
 * undoes in the tree, which must have every letter). In a 60-condition segment a keystroke that
 * re-rendered the tree took longer than a frame.
 *
 * `read` turns the text into the tree's value, `write` the tree's value into text; the text typed is
 * kept while the tree holds what it reads as (so "1.0" on the way to "1.05" stays "1.0"), and replaced
 * when the tree changes from elsewhere (undo, AI Mode, the other bound of a range).
 */
export function useTypedValue(
  value: unknown,
  onChange: (value: unknown) => void,
  read: (text: string) => unknown,
  write: (value: unknown) => string,
) {
  // `from`: the tree's value that `text` was typed over, or that it was last set from.
  const [state, setState] = useState(() => ({ text: write(value), value, from: value }));
  const pending = useRef<unknown>(NONE);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const latest = useRef(onChange);
  latest.current = onChange;

  let shown = state;
  if (!Object.is(value, state.from)) {
    // What was typed came back from the tree: keep it as typed. Anything else replaces it.
    shown = Object.is(value, state.value) ? { ...state, from: value } : { text: write(value), value, from: value };
    setState(shown);
  }

  const commit = useCallback(() => {
    clearTimeout(timer.current);
    if (pending.current === NONE) return;
    const next = pending.current;
    pending.current = NONE;
    latest.current(next);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);

  const type = (text: string) => {
    const next = read(text);
    setState((s) => ({ text, value: next, from: s.from }));
    pending.current = next;
    clearTimeout(timer.current);
    timer.current = setTimeout(commit, COMMIT_IDLE_MS);
  };

  return {
    text: shown.text,
    /** The box's own handlers: typing, leaving, and a shortcut that needs the tree up to date. */
    inputProps: {
      onChange: (e: React.ChangeEvent<HTMLInputElement>) => type(e.target.value),
      onBlur: commit,
      onKeyDown: (e: React.KeyboardEvent) => (e.ctrlKey || e.metaKey) && commit(),
    },
  };
}
