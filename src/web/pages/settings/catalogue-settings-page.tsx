import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconArchive,
  IconArchiveOff,
  IconCalendarPlus,
  IconChevronDown,
  IconChevronUp,
  IconPencil,
  IconPlus,
} from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KNOWN_PRODUCT_KINDS, LEVELS } from '../../../shared/vocabulary';
import {
  type CatalogueProduct,
  getCatalogue,
  PRODUCT_KINDS,
  type ProductKind,
  type Session,
  updateProduct,
} from '../../api/catalogue.api';
import { notifyFailure } from '../../components/api-errors';
import { EmptyPanel } from '../../components/empty-panel';
import { plainT } from '../../components/keyed-text';
import { humanize, isOneOf } from '../../components/labels';
import { notifySuccess } from '../../components/notify';
import { formatCalendarDate } from '../../format/format';
import { useFormatters } from '../../format/use-formatters';
import { useMe } from '../../session/session';
import { ProductFormModal, type ProductFormTarget } from './product-form-modal';
import {
  LoadFailed,
  LoadingPanel,
  percentText,
  ReadOnlyNotice,
  SalesHeader,
  SettingsSection,
  useLoaded,
} from './sales-settings-parts';
import { SessionFormModal, type SessionFormTarget } from './session-form-modal';

type Dialog =
  | { kind: 'product'; target: ProductFormTarget }
  | { kind: 'session'; target: SessionFormTarget }
  | { kind: 'archive'; product: CatalogueProduct };

const badgeStyles = { label: { textTransform: 'none' as const, overflow: 'visible' } };

