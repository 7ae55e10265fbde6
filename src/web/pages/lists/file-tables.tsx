import { Box, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { CUSTOMER_LANGUAGES, type CustomerLanguage } from '../../../shared/vocabulary';
import type { ListItem } from '../../api/requests.api';
import { plainT, serviceLabelText, useKeyedText } from '../../components/keyed-text';
import { fileHref, isToHandle } from '../../components/labels';
import {
  BalanceOverdueBadge,
  OfferExpiringBadge,
  SourceBadge,
  ToHandleBadge,
} from '../../components/status-badge';
import { useRowNavigation } from '../../components/use-row-navigation';
import { useFormatters } from '../../format/use-formatters';

/**
 * Column widths (px, cell padding included) for 1280–1440 px laptops: the short facts (number
 * with "À traiter", "Solde en retard" or "Expire bientôt" under it, origin, date, amounts up to
 * 99 999,99 €) get what their longest French or English text needs and are never cut. The customer, the message, the services and
 * the category share the rest; they wrap or end in "…", with the full text in their tooltip.
 * On a narrower frame the category and language fold away first (global.css:
 * .file-table-foldable; both are on the file page), and only then does the table scroll
 * inside its own frame.
 */
const COLUMN = {
  number: 128,
  origin: 96,
  time: 116,
  lastActivity: 156,
  money: 112,
  category: 112,
  language: 98,
} as const;
const TABLE_MIN_WIDTH = 600;

/**
 * The file number, and under it "À traiter" when the customer waits for an answer, "Solde en
 * retard", or "Expire bientôt" when the quote or link a file waits on ends within the school's
 * reminder days.
 */
function NumberCell({ item }: { item: ListItem }) {
  return (
    <Stack gap={4} align="flex-start">
      <Link href={fileHref(item.id)} tabIndex={-1} style={{ color: 'inherit', textDecoration: 'none' }}>
        <Text span size="sm" ff="monospace" fw={600} c="alpine.8" style={{ whiteSpace: 'nowrap' }}>
          {item.number}
        </Text>
      </Link>
      {isToHandle(item.status, item.isToHandle) && <ToHandleBadge size="sm" />}
      {item.isBalanceOverdue && <BalanceOverdueBadge size="sm" />}
      {item.status === 'awaiting_payment' && item.isOfferExpiringSoon && item.offerValidUntil && (
        <OfferExpiringBadge size="sm" validUntil={item.offerValidUntil} />
      )}
    </Stack>
  );
}

function CustomerCell({ item }: { item: ListItem }) {
  return (
    <Box miw={0}>
      <Text
        size="sm"
        fw={isToHandle(item.status, item.isToHandle) ? 700 : 500}
        truncate="end"
        title={item.customerName}
      >
        {item.customerName}
      </Text>
      <Text size="xs" c="dimmed" truncate="end" title={item.customerEmail}>
        {item.customerEmail}
      </Text>
    </Box>
  );
}

function CategoryCell({ item }: { item: ListItem }) {
  const { t } = useTranslation();
  // Two lines hold the usual names whole ("Comités d’entreprise"); a longer one ends in "…".
  return item.categoryName ? (
    <Text size="sm" lineClamp={2} className="wrap-anywhere" title={item.categoryName}>
      {item.categoryName}
    </Text>
  ) : (
    <Text size="sm" c="dimmed" aria-label={t('common.none')}>
      {t('lists.noCategory')}
    </Text>
  );
}

/**
 * The date is never cut: its column holds "il y a 59 min" on one line, and a date of another
 * year puts its time on a second line rather than losing it behind an ellipsis.
 */
function TimeCell({ iso }: { iso: string }) {
  const format = useFormatters();
  return (
    <Text size="sm" c="gray.7" title={format.longDateTime(iso)}>
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
    <Paper withBorder radius="lg" className="file-table" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={TABLE_MIN_WIDTH} type="native">
        <Table
          layout="fixed"
          verticalSpacing="sm"
          horizontalSpacing="xs"
          highlightOnHover
          aria-label={t('requests.tableCaption')}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={COLUMN.number}>{t('lists.columnNumber')}</Table.Th>
              <Table.Th w="18%">{t('lists.columnCustomer')}</Table.Th>
              <Table.Th w={COLUMN.origin}>{t('lists.columnOrigin')}</Table.Th>
              <Table.Th>{t('lists.columnLastMessage')}</Table.Th>
              <Table.Th w={COLUMN.time}>{t('lists.columnTime')}</Table.Th>
              <Table.Th w={COLUMN.category} className="file-table-foldable">
                {t('lists.columnCategory')}
              </Table.Th>
              <Table.Th w={COLUMN.language} className="file-table-foldable">
                {t('lists.columnLanguage')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item, index) => (
              <Table.Tr key={item.id} {...rowProps(item, index)}>
                <Table.Td>
                  <NumberCell item={item} />
                </Table.Td>
                <Table.Td>
                  <CustomerCell item={item} />
                </Table.Td>
                <Table.Td>
                  <SourceBadge source={item.source} size="sm" canWrap />
                </Table.Td>
                <Table.Td>
                  <Text
                    size="sm"
                    c={isToHandle(item.status, item.isToHandle) ? 'gray.9' : 'gray.7'}
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
                <Table.Td className="file-table-foldable">
                  <CategoryCell item={item} />
                </Table.Td>
                <Table.Td className="file-table-foldable">
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
    <Paper withBorder radius="lg" className="file-table" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={TABLE_MIN_WIDTH} type="native">
        <Table
          layout="fixed"
          verticalSpacing="sm"
          horizontalSpacing="xs"
          highlightOnHover
          aria-label={caption}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={COLUMN.number}>{t('lists.columnNumber')}</Table.Th>
              <Table.Th w="18%">{t('lists.columnCustomer')}</Table.Th>
              <Table.Th>{t('lists.columnServices')}</Table.Th>
              <Table.Th w={COLUMN.money} ta="right">
                {t('lists.columnTotal')}
              </Table.Th>
              <Table.Th w={COLUMN.money} ta="right">
                {t('lists.columnPaid')}
              </Table.Th>
              <Table.Th w={COLUMN.lastActivity}>{t('lists.columnLastActivity')}</Table.Th>
              <Table.Th w={COLUMN.category} className="file-table-foldable">
                {t('lists.columnCategory')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item, index) => {
              const services = item.services.map((label) => serviceLabelText(plainT(t), label)).join(' · ');
              return (
                <Table.Tr key={item.id} {...rowProps(item, index)}>
                  <Table.Td>
                    <NumberCell item={item} />
                  </Table.Td>
                  <Table.Td>
                    <CustomerCell item={item} />
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
                  <Table.Td className="file-table-foldable">
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
