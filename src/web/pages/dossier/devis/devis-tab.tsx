import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Center,
  Divider,
  Group,
  Loader,
  Menu,
  Paper,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconChevronDown,
  IconFileText,
  IconLink,
  IconListDetails,
  IconLock,
  IconPencil,
  IconPlus,
  IconShieldPlus,
  IconSkiJumping,
  IconTrash,
  IconUserCog,
} from '@tabler/icons-react';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readFormPayload } from '../../../../shared/form-payload';
import { dayIn } from '../../../../shared/time-zone';
import { type Catalogue, type Devis, type DevisLine, getCatalogue, removeLine } from '../../../api/devis.api';
import type { RequestPage } from '../../../api/requests.api';
import { useFormatters } from '../../../format/use-formatters';
import type { useFileResource } from '../use-file-resource';
import { CatalogueLineDialog } from './catalogue-line-dialog';
import { type CustomAsked, CustomLessonDialog } from './custom-lesson-dialog';
import { dayRange, instructorName, levelLabel, sessionText, slotLabel } from './devis-words';
import { DialogFrame, useDialogWrite } from './dialog-frame';
import { ExtraDialog } from './extra-dialog';
import { OffersHistory } from './offers-history';
import { ExtendDialog, PaymentLinkDialog, QuoteDialog } from './send-dialogs';

type DevisHook = ReturnType<typeof useFileResource<Devis>>;
type Dialog =
  | { kind: 'catalog' | 'custom' | 'extra'; line: DevisLine | null }
  | { kind: 'quote' | 'paymentLink' }
  | { kind: 'remove'; line: DevisLine };

/** What the customer submitted on the form, to pre-fill the dialogs. */
function askedOf(data: RequestPage): CustomAsked {
  const first = data.messages.find((m) => m.payload !== null);
  const payload = first ? readFormPayload(first.payload) : null;
  if (!payload || payload.form === 'unknown' || payload.form === 'contact')
    return { dates: null, slots: [], sessions: null, instructorId: null, participants: [] };
  return {
    dates: payload.dates,
    slots: payload.form === 'custom' ? payload.slots : [],
    sessions: payload.form === 'custom' ? payload.sessions : null,
    instructorId: payload.form === 'custom' ? (payload.instructor?.id ?? null) : null,
    participants: payload.participants,
  };
}

function useCatalogue() {
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    getCatalogue(controller.signal).then(setCatalogue, (error: unknown) => {
      if (!(error instanceof DOMException && error.name === 'AbortError')) setFailed(true);
    });
    return () => controller.abort();
  }, []);
  return { catalogue, failed };
}

/**
 * The Devis onglet: the services of the file with their totals and VAT, "Ajouter une prestation",
 * "Envoyer un devis" / "Envoyer un lien de paiement", and what was sent so far.
 */
export function DevisTab({ data, devis }: { data: RequestPage; devis: DevisHook }) {
  const { t } = useTranslation();
  if (devis.state.status === 'loading')
    return (
      <Center py="xl">
        <Loader aria-label={t('devis.loading')} />
      </Center>
    );
  if (devis.state.status === 'failed')
    return (
      <Alert color="red" variant="light" title={t('devis.loadFailed')} role="alert">
        <Text size="sm">{devis.state.message ?? t('errors.unexpected')}</Text>
        <Button variant="default" size="compact-sm" mt="sm" onClick={() => void devis.reload()}>
          {t('common.retry')}
        </Button>
      </Alert>
    );
  return <DevisScreen data={data} devis={devis.state.value} write={devis.write} />;
}

