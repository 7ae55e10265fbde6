import { Box, Combobox, Group, Kbd, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue, useHotkeys, useMediaQuery } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { type ListItem, searchRequests } from '../api/requests.api';
import { useKeyedText } from '../components/keyed-text';
import { fileHref } from '../components/labels';
import { StatusBadge } from '../components/status-badge';

type SearchState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; query: string; items: ListItem[] }
  | { status: 'failed' };

const MIN_LENGTH = 2;
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The search box always at hand in the header (Ctrl+K or "/"): customer name, e-mail, phone,
 * file number and message words, accents ignored; Enter opens the highlighted file.
 */
export function HeaderSearch() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 180);
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  // A phone has no keyboard shortcut to show and no room for the long placeholder.
  const isPhone = useMediaQuery('(max-width: 36em)') === true;

  const focusSearch = () => {
    inputRef.current?.focus();
    inputRef.current?.select();
  };
  // Ctrl+K works even from a text field; "/" only when not typing somewhere.
  useHotkeys([['mod+K', focusSearch]], []);
  useHotkeys([['/', focusSearch]]);

  useEffect(() => {
    if (debounced.length < MIN_LENGTH) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState({ status: 'loading' });
    searchRequests(debounced, controller.signal).then(
      (items) => setState({ status: 'done', query: debounced, items }),
      () => {
        if (!controller.signal.aborted) setState({ status: 'failed' });
      },
    );
    return () => controller.abort();
  }, [debounced]);

  // The first result is highlighted: Enter opens it. (The combobox store is a new object on each
  // render: only new results may trigger this, or the arrows could not move the highlight.)
  const store = useRef(combobox);
  store.current = combobox;
  useEffect(() => {
    if (state.status === 'done' && state.items.length > 0) store.current.selectFirstOption();
  }, [state]);

  const openFile = (id: string) => {
    combobox.closeDropdown();
    setQuery('');
    inputRef.current?.blur();
    navigate(fileHref(id));
  };

  const typed = query.trim();
  let content: ReactNode = null;
  if (typed.length > 0 && typed.length < MIN_LENGTH)
    content = <Combobox.Empty>{t('search.tooShort')}</Combobox.Empty>;
  else if (state.status === 'failed') content = <Combobox.Empty>{t('search.failed')}</Combobox.Empty>;
  else if (state.status === 'done' && state.items.length === 0)
    content = <Combobox.Empty>{t('search.noResult', { q: state.query })}</Combobox.Empty>;
  else if (state.status === 'done')
    content = state.items.map((item) => (
      <Combobox.Option value={item.id} key={item.id} aria-label={`${item.number} — ${item.customerName}`}>
        <SearchResult item={item} />
      </Combobox.Option>
    ));
  else if (state.status === 'loading' || typed !== debounced)
    content = <Combobox.Empty>{t('search.searching')}</Combobox.Empty>;

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={openFile}
      position="bottom-start"
      // Never wider than the screen: nothing scrolls sideways on a phone.
      width="min(520px, calc(100vw - var(--mantine-spacing-sm) - var(--mantine-spacing-sm)))"
      shadow="md"
      withinPortal
    >
      <Combobox.Target withExpandedAttribute>
        <TextInput
          ref={inputRef}
          type="search"
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onClick={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setQuery('');
              event.currentTarget.blur();
            }
          }}
          aria-label={t('search.label')}
          title={t('search.shortcutHint')}
          placeholder={t(isPhone ? 'search.placeholderShort' : 'search.placeholder')}
          leftSection={
            state.status === 'loading' ? (
              <Loader size={16} />
            ) : (
              <IconSearch size={17} stroke={1.8} aria-hidden />
            )
          }
          rightSection={
            query === '' && !isPhone ? (
              <Kbd size="xs" aria-hidden>
                {isMac ? t('search.shortcutMac') : t('search.shortcut')}
              </Kbd>
            ) : null
          }
          rightSectionWidth={isPhone ? undefined : 64}
          rightSectionPointerEvents="none"
          w="100%"
          styles={{ input: { backgroundColor: 'var(--mantine-color-gray-0)' } }}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={typed === ''}>
        <Combobox.Options aria-label={t('search.resultsLabel')} mah={440} style={{ overflowY: 'auto' }}>
          {content}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

/** One result; its muted parts and its status stay readable when highlighted (global.css). */
function SearchResult({ item }: { item: ListItem }) {
  const preview = useKeyedText()(item.lastMessageKeyed, item.lastMessagePreview);
  return (
    <Box miw={0}>
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Group gap="xs" wrap="nowrap" miw={0}>
          <Text size="sm" ff="monospace" className="search-result-muted" style={{ flex: 'none' }}>
            {item.number}
          </Text>
          <Text size="sm" fw={600} truncate="end" title={item.customerName} miw={0}>
            {item.customerName}
          </Text>
        </Group>
        <StatusBadge status={item.status} size="sm" className="search-result-status" />
      </Group>
      <Text size="xs" className="search-result-muted" truncate="end" title={preview}>
        {preview}
      </Text>
    </Box>
  );
}
