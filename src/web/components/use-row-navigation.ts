import { useHotkeys } from '@mantine/hooks';
import { type KeyboardEvent, type MouseEvent, useCallback, useRef, useState } from 'react';

/**
 * Lists you can work through without the mouse: one row is in the tab order; arrows or j / k
 * move between rows, Home / End jump, Enter opens. j / k also work from anywhere on the page
 * (not while typing in a field).
 */
export function useRowNavigation<T extends { id: string }>(items: readonly T[], open: (item: T) => void) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const rows = useRef(new Map<string, HTMLTableRowElement>());
  const currentIndex = Math.max(
    0,
    items.findIndex((item) => item.id === activeId),
  );

  const focusAt = useCallback(
    (index: number) => {
      const item = items[Math.min(Math.max(index, 0), items.length - 1)];
      if (!item) return;
      setActiveId(item.id);
      const row = rows.current.get(item.id);
      row?.focus();
      row?.scrollIntoView({ block: 'nearest' });
    },
    [items],
  );

  const isRowFocused = () => document.activeElement?.hasAttribute('data-list-row') ?? false;
  // Not while a dialog (a modal, the bell) has the keyboard.
  const isInDialog = () => document.activeElement?.closest('[role="dialog"]') != null;
  const move = (step: number) => {
    if (!isInDialog()) focusAt(isRowFocused() ? currentIndex + step : currentIndex);
  };
  useHotkeys([
    ['j', () => move(1)],
    ['k', () => move(-1)],
  ]);

  const rowProps = (item: T, index: number) => ({
    ref: (element: HTMLTableRowElement | null) => {
      if (element) rows.current.set(item.id, element);
      else rows.current.delete(item.id);
    },
    tabIndex: index === currentIndex ? 0 : -1,
    'data-list-row': true,
    onFocus: () => setActiveId(item.id),
    onClick: (event: MouseEvent<HTMLTableRowElement>) => {
      // Links inside the row (the number) navigate by themselves; selecting text is not a click.
      if ((event.target as HTMLElement).closest('a')) return;
      if (window.getSelection()?.toString()) return;
      open(item);
    },
    onKeyDown: (event: KeyboardEvent<HTMLTableRowElement>) => {
      if (event.target !== event.currentTarget) return;
      switch (event.key) {
        case 'ArrowDown':
          event.preventDefault();
          focusAt(index + 1);
          break;
        case 'ArrowUp':
          event.preventDefault();
          focusAt(index - 1);
          break;
        case 'Home':
          event.preventDefault();
          focusAt(0);
          break;
        case 'End':
          event.preventDefault();
          focusAt(items.length - 1);
          break;
        case 'Enter':
          event.preventDefault();
          open(item);
          break;
        default:
      }
    },
  });

  return { rowProps };
}