/** Paramètres → Catalogue: the products sold at the counter and online, their sessions, the extras. */
export function CatalogueSettingsPage() {
  const { t, i18n } = useTranslation();
  const { user } = useMe();
  const isAdmin = user.role === 'admin';
  const { state, retry, update } = useLoaded(async (signal) => (await getCatalogue(signal)).products);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [dialogKey, setDialogKey] = useState(0);
  // Products whose every session is listed: opened by hand, or where a session was just saved.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (productId: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(productId)) next.add(productId);
      return next;
    });

  const open = (next: Dialog) => {
    setDialogKey((k) => k + 1);
    setDialog(next);
  };
  const upsert = (saved: CatalogueProduct) =>
    update((products) =>
      products.some((p) => p.id === saved.id)
        ? products.map((p) => (p.id === saved.id ? saved : p))
        : [...products, saved],
    );
  const upsertSession = (productId: string, saved: Session) => {
    setExpanded((current) => new Set(current).add(productId));
    update((products) =>
      products.map((p) =>
        p.id !== productId
          ? p
          : {
              ...p,
              sessions: p.sessions.some((s) => s.id === saved.id)
                ? p.sessions.map((s) => (s.id === saved.id ? saved : s))
                : [...p.sessions, saved],
            },
      ),
    );
  };

  const collator = useMemo(() => new Intl.Collator(i18n.language, { sensitivity: 'base' }), [i18n.language]);
  const groups = useMemo(() => {
    if (state.status !== 'ready') return { current: [], archived: [] };
    const sorted = [...state.value].sort((a, b) => collator.compare(a.name, b.name));
    const current = sorted.filter((p) => !p.isArchived);
    const kinds = [
      ...PRODUCT_KINDS,
      ...new Set(current.map((p) => p.kind).filter((k) => !isOneOf(PRODUCT_KINDS, k))),
    ];
    return {
      current: kinds.map((kind) => ({ kind, products: current.filter((p) => p.kind === kind) })),
      archived: sorted.filter((p) => p.isArchived),
    };
  }, [state, collator]);

  return (
    <>
      <SalesHeader
        area="catalogue"
        actions={
          isAdmin &&
          state.status === 'ready' && (
            <Button
              leftSection={<IconPlus size={18} aria-hidden />}
              onClick={() =>
                open({ kind: 'product', target: { kind: 'create', productKind: 'cours_collectif' } })
              }
            >
              {t('catalogue.add')}
            </Button>
          )
        }
      />
      {!isAdmin && <ReadOnlyNotice area="catalogue" />}
      {state.status === 'loading' && <LoadingPanel />}
      {state.status === 'failed' && (
        <LoadFailed title={t('catalogue.loadFailed')} message={state.message} onRetry={retry} />
      )}
      {state.status === 'ready' && (
        <Stack gap="lg">
          {groups.current.map(({ kind, products }) => (
            <SettingsSection
              key={kind}
              title={groupTitle(plainT(t), kind)}
              description={
                isOneOf(PRODUCT_KINDS, kind) ? t(`catalogue.groupDescriptions.${kind}`) : undefined
              }
              actions={
                isAdmin &&
                isOneOf(PRODUCT_KINDS, kind) && (
                  <Button
                    variant="light"
                    size="sm"
                    leftSection={<IconPlus size={16} aria-hidden />}
                    aria-label={t('catalogue.addInGroupLabel', { group: groupTitle(plainT(t), kind) })}
                    onClick={() =>
                      open({ kind: 'product', target: { kind: 'create', productKind: kind as ProductKind } })
                    }
                  >
                    {kind === 'extra' ? t('catalogue.addExtra') : t('catalogue.addProduct')}
                  </Button>
                )
              }
            >
              {products.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('catalogue.groupEmpty')}
                </Text>
              ) : (
                <Stack gap="md">
                  {products.map((product) => (
                    <ProductCard
                      key={product.id}
                      product={product}
                      isAdmin={isAdmin}
                      allSessions={expanded.has(product.id)}
                      onToggleSessions={() => toggle(product.id)}
                      onEdit={() => open({ kind: 'product', target: { kind: 'edit', product } })}
                      onArchive={() => open({ kind: 'archive', product })}
                      onAddSession={() => open({ kind: 'session', target: { kind: 'create', product } })}
                      onEditSession={(session) =>
                        open({ kind: 'session', target: { kind: 'edit', product, session } })
                      }
                    />
                  ))}
                </Stack>
              )}
            </SettingsSection>
          ))}
          {groups.archived.length > 0 && (
            <SettingsSection
              title={t('catalogue.archivedTitle')}
              description={t('catalogue.archivedDescription')}
            >
              <Stack gap="md">
                {groups.archived.map((product) => (
                  <ArchivedProduct key={product.id} product={product} isAdmin={isAdmin} onRestored={upsert} />
                ))}
              </Stack>
            </SettingsSection>
          )}
          {state.value.length === 0 && !isAdmin && (
            <EmptyPanel
              icon={<IconPlus size={30} stroke={1.6} aria-hidden />}
              title={t('catalogue.emptyTitle')}
              description={t('catalogue.emptyDescription')}
            />
          )}
        </Stack>
      )}
      {dialog?.kind === 'product' && (
        <ProductFormModal
          key={dialogKey}
          target={dialog.target}
          onClose={() => setDialog(null)}
          onSaved={upsert}
        />
      )}
      {dialog?.kind === 'session' && (
        <SessionFormModal
          key={dialogKey}
          target={dialog.target}
          onClose={() => setDialog(null)}
          onSaved={upsertSession}
        />
      )}
      {dialog?.kind === 'archive' && (
        <ArchiveProductModal product={dialog.product} onClose={() => setDialog(null)} onArchived={upsert} />
      )}
    </>
  );
}

type T = (key: string, options?: Record<string, unknown>) => string;

function groupTitle(t: T, kind: string): string {
  return isOneOf(PRODUCT_KINDS, kind) ? t(`catalogue.kinds.${kind}`) : humanize(kind);
}

function kindLabel(t: T, kind: string): string {
  return isOneOf(KNOWN_PRODUCT_KINDS, kind) || kind === 'extra'
    ? t(`catalogue.kinds.${kind as ProductKind}`)
    : humanize(kind);
}

function agesText(t: T, product: CatalogueProduct): string {
  const { ageMin: min, ageMax: max } = product;
  if (min !== null && max !== null) return t('catalogue.agesRange', { min, max });
  if (min !== null) return t('catalogue.agesFrom', { min });
  if (max !== null) return t('catalogue.agesUpTo', { max });
  return t('catalogue.agesAll');
}