function DevisScreen({ data, devis, write }: { data: RequestPage; devis: Devis; write: DevisHook['write'] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { catalogue, failed: catalogueFailed } = useCatalogue();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [extending, setExtending] = useState<Devis['offers'][number] | null>(null);
  const asked = useMemo(() => askedOf(data), [data]);
  const isArchived = data.request.status === 'archived';
  const today = dayIn(format.now, format.timeZone);
  const close = () => setDialog(null);
  const sendBlocked = !devis.canSend ? t('devis.send.blocked') : null;
  const email = data.request.customer.email;

  const addMenu = (
    <Menu position="bottom-end" shadow="md" withinPortal>
      <Menu.Target>
        <Button
          size="sm"
          leftSection={<IconPlus size={16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          disabled={isArchived || catalogue === null}
          loading={catalogue === null && !catalogueFailed}
        >
          {t('devis.add')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconSkiJumping size={16} aria-hidden />}
          onClick={() => setDialog({ kind: 'catalog', line: null })}
        >
          {t('devis.addCatalogue')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconUserCog size={16} aria-hidden />}
          onClick={() => setDialog({ kind: 'custom', line: null })}
        >
          {devis.customLessonLabel}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconShieldPlus size={16} aria-hidden />}
          onClick={() => setDialog({ kind: 'extra', line: null })}
        >
          {t('devis.addExtra')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );

  return (
    <Stack gap="md">
      <Paper component="section" aria-labelledby="devis-lines" withBorder radius="lg" p="md">
        <Group justify="space-between" gap="xs" mb="sm" wrap="wrap">
          <Group gap={8} wrap="nowrap">
            <IconListDetails size={18} stroke={1.8} aria-hidden />
            <Title order={2} fz="md" id="devis-lines">
              {t('devis.linesTitle')}
            </Title>
          </Group>
          {addMenu}
        </Group>
        {catalogueFailed && (
          <Text size="sm" c="red.8" mb="sm" role="alert">
            {t('devis.catalogueFailed')}
          </Text>
        )}
        {devis.lines.length === 0 ? (
          <Text size="sm" c="dimmed">
            {data.request.status === 'request' ? t('devis.emptyRequest') : t('devis.empty')}
          </Text>
        ) : (
          <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {devis.lines.map((line) => (
              <LineRow
                key={line.id}
                line={line}
                catalogue={catalogue}
                customLabel={devis.customLessonLabel}
                isArchived={isArchived}
                onEdit={() =>
                  setDialog({
                    kind: line.kind === 'custom' ? 'custom' : line.kind === 'extra' ? 'extra' : 'catalog',
                    line,
                  })
                }
                onRemove={() => setDialog({ kind: 'remove', line })}
              />
            ))}
          </Stack>
        )}
        {devis.lines.length > 0 && <Totals devis={devis} />}
        <Divider my="md" />
        <Group gap="sm" wrap="wrap">
          <SendButton
            blocked={sendBlocked}
            icon={<IconFileText size={16} aria-hidden />}
            onClick={() => setDialog({ kind: 'quote' })}
            variant="light"
          >
            {t('devis.send.quote')}
          </SendButton>
          <SendButton
            blocked={sendBlocked}
            icon={<IconLink size={16} aria-hidden />}
            onClick={() => setDialog({ kind: 'paymentLink' })}
            variant="filled"
          >
            {t('devis.send.paymentLink')}
          </SendButton>
        </Group>
      </Paper>

      <OffersHistory devis={devis} onExtend={setExtending} isArchived={isArchived} />

      {catalogue && dialog?.kind === 'catalog' && (
        <CatalogueLineDialog
          opened
          onClose={close}
          devis={devis}
          catalogue={catalogue}
          asked={asked.participants}
          askedDates={asked.dates}
          line={dialog.line}
          write={write}
        />
      )}
      {catalogue && dialog?.kind === 'extra' && (
        <ExtraDialog
          opened
          onClose={close}
          devis={devis}
          catalogue={catalogue}
          line={dialog.line}
          write={write}
        />
      )}
      {catalogue && dialog?.kind === 'custom' && (
        <CustomLessonDialog
          opened
          onClose={close}
          devis={devis}
          catalogue={catalogue}
          line={dialog.line}
          asked={asked}
          write={write}
        />
      )}
      {dialog?.kind === 'quote' && (
        <QuoteDialog opened onClose={close} devis={devis} email={email} write={write} />
      )}
      {dialog?.kind === 'paymentLink' && (
        <PaymentLinkDialog opened onClose={close} devis={devis} email={email} write={write} />
      )}
      {dialog?.kind === 'remove' && (
        <RemoveDialog line={dialog.line} onClose={close} devis={devis} write={write} />
      )}
      <ExtendDialog
        opened={extending !== null}
        offer={extending}
        onClose={() => setExtending(null)}
        devis={devis}
        today={today}
        write={write}
      />
    </Stack>
  );
}

function SendButton({
  blocked,
  icon,
  onClick,
  variant,
  children,
}: {
  blocked: string | null;
  icon: ReactNode;
  onClick: () => void;
  variant: 'light' | 'filled';
  children: ReactNode;
}) {
  const button = (
    <Button
      variant={variant}
      leftSection={icon}
      onClick={onClick}
      disabled={blocked !== null}
      aria-describedby={blocked ? 'devis-send-blocked' : undefined}
    >
      {children}
    </Button>
  );
  if (!blocked) return button;
  // A disabled button gets no pointer events: the tooltip sits on a focusable wrapper.
  return (
    <Tooltip label={blocked} multiline w={260} withArrow events={{ hover: true, focus: true, touch: true }}>
      <Box component="span" tabIndex={0} style={{ display: 'inline-block', borderRadius: 4 }}>
        {button}
        <span id="devis-send-blocked" hidden>
          {blocked}
        </span>
      </Box>
    </Tooltip>
  );
}

function LineRow({
  line,
  catalogue,
  customLabel,
  isArchived,
  onEdit,
  onRemove,
}: {
  line: DevisLine;
  catalogue: Catalogue | null;
  customLabel: string;
  isArchived: boolean;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const num = useNumber();
  const session = line.sessionId
    ? catalogue?.products.flatMap((p) => p.sessions).find((s) => s.id === line.sessionId)
    : undefined;
  const instructor = line.instructorId
    ? catalogue?.instructors.find((i) => i.id === line.instructorId)
    : undefined;
  const lockReason = line.isLocked ? t('devis.line.locked') : isArchived ? t('devis.line.archived') : null;
  const details: string[] = [];
  if (session) details.push(sessionText(t, session));
  if (line.schedule) {
    const s = line.schedule;
    if (s.dates) details.push(dayRange(t, s.dates.from, s.dates.to));
    if (s.slots.length > 0) details.push(s.slots.map((slot) => slotLabel(t, slot)).join(', '));
    if (s.sessions !== null && s.hours !== null)
      details.push(t('devis.line.sessionsHours', { count: s.sessions, hours: num(s.hours) }));
    else if (s.hours !== null) details.push(t('devis.line.hours', { hours: num(s.hours) }));
  }
  if (instructor) details.push(t('devis.line.instructor', { name: instructorName(instructor) }));
  const editLabel = line.kind === 'custom' ? t('devis.line.editCustom') : t('devis.line.edit');

  return (
    <Box
      component="li"
      py="sm"
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
      opacity={line.isActive ? 1 : 0.65}
      aria-label={line.label}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <Box miw={0} style={{ flex: 1 }}>
          <Text size="sm" fw={600} className="wrap-anywhere" td={line.isActive ? undefined : 'line-through'}>
            {line.label}
          </Text>
          <Group gap={4} mt={4} wrap="wrap">
            {line.kind === 'custom' && <SmallBadge color="indigo">{customLabel}</SmallBadge>}
            {line.isOptional && <SmallBadge color="gray">{t('devis.line.option')}</SmallBadge>}
            {line.isToBePriced && <SmallBadge color="grape">{t('devis.toBePriced')}</SmallBadge>}
            {!line.isActive && <SmallBadge color="orange">{t('dossier.lines.removed')}</SmallBadge>}
            {/* A line the customer removed was not paid, even on a file that has been paid since. */}
            {line.isLocked && line.isActive && (
              <SmallBadge color="teal" icon={<IconLock size={11} aria-hidden />}>
                {t('devis.line.paid')}
              </SmallBadge>
            )}
          </Group>
          {details.length > 0 && (
            <Text size="xs" c="gray.7" mt={6} className="wrap-anywhere">
              {details.join(' · ')}
            </Text>
          )}
          {line.participants.length > 0 && (
            <Text size="xs" c="gray.7" mt={2} className="wrap-anywhere">
              {line.participants
                .map((p) => {
                  const age = format.age(p.birthDate);
                  return [
                    p.firstName,
                    age === null ? null : t('dossier.form.age', { count: age }),
                    levelLabel(t, p.level),
                  ]
                    .filter(Boolean)
                    .join(', ');
                })
                .join(' · ')}
            </Text>
          )}
        </Box>
        <Stack gap={2} align="flex-end" style={{ flex: 'none' }}>
          {line.isToBePriced ? (
            <Text size="sm" fw={600} c="grape.8" fs="italic">
              {t('devis.toBePriced')}
            </Text>
          ) : (
            <>
              <Text size="sm" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {format.money(line.totalCents)}
              </Text>
              <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {t('devis.line.quantityUnit', {
                  count: line.quantity,
                  unit: format.money(line.unitPriceCents),
                })}
              </Text>
            </>
          )}
        </Stack>
      </Group>
      <Group gap={4} mt={6} justify="flex-end">
        {line.kind === 'custom' ? (
          <LockedTooltip reason={lockReason}>
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconPencil size={14} aria-hidden />}
              onClick={onEdit}
              disabled={lockReason !== null}
              aria-label={`${editLabel} — ${line.label}`}
            >
              {editLabel}
            </Button>
          </LockedTooltip>
        ) : (
          <LockedTooltip reason={lockReason ?? editLabel}>
            <ActionIcon
              variant="subtle"
              size="md"
              onClick={onEdit}
              disabled={lockReason !== null}
              aria-label={`${editLabel} — ${line.label}`}
            >
              <IconPencil size={16} aria-hidden />
            </ActionIcon>
          </LockedTooltip>
        )}
        <LockedTooltip reason={lockReason ?? t('devis.line.remove')}>
          <ActionIcon
            variant="subtle"
            color="red"
            size="md"
            onClick={onRemove}
            disabled={lockReason !== null}
            aria-label={`${t('devis.line.remove')} — ${line.label}`}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </LockedTooltip>
      </Group>
    </Box>
  );
}

/** Numbers as the reader writes them ("1,5" in French). */
function useNumber() {
  const { i18n } = useTranslation();
  return (value: number) => new Intl.NumberFormat(i18n.language).format(value);
}

function SmallBadge({ color, icon, children }: { color: string; icon?: ReactNode; children: ReactNode }) {
  return (
    <Badge
      size="sm"
      variant="light"
      color={color}
      radius="sm"
      leftSection={icon}
      className="badge-can-wrap"
      styles={{ label: { textTransform: 'none', fontWeight: 600 } }}
    >
      {children}
    </Badge>
  );
}

/** A disabled control says why on hover and on keyboard focus. */
function LockedTooltip({ reason, children }: { reason: string | null; children: ReactNode }) {
  if (!reason) return <>{children}</>;
  return (
    <Tooltip label={reason} multiline maw={280} withArrow events={{ hover: true, focus: true, touch: true }}>
      <Box component="span" tabIndex={-1} style={{ display: 'inline-flex' }}>
        {children}
      </Box>
    </Tooltip>
  );
}

function Totals({ devis }: { devis: Devis }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const num = useNumber();
  const { totals } = devis;
  const percent = (bp: number) => `${num(bp / 100)} %`;
  const row = (label: string, amount: number, strong = false, color?: string) => (
    <Group justify="space-between" wrap="nowrap" gap="sm">
      <Text size="sm" fw={strong ? 700 : undefined} c={strong ? undefined : 'gray.7'}>
        {label}
      </Text>
      <Text
        size="sm"
        fw={strong ? 700 : 500}
        c={color}
        style={{ fontVariantNumeric: 'tabular-nums', flex: 'none' }}
      >
        {format.money(amount as never)}
      </Text>
    </Group>
  );
  return (
    <Stack gap={4} mt="md" aria-label={t('devis.totals.label')} role="group">
      {row(t('devis.totals.ht'), totals.netCents)}
      {totals.vat.map((v) => (
        <Box key={v.rateBp}>{row(t('devis.totals.vat', { rate: percent(v.rateBp) }), v.vatCents)}</Box>
      ))}
      {row(t('devis.totals.ttc'), totals.totalCents, true)}
      {totals.paidCents > 0 && row(t('devis.totals.paid'), totals.paidCents, false, 'teal.8')}
      {totals.paidCents > 0 && row(t('devis.totals.due'), totals.dueCents, true)}
    </Stack>
  );
}

function RemoveDialog({
  line,
  onClose,
  devis,
  write,
}: {
  line: DevisLine;
  onClose: () => void;
  devis: Devis;
  write: DevisHook['write'];
}) {
  const { t } = useTranslation();
  const { general, submitting, run } = useDialogWrite(write, () => false);
  const submit = async () => {
    if (await run(() => removeLine(devis.requestId, line.id, devis.version))) onClose();
  };
  return (
    <DialogFrame
      opened
      onClose={onClose}
      title={t('devis.line.removeTitle')}
      onSubmit={() => void submit()}
      submitLabel={t('devis.line.remove')}
      submitColor="red"
      submitting={submitting}
      general={general}
      size="md"
    >
      <Text size="sm" className="wrap-anywhere">
        {t('devis.line.removeConfirm', { label: line.label })}
      </Text>
    </DialogFrame>
  );
}
