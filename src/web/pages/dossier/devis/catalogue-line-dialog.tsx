import { Alert, Badge, Group, Radio, ScrollArea, Select, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addLine,
  type Catalogue,
  type DevisLine,
  editLine,
  type Product,
  type Session,
} from '../../../api/devis.api';
import { useFormatters } from '../../../format/use-formatters';
import { placesLeft, sessionText } from './devis-words';
import { type DevisDialogProps, DialogFrame, type FieldErrors, useDialogWrite } from './dialog-frame';
import {
  checkParticipants,
  type ParticipantDraft,
  ParticipantsFields,
  participantDraft,
} from './participants-fields';
import { sessionsByAskedDates } from './session-order';

const shown = (key: string) => key === 'productId' || key === 'sessionId' || key.startsWith('participants');

/** "215,00 € / participant". */
export function usePriceText() {
  const { t } = useTranslation();
  const format = useFormatters();
  return (product: Product) =>
    t(`devis.priceUnit.${product.priceUnit}`, { price: format.money(product.priceCents) });
}

/**
 * "Cours de ski": a product of the catalogue, one of its sessions, the participants (pre-filled
 * from the VEL form). The price is the server's, computed from the product once the line is added.
 * With `line`, the same dialog changes the session or participants of a catalogue line.
 */
export function CatalogueLineDialog({
  opened,
  onClose,
  devis,
  catalogue,
  asked,
  askedDates,
  line,
  write,
}: DevisDialogProps & {
  catalogue: Catalogue;
  /** The participants the customer wrote on the form. */
  asked: { firstName: string; birthDate: string; level: string }[];
  /** The dates the customer asked for, if any. */
  askedDates: { from: string; to: string | null } | null;
  line: DevisLine | null;
}) {
  const { t } = useTranslation();
  const priceText = usePriceText();
  const products = useMemo(
    () => catalogue.products.filter((p) => p.kind !== 'extra' && (!p.isArchived || p.id === line?.productId)),
    [catalogue, line],
  );
  const [productId, setProductId] = useState<string | null>(line?.productId ?? null);
  const [sessionId, setSessionId] = useState<string | null>(line?.sessionId ?? null);
  const [participants, setParticipants] = useState<ParticipantDraft[]>(() => {
    const from = line ? line.participants : asked;
    return from.length > 0 ? from.map((p) => participantDraft(p)) : [participantDraft()];
  });
  const { errors, setErrors, clear, general, submitting, run } = useDialogWrite(write, shown);

  const product = products.find((p) => p.id === productId) ?? null;
  // The sessions over the dates the customer asked for come first (most of them first), said so.
  const { sorted: sessions, askedDays } = sessionsByAskedDates(
    (product?.sessions ?? []).filter((s) => s.isActive || s.id === line?.sessionId),
    askedDates,
  );
  const overlapsAsked = (session: Session) => askedDays(session) > 0;
  const byKind = new Map<string, Product[]>();
  for (const p of products) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
  const groups = [...byKind].map(([kind, items]) => ({
    group: t(`intake.productKinds.${kind as 'cours_collectif'}`, { defaultValue: kind }),
    items: items.map((p) => ({ value: p.id, label: `${p.name} · ${priceText(p)}` })),
  }));

  const submit = async () => {
    const checked = checkParticipants(t, participants);
    const found: FieldErrors = { ...checked.errors };
    if (!productId) found.productId = t('devis.errors.product');
    if (!sessionId) found.sessionId = t('devis.errors.session');
    setErrors(found);
    if (Object.values(found).some(Boolean) || !productId || !sessionId) return;
    const done = await run(() =>
      line
        ? editLine(devis.requestId, line.id, {
            version: devis.version,
            sessionId,
            participants: checked.participants as never,
          })
        : addLine(devis.requestId, {
            kind: 'catalog',
            version: devis.version,
            productId,
            sessionId,
            participants: checked.participants as never,
          }),
    );
    if (done) onClose();
  };

  return (
    <DialogFrame
      opened={opened}
      onClose={onClose}
      title={line ? t('devis.catalogue.editTitle') : t('devis.catalogue.title')}
      onSubmit={() => void submit()}
      submitLabel={line ? t('common.save') : t('devis.catalogue.submit')}
      submitting={submitting}
      general={general}
      size="xl"
    >
      <Select
        label={t('devis.catalogue.product')}
        placeholder={t('devis.catalogue.productPlaceholder')}
        data={groups}
        value={productId}
        onChange={(value) => {
          setProductId(value);
          setSessionId(null);
          clear('productId');
        }}
        error={errors.productId}
        searchable
        required
        disabled={line !== null}
        nothingFoundMessage={t('devis.catalogue.noProduct')}
        comboboxProps={{ withinPortal: true }}
        data-autofocus
      />
      {product && (
        <Radio.Group
          label={t('devis.catalogue.session')}
          value={sessionId}
          onChange={(value) => {
            setSessionId(value);
            clear('sessionId');
          }}
          error={errors.sessionId}
          required
        >
          {sessions.length === 0 ? (
            <Alert color="gray" variant="light" mt="xs" icon={<IconInfoCircle size={18} aria-hidden />}>
              {t('devis.catalogue.noSession')}
            </Alert>
          ) : (
            <ScrollArea.Autosize mah={300} type="auto" offsetScrollbars mt="xs">
              <Stack gap={6}>
                {sessions.map((session) => {
                  const left = placesLeft(session);
                  const isFull = left < participants.length && session.id !== line?.sessionId;
                  return (
                    <Radio.Card
                      key={session.id}
                      value={session.id}
                      radius="md"
                      p="sm"
                      withBorder
                      disabled={left === 0 && session.id !== line?.sessionId}
                      style={{ opacity: left === 0 && session.id !== line?.sessionId ? 0.55 : 1 }}
                    >
                      <Group wrap="nowrap" align="flex-start" gap="sm">
                        <Radio.Indicator mt={2} />
                        <Stack gap={2} miw={0} style={{ flex: 1 }}>
                          <Text size="sm" fw={600} className="wrap-anywhere">
                            {sessionText(t, session)}
                          </Text>
                          <Group gap={6}>
                            {overlapsAsked(session) && (
                              <Badge
                                size="sm"
                                variant="light"
                                color="blue"
                                styles={{ label: { textTransform: 'none' } }}
                              >
                                {t('devis.catalogue.askedDates')}
                              </Badge>
                            )}
                            <Badge
                              size="sm"
                              variant="light"
                              color={left === 0 ? 'red' : isFull ? 'orange' : 'teal'}
                              styles={{ label: { textTransform: 'none' } }}
                            >
                              {left === 0
                                ? t('devis.catalogue.full')
                                : t('devis.catalogue.placesLeft', {
                                    count: left,
                                    capacity: session.capacity,
                                  })}
                            </Badge>
                          </Group>
                        </Stack>
                      </Group>
                    </Radio.Card>
                  );
                })}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </Radio.Group>
      )}
      <ParticipantsFields
        legend={t('devis.participant.legend')}
        value={participants}
        onChange={setParticipants}
        errors={errors}
      />
      {product && (
        <Text size="sm" c="dimmed">
          {t('devis.catalogue.priceNote', { price: priceText(product) })}
        </Text>
      )}
    </DialogFrame>
  );
}