function levelsText(t: T, product: CatalogueProduct): string {
  if (product.levels.length === 0 || product.levels.length === LEVELS.length) return t('catalogue.levelsAll');
  return LEVELS.filter((l) => product.levels.includes(l))
    .map((l) => t(`intake.levels.${l}`))
    .join(' · ');
}

/** The badges every product row carries: what it is, whether it sells online, whether the customer may drop it. */
function ProductBadges({ product }: { product: CatalogueProduct }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap">
      {product.isArchived && (
        <Badge color="gray" variant="filled" radius="sm" styles={badgeStyles}>
          {t('catalogue.archived')}
        </Badge>
      )}
      {product.practice && (
        <Badge color="alpine" variant="light" radius="sm" styles={badgeStyles}>
          {t(`intake.practices.${product.practice}`)}
        </Badge>
      )}
      <Badge color={product.isOnlineSale ? 'teal' : 'gray'} variant="light" radius="sm" styles={badgeStyles}>
        {product.isOnlineSale ? t('catalogue.onlineSale') : t('catalogue.notOnlineSale')}
      </Badge>
      {product.kind === 'extra' && (
        <Badge
          color={product.isOptional ? 'orange' : 'gray'}
          variant="light"
          radius="sm"
          styles={badgeStyles}
        >
          {product.isOptional ? t('catalogue.optional') : t('catalogue.notOptional')}
        </Badge>
      )}
    </Group>
  );
}

function Fact({ label, children }: { label: string; children: string }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function ProductFacts({ product }: { product: CatalogueProduct }) {
  const { t, i18n } = useTranslation();
  const { money } = useFormatters();
  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))',
        gap: 'var(--mantine-spacing-xs) var(--mantine-spacing-lg)',
      }}
    >
      <Fact label={t('catalogue.price')}>
        {t('catalogue.priceWithUnit', {
          price: money(product.priceCents),
          unit: t(`catalogue.units.${product.priceUnit}`),
        })}
      </Fact>
      <Fact label={t('catalogue.vat')}>{`${percentText(product.vatRateBp, i18n.language)} %`}</Fact>
      {product.kind !== 'extra' && <Fact label={t('catalogue.ages')}>{agesText(plainT(t), product)}</Fact>}
      {product.kind !== 'extra' && (
        <Fact label={t('catalogue.levels')}>{levelsText(plainT(t), product)}</Fact>
      )}
    </div>
  );
}

interface ProductCardProps {
  product: CatalogueProduct;
  isAdmin: boolean;
  allSessions: boolean;
  onToggleSessions(): void;
  onEdit(): void;
  onArchive(): void;
  onAddSession(): void;
  onEditSession(session: Session): void;
}

function ProductCard({
  product,
  isAdmin,
  allSessions,
  onToggleSessions,
  onEdit,
  onArchive,
  onAddSession,
  onEditSession,
}: ProductCardProps) {
  const { t } = useTranslation();
  const titleId = `product-${product.id}`;
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="article" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
        <Stack gap={6} miw={0} style={{ flex: '1 1 320px' }}>
          <Title id={titleId} order={3} size="h5" fw={650} style={{ overflowWrap: 'anywhere' }}>
            {product.name}
          </Title>
          <ProductBadges product={product} />
        </Stack>
        {isAdmin && (
          <Group gap={4} wrap="nowrap">
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconPencil size={15} aria-hidden />}
              aria-label={t('catalogue.editLabel', { name: product.name })}
              onClick={onEdit}
            >
              {t('common.edit')}
            </Button>
            <Button
              variant="subtle"
              size="compact-sm"
              color="gray"
              leftSection={<IconArchive size={15} aria-hidden />}
              aria-label={t('catalogue.archiveLabel', { name: product.name })}
              onClick={onArchive}
            >
              {t('catalogue.archive')}
            </Button>
          </Group>
        )}
      </Group>
      {product.description && (
        <Text size="sm" c="gray.7" mb="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
          {product.description}
        </Text>
      )}
      <ProductFacts product={product} />
      {product.kind !== 'extra' && (
        <Sessions
          product={product}
          isAdmin={isAdmin}
          all={allSessions}
          onToggle={onToggleSessions}
          onAdd={onAddSession}
          onEdit={onEditSession}
        />
      )}
    </Paper>
  );
}

