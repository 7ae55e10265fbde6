import { Anchor, Badge, Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Cents } from '../../../../shared/money';
import { type Devis, type Offer, offerPdfHref } from '../../../api/devis.api';
import { formatCalendarDate } from '../../../format/format';
import { useFormatters } from '../../../format/use-formatters';

/**
 * Quotes and payment links sent on the file, newest first: number and version, who sent it and
 * when, until when it holds ("Expiré", "Expire bientôt"), the PDF of a quote, and "Prolonger".
 * On an archived file, what was sent as the journal kept it: no PDF, nothing to extend.
 */
export function OffersHistory({
  devis,
  onExtend,
  isArchived,
}: {
  devis: Devis;
  onExtend: (offer: Offer) => void;
  isArchived: boolean;
}) {
  const { t } = useTranslation();
  const offers = [...devis.offers].sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  return (
    <Paper component="section" aria-labelledby="devis-offers" withBorder radius="lg" p="md">
      <Group gap={8} mb="sm" wrap="nowrap">
        <IconHistory size={18} stroke={1.8} aria-hidden />
        <Title order={2} fz="md" id="devis-offers">
          {t('devis.offers.title')}
        </Title>
      </Group>
      {isArchived && offers.length > 0 && (
        <Text size="sm" c="gray.7" mb="xs">
          {t('devis.offers.archived')}
        </Text>
      )}
      {offers.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('devis.offers.none')}
        </Text>
      ) : (
        <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {offers.map((offer) => (
            <OfferRow
              key={offer.id}
              offer={offer}
              requestId={devis.requestId}
              onExtend={() => onExtend(offer)}
              isArchived={isArchived}
            />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function OfferRow({
  offer,
  requestId,
  onExtend,
  isArchived,
}: {
  offer: Offer;
  requestId: string;
  onExtend: () => void;
  isArchived: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const kind = offer.kind === 'quote' ? t('devis.offers.quote') : t('devis.offers.paymentLink');
  // What a payment link asks for; a quote, its total. (A nullable amount is not branded by WithCents.)
  const amount = (
    offer.kind === 'payment_link' && offer.amountCents !== null ? offer.amountCents : offer.totalCents
  ) as Cents;
  return (
    <Box
      component="li"
      py="sm"
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
      opacity={offer.isCurrent || isArchived ? 1 : 0.75}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Box miw={0} style={{ flex: 1 }}>
          <Group gap={6} wrap="wrap">
            <Text size="sm" fw={700} ff="monospace">
              {offer.number}
            </Text>
            <Text size="sm" c="gray.7">
              {t('devis.offers.kindVersion', { kind, version: offer.version })}
            </Text>
            {offer.isCurrent && !isArchived && (
              <OfferBadge color="blue">{t('devis.offers.current')}</OfferBadge>
            )}
            {offer.isExpired && <OfferBadge color="red">{t('devis.offers.expired')}</OfferBadge>}
            {!offer.isExpired && offer.isExpiringSoon && (
              <OfferBadge color="orange">{t('devis.offers.expiringSoon')}</OfferBadge>
            )}
          </Group>
          <Text size="xs" c="gray.7" mt={4} className="wrap-anywhere">
            {offer.sentByName
              ? t('devis.offers.sentBy', { name: offer.sentByName, when: format.shortDateTime(offer.sentAt) })
              : t('devis.offers.sentAt', { when: format.shortDateTime(offer.sentAt) })}
            {offer.validUntil &&
              ` · ${t(offer.isExpired ? 'devis.offers.expiredOn' : 'devis.offers.validUntil', {
                day: formatCalendarDate(offer.validUntil),
              })}`}
          </Text>
        </Box>
        <Text size="sm" fw={700} style={{ fontVariantNumeric: 'tabular-nums', flex: 'none' }}>
          {format.money(amount)}
        </Text>
      </Group>
      <Group gap="xs" mt={6} justify="flex-end">
        {/* The archive erased the quotes' snapshots: what was sent is listed, its PDF is gone. */}
        {offer.kind === 'quote' && !isArchived && (
          <Anchor
            href={offerPdfHref(requestId, offer.id)}
            target="_blank"
            rel="noopener"
            size="sm"
            fw={600}
            aria-label={t('devis.offers.pdfOf', { number: offer.number, version: offer.version })}
          >
            <Group gap={4} wrap="nowrap" component="span">
              <IconDownload size={14} aria-hidden />
              {t('devis.offers.pdf')}
            </Group>
          </Anchor>
        )}
        {offer.isCurrent && offer.validUntil && !isArchived && (
          <Button
            size="compact-sm"
            variant={offer.isExpired || offer.isExpiringSoon ? 'light' : 'subtle'}
            onClick={onExtend}
            aria-label={t('devis.offers.extendOf', { number: offer.number })}
          >
            {t('devis.offers.extend')}
          </Button>
        )}
      </Group>
    </Box>
  );
}

function OfferBadge({ color, children }: { color: string; children: string }) {
  return (
    <Badge
      size="sm"
      variant="light"
      color={color}
      radius="sm"
      styles={{ label: { textTransform: 'none', fontWeight: 600 } }}
      style={{ flex: 'none' }}
    >
      {children}
    </Badge>
  );
}
