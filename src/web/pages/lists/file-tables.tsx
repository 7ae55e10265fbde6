import { Box, Group, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { CUSTOMER_LANGUAGES, type CustomerLanguage, type ListItem } from '../../api/requests.api';
import { serviceLabelText, useKeyedText } from '../../components/keyed-text';
import { fileHref } from '../../components/labels';
import { SourceBadge, ToHandleBadge } from '../../components/status-badge';
import { useRowNavigation } from '../../components/use-row-navigation';
import { useFormatters } from '../../format/use-formatters';

function NumberLink({ item }: { item: ListItem }) {
  return (
    <Link href={fileHref(item.id)} tabIndex={-1} style={{ color: 'inherit', textDecoration: 'none' }}>
      <Text span size="sm" ff="monospace" fw={600} c="alpine.8" style={{ whiteSpace: 'nowrap' }}>
        {item.number}
      </Text>
    </Link>
  );
}

function CustomerCell({ item, withToHandle = false }: { item: ListItem; withToHandle?: boolean }) {
  return (
    <Box miw={0}>
      <Group gap={6} wrap="nowrap" miw={0}>
        <Text size="sm" fw={item.isToHandle ? 700 : 500} truncate="end" title={item.customerName} miw={0}>
          {item.customerName}
        </Text>
        {withToHandle && item.isToHandle && <ToHandleBadge size="xs" />}
      </Group>
      <Text size="xs" c="dimmed" truncate="end" title={item.customerEmail}>
        {item.customerEmail}
      </Text>
    </Box>
  );
}

function CategoryCell({ item }: { item: ListItem }) {
  const { t } = useTranslation();
  return item.categoryName ? (
    <Text size="sm" truncate="end" title={item.categoryName}>
      {item.categoryName}
    </Text>
  ) : (
    <Text size="sm" c="dimmed" aria-label={t('common.none')}>
      {t('lists.noCategory')}
    </Text>
  );
}

function TimeCell({ iso }: { iso: string }) {
  const format = useFormatters();
  return (
    <Text size="sm" c="gray.7" truncate="end" title={format.longDateTime(iso)}>
      {format.listTime(iso)}
    </Text>
  );
}

function useOpenFile() {
  const [, navigate] = useLocation();
  return (item: ListItem) => navigate(fileHref(item.id));
}

/** Gestion des demandes: who asked what, from where, and whether they wait for an answer. */
export function RequestsTable({ items }: { items: ListItem[] }) {
  const { t } = useTranslation();
  const keyedText = useKeyedText();
  const { rowProps } = useRowNavigation(items, useOpenFile());

  return (
    <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={1040} type="native">
        <Table
          layout="fixed"
          verticalSpacing="sm"
          horizontalSpacing="sm"
          highlightOnHover
          aria-label={t('requests.tableCaption')}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={88}>
                <VisuallyHidden>{t('lists.toHandle')}</VisuallyHidden>
              </Table.Th>
              <Table.Th w={112}>{t('lists.columnNumber')}</Table.Th>
              <Table.Th w="19%">{t('lists.columnCustomer')}</Table.Th>
              <Table.Th w={92}>{t('lists.columnOrigin')}</Table.Th>
              <Table.Th>{t('lists.columnLastMessage')}</Table.Th>
              <Table.Th w={100}>{t('lists.columnTime')}</Table.Th>
              <Table.Th w={112}>{t('lists.columnCategory')}</Table.Th>
              <Table.Th w={76}>{t('lists.columnLanguage')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item, index) => (
              <Table.Tr key={item.id} {...rowProps(item, index)}>
                <Table.Td>{item.isToHandle && <ToHandleBadge size="sm" />}</Table.Td>
                <Table.Td>
                  <NumberLink item={item} />
                </Table.Td>
                <Table.Td>
                  <CustomerCell item={item} />
                </Table.Td>
                <Table.Td>
                  <SourceBadge source={item.source} size="sm" />
                </Table.Td>
                <Table.Td>
                  <Text
                    size="sm"
                    c={item.isToHandle ? 'gray.9' : 'gray.7'}
                    lineClamp={2}
                    className="wrap-anywhere"
                    title={keyedText(item.lastMessageKeyed, item.lastMessagePreview)}
                  >
                    {keyedText(item.lastMessageKeyed, item.lastMessagePreview)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <TimeCell iso={item.lastMessageAt} />
                </Table.Td>
                <Table.Td>
                  <CategoryCell item={item} />
                </Table.Td>
                <Table.Td>
                  <LanguageCode language={item.language} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function LanguageCode({ language }: { language: string }) {
  const { t } = useTranslation();
  const name = (CUSTOMER_LANGUAGES as readonly string[]).includes(language)
    ? t(`customerLanguages.${language as CustomerLanguage}`)
    : language;
  return (
    <Text size="sm" fw={600} c="gray.7" title={name} aria-label={name}>
      {language.toUpperCase()}
    </Text>
  );
}

/** One tab of Gestion des dossiers: what was sold, for how much, and what is paid. */
export function DossiersTable({ items, caption }: { items: ListItem[]; caption: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { rowProps } = useRowNavigation(items, useOpenFile());

  return (
    <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={1040} type="native">
        <Table
          layout="fixed"
          verticalSpacing="sm"
          horizontalSpacing="sm"
          highlightOnHover
          aria-label={caption}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={112}>{t('lists.columnNumber')}</Table.Th>
              <Table.Th w="19%">{t('lists.columnCustomer')}</Table.Th>
              <Table.Th>{t('lists.columnServices')}</Table.Th>
              <Table.Th w={100} ta="right">
                {t('lists.columnTotal')}
              </Table.Th>
              <Table.Th w={100} ta="right">
                {t('lists.columnPaid')}
              </Table.Th>
              <Table.Th w={144} style={{ whiteSpace: 'nowrap' }}>
                {t('lists.columnLastActivity')}
              </Table.Th>
              <Table.Th w={124}>{t('lists.columnCategory')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item, index) => {
              const services = item.services.map((label) => serviceLabelText(t, label)).join(' · ');
              return (
                <Table.Tr key={item.id} {...rowProps(item, index)}>
                  <Table.Td>
                    <NumberLink item={item} />
                  </Table.Td>
                  <Table.Td>
                    <CustomerCell item={item} withToHandle />
                  </Table.Td>
                  <Table.Td>
                    {item.services.length > 0 ? (
                      <Text size="sm" lineClamp={2} className="wrap-anywhere" title={services}>
                        {services}
                      </Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('lists.noServices')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {item.isToBePriced ? (
                      <Text size="sm" fw={600} c="grape.8" fs="italic" title={t('lists.toBePricedTitle')}>
                        {t('lists.toBePriced')}
                      </Text>
                    ) : (
                      <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {format.money(item.totalCents)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text
                      size="sm"
                      c={item.paidCents > 0 ? 'teal.8' : 'dimmed'}
                      style={{ fontVariantNumeric: 'tabular-nums' }}
                    >
                      {format.money(item.paidCents)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <TimeCell iso={item.lastMessageAt} />
                  </Table.Td>
                  <Table.Td>
                    <CategoryCell item={item} />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
