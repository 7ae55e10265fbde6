import { Box, Button, Group, Menu, Select, Stack, Text } from '@mantine/core';
import { IconCheck, IconChevronDown, IconLanguage } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { CUSTOMER_LANGUAGES } from '../../../shared/vocabulary';
import { type CustomerLanguage, type RequestPage, type Status, updateRequest } from '../../api/requests.api';
import { listHref } from '../../components/labels';
import { SourceBadge, StatusBadge } from '../../components/status-badge';
import { useFormatters } from '../../format/use-formatters';
import { useCategories } from '../../state/categories';
import type { RunEdit } from './run-edit';
import { SideCard } from './side-card';

function Row({ label, children, labelId }: { label: string; children: ReactNode; labelId?: string }) {
  return (
    <Group gap="sm" wrap="nowrap" align="center" mih={30}>
      <Text size="sm" c="dimmed" w={130} style={{ flex: 'none' }} id={labelId}>
        {label}
      </Text>
      <Box miw={0} style={{ flex: 1 }}>
        {children}
      </Box>
    </Group>
  );
}

function languageName(t: ReturnType<typeof useTranslation>['t'], language: string): string {
  return (CUSTOMER_LANGUAGES as readonly string[]).includes(language)
    ? (t as unknown as (key: string) => string)(`customerLanguages.${language as CustomerLanguage}`)
    : language.toUpperCase();
}

/**
 * The "Dossier" card: number, status (its tab), origin, category, the customer's language. A
 * choice is sent with the file version of the moment its list was opened — what the secretary
 * was looking at when she chose — so a colleague's change arriving meanwhile is not overwritten.
 */
export function DossierPanel({ data, runEdit }: { data: RequestPage; runEdit: RunEdit }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { categories } = useCategories();
  const { request } = data;
  const status = request.status as Status;
  const [saving, setSaving] = useState<'category' | 'language' | null>(null);
  /** The file version when the category list or the language menu was opened; null when closed. */
  const startedFrom = useRef<number | null>(null);
  const begin = () => {
    startedFrom.current = request.version;
  };
  const end = () => {
    startedFrom.current = null;
  };
  /** A choice made without opening the list (clearing the category) starts from what is shown now. */
  const versionOfChoice = () => startedFrom.current ?? request.version;

  const options = (categories ?? [])
    .filter((c) => c.isActive || c.id === request.categoryId)
    .map((c) => ({
      value: c.id,
      label: c.isActive ? c.name : t('dossier.panel.categoryHidden', { name: c.name }),
    }));
  // Before the categories arrive, the current one still shows by name.
  if (request.categoryId && !options.some((o) => o.value === request.categoryId) && data.categoryName) {
    options.push({ value: request.categoryId, label: data.categoryName });
  }

  const changeCategory = async (categoryId: string | null) => {
    const version = versionOfChoice();
    if (categoryId === request.categoryId) return;
    setSaving('category');
    await runEdit(() => updateRequest(request.id, { version, categoryId }), { isChoice: true });
    setSaving(null);
  };

  const changeLanguage = async (language: CustomerLanguage) => {
    const version = versionOfChoice();
    if (language === request.language) return;
    setSaving('language');
    await runEdit(() => updateRequest(request.id, { version, language }), { isChoice: true });
    setSaving(null);
  };

  const currentLanguage = languageName(t, request.language);

  return (
    <SideCard id="panel-dossier" title={t('dossier.panel.title')}>
      <Stack gap={6}>
        <Row label={t('dossier.panel.number')}>
          <Text size="sm" ff="monospace" fw={600}>
            {request.number}
          </Text>
        </Row>
        <Row label={t('dossier.panel.status')}>
          <Link
            href={listHref(status)}
            title={
              status === 'request'
                ? t('requests.title')
                : t('dossier.panel.statusLink', { tab: t(`tabs.${status}`) })
            }
            style={{ textDecoration: 'none' }}
          >
            <StatusBadge status={status} style={{ cursor: 'pointer' }} />
          </Link>
        </Row>
        <Row label={t('dossier.panel.origin')}>
          <SourceBadge source={request.source} />
        </Row>
        <Row label={t('dossier.panel.createdAt')}>
          <Text size="sm" title={format.longDateTime(request.createdAt)}>
            {format.shortDateTime(request.createdAt)}
          </Text>
        </Row>
        <Row label={t('dossier.panel.category')} labelId="dossier-category-label">
          <Select
            aria-labelledby="dossier-category-label"
            data={options}
            value={request.categoryId}
            placeholder={t('dossier.panel.categoryPlaceholder')}
            onChange={(value) => void changeCategory(value)}
            onDropdownOpen={begin}
            onDropdownClose={end}
            clearable
            size="sm"
            disabled={saving === 'category'}
            comboboxProps={{ withinPortal: true }}
          />
        </Row>
        <Row label={t('dossier.panel.language')}>
          <Menu position="bottom-start" shadow="md" withinPortal onOpen={begin} onClose={end}>
            <Menu.Target>
              <Button
                variant="light"
                size="compact-sm"
                leftSection={<IconLanguage size={15} aria-hidden />}
                rightSection={<IconChevronDown size={14} aria-hidden />}
                loading={saving === 'language'}
                aria-label={t('dossier.panel.languageChange', { language: currentLanguage })}
                title={t('dossier.panel.languageChange', { language: currentLanguage })}
              >
                {currentLanguage}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {CUSTOMER_LANGUAGES.map((language) => (
                <Menu.Item
                  key={language}
                  onClick={() => void changeLanguage(language)}
                  rightSection={language === request.language ? <IconCheck size={14} aria-hidden /> : null}
                  aria-current={language === request.language ? 'true' : undefined}
                  fw={language === request.language ? 600 : undefined}
                >
                  {languageName(t, language)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Row>
      </Stack>
    </SideCard>
  );
}