function sessionDates(session: Session): string {
  return session.startsOn === session.endsOn
    ? formatCalendarDate(session.startsOn)
    : `${formatCalendarDate(session.startsOn)} – ${formatCalendarDate(session.endsOn)}`;
}

function PlacesBadge({ session }: { session: Session }) {
  const { t } = useTranslation();
  if (!session.isActive)
    return (
      <Badge color="gray" variant="light" radius="sm" styles={badgeStyles}>
        {t('catalogue.sessionClosed')}
      </Badge>
    );
  if (session.taken >= session.capacity)
    return (
      <Badge color="red" variant="light" radius="sm" styles={badgeStyles}>
        {t('catalogue.sessionFull')}
      </Badge>
    );
  return null;
}

/** A winter holds many weeks: the first ones are listed, the rest on demand. */
const SESSIONS_SHOWN = 5;

function Sessions({
  product,
  isAdmin,
  all,
  onToggle,
  onAdd,
  onEdit,
}: {
  product: CatalogueProduct;
  isAdmin: boolean;
  all: boolean;
  onToggle(): void;
  onAdd(): void;
  onEdit(session: Session): void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 40em)');
  const sorted = [...product.sessions].sort(
    (a, b) => a.startsOn.localeCompare(b.startsOn) || a.startTime.localeCompare(b.startTime),
  );
  const sessions = all ? sorted : sorted.slice(0, SESSIONS_SHOWN);
  const listId = `sessions-${product.id}`;
  const more = sorted.length > SESSIONS_SHOWN && (
    <Button
      variant="subtle"
      size="compact-sm"
      color="gray"
      aria-expanded={all}
      aria-controls={listId}
      leftSection={all ? <IconChevronUp size={15} aria-hidden /> : <IconChevronDown size={15} aria-hidden />}
      onClick={onToggle}
      style={{ alignSelf: 'flex-start' }}
    >
      {all ? t('catalogue.sessionsFewer') : t('catalogue.sessionsAll', { count: sorted.length })}
    </Button>
  );
  const caption = t('catalogue.sessionsCaption', { name: product.name });
  const places = (s: Session) => t('catalogue.places', { taken: s.taken, capacity: s.capacity });
  const editButton = (session: Session) => (
    <Button
      variant="subtle"
      size="compact-sm"
      leftSection={<IconPencil size={15} aria-hidden />}
      aria-label={t('catalogue.editSessionLabel', { dates: sessionDates(session), time: session.startTime })}
      onClick={() => onEdit(session)}
    >
      {t('common.edit')}
    </Button>
  );

  return (
    <Stack gap="xs" mt="md">
      <Group justify="space-between" gap="sm">
        <Text size="sm" fw={650}>
          {t('catalogue.sessionsTitle', { count: sorted.length })}
        </Text>
        {isAdmin && (
          <Button
            variant="default"
            size="compact-sm"
            leftSection={<IconCalendarPlus size={15} aria-hidden />}
            aria-label={t('catalogue.addSessionLabel', { name: product.name })}
            onClick={onAdd}
          >
            {t('catalogue.addSession')}
          </Button>
        )}
      </Group>
      {sessions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('catalogue.sessionsEmpty')}
        </Text>
      ) : isPhone ? (
        <Stack
          gap={6}
          component="ul"
          id={listId}
          aria-label={caption}
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
        >
          {sessions.map((session) => (
            <li
              key={session.id}
              style={{
                border: '1px solid var(--mantine-color-gray-3)',
                borderRadius: 8,
                padding: '8px 10px',
              }}
            >
              <Group justify="space-between" gap="xs" align="flex-start">
                <div style={{ minWidth: 0, flex: '1 1 180px' }}>
                  <Text size="sm" fw={600}>
                    {sessionDates(session)}
                  </Text>
                  <Text size="sm">
                    {t('catalogue.times', { start: session.startTime, end: session.endTime })} ·{' '}
                    {t('catalogue.columnPlaces')} {places(session)}
                  </Text>
                  {session.meetingPoint && (
                    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {session.meetingPoint}
                    </Text>
                  )}
                  <PlacesBadge session={session} />
                </div>
                {isAdmin && editButton(session)}
              </Group>
            </li>
          ))}
        </Stack>
      ) : (
        <Table
          layout="fixed"
          verticalSpacing={6}
          horizontalSpacing="sm"
          highlightOnHover
          withTableBorder
          aria-label={caption}
          id={listId}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={210}>{t('catalogue.columnDates')}</Table.Th>
              <Table.Th w={130}>{t('catalogue.columnTimes')}</Table.Th>
              <Table.Th>{t('catalogue.columnMeetingPoint')}</Table.Th>
              <Table.Th w={140}>{t('catalogue.columnPlaces')}</Table.Th>
              {isAdmin && (
                <Table.Th w={130}>
                  <VisuallyHidden>{t('catalogue.columnActions')}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.map((session) => (
              <Table.Tr key={session.id} c={session.isActive ? undefined : 'dimmed'}>
                <Table.Td>
                  <Text size="sm">{sessionDates(session)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {t('catalogue.times', { start: session.startTime, end: session.endTime })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {session.meetingPoint || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="wrap">
                    <Text size="sm">{places(session)}</Text>
                    <PlacesBadge session={session} />
                  </Group>
                </Table.Td>
                {isAdmin && (
                  <Table.Td>
                    <Group justify="flex-end">{editButton(session)}</Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {more}
    </Stack>
  );
}

function ArchivedProduct({
  product,
  isAdmin,
  onRestored,
}: {
  product: CatalogueProduct;
  isAdmin: boolean;
  onRestored(product: CatalogueProduct): void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const restore = async () => {
    setBusy(true);
    try {
      const saved = await updateProduct(product.id, { isArchived: false });
      onRestored(saved);
      notifySuccess(t('catalogue.restored', { name: saved.name }));
    } catch (error) {
      notifyFailure(t, error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder radius="md" p="md" bg="gray.0" component="article" aria-label={product.name}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={6} miw={0} style={{ flex: '1 1 320px' }}>
          <Text fw={650} c="gray.7" style={{ overflowWrap: 'anywhere' }}>
            {product.name}
          </Text>
          <Group gap={6}>
            <Badge color="gray" variant="light" radius="sm" styles={badgeStyles}>
              {kindLabel(plainT(t), product.kind)}
            </Badge>
            <ProductBadges product={product} />
          </Group>
        </Stack>
        {isAdmin && (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconArchiveOff size={15} aria-hidden />}
            aria-label={t('catalogue.restoreLabel', { name: product.name })}
            loading={busy}
            onClick={() => void restore()}
          >
            {t('catalogue.restore')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

/** Archiving keeps the product on the files that hold it; it only stops being offered. */
function ArchiveProductModal({
  product,
  onClose,
  onArchived,
}: {
  product: CatalogueProduct;
  onClose(): void;
  onArchived(product: CatalogueProduct): void;
}) {
  const { t } = useTranslation();
  const [submitting, setSubmitting] = useState(false);
  const confirm = async () => {
    setSubmitting(true);
    try {
      const saved = await updateProduct(product.id, { isArchived: true });
      onArchived(saved);
      notifySuccess(t('catalogue.archivedDone', { name: saved.name }));
      onClose();
    } catch (error) {
      notifyFailure(t, error);
    } finally {
      setSubmitting(false);
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('catalogue.confirmArchiveTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {t('catalogue.confirmArchiveBody', { name: product.name })}
      </Text>
      <Group justify="flex-end" gap="sm" mt="xl">
        <Button variant="default" onClick={onClose} disabled={submitting} data-autofocus>
          {t('common.cancel')}
        </Button>
        <Button color="red" onClick={() => void confirm()} loading={submitting}>
          {t('catalogue.archive')}
        </Button>
      </Group>
    </Modal>
  );
}
