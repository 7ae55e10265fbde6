import { Anchor, Badge, Box, Button, Divider, Group, Stack, Text } from '@mantine/core';
import { IconFolder, IconHistory, IconListDetails } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ActivityItem, Line, OtherRequest, RequestSummary } from '../../api/requests.api';
import { useKeyedText } from '../../components/keyed-text';
import { fileHref } from '../../components/labels';
import { StatusBadge } from '../../components/status-badge';
import { useFormatters } from '../../format/use-formatters';
import { SideCard } from './side-card';

/** "À chiffrer" where an amount is not known yet (a custom lesson without a price), never "0,00 €". */
function ToBePriced({ title, fw }: { title: string; fw?: number }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" fw={fw} c="grape.8" fs="italic" title={title} style={{ flex: 'none' }}>
      {t('dossier.lines.toBePriced')}
    </Text>
  );
}

/** Services on the file, read-only: a summary in the Dossier onglet (the Devis onglet edits them). */
export function LinesCard({ lines, request }: { lines: Line[]; request: RequestSummary }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const keyedText = useKeyedText();
  return (
    <SideCard
      id="panel-lines"
      title={t('dossier.lines.title')}
      icon={<IconListDetails size={18} stroke={1.8} aria-hidden />}
    >
      <Stack gap={8} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {lines.map((line) => (
          <Box component="li" key={line.id} opacity={line.isActive ? 1 : 0.6}>
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
              <Box miw={0}>
                <Text
                  size="sm"
                  fw={500}
                  className="wrap-anywhere"
                  td={line.isActive ? undefined : 'line-through'}
                >
                  {line.quantity > 1 && `${t('dossier.lines.quantity', { count: line.quantity })} `}
                  {keyedText(line.labelKeyed, line.label)}
                </Text>
                <Group gap={4} mt={2}>
                  {line.isOptional && (
                    <Badge
                      size="xs"
                      variant="light"
                      color="gray"
                      styles={{ label: { textTransform: 'none' } }}
                    >
                      {t('dossier.lines.optional')}
                    </Badge>
                  )}
                  {!line.isActive && (
                    <Badge
                      size="xs"
                      variant="light"
                      color="orange"
                      styles={{ label: { textTransform: 'none' } }}
                    >
                      {t('dossier.lines.removed')}
                    </Badge>
                  )}
                </Group>
              </Box>
              {line.isToBePriced ? (
                <ToBePriced title={t('dossier.lines.toBePricedTitle')} fw={600} />
              ) : (
                <Text size="sm" fw={600} style={{ flex: 'none', fontVariantNumeric: 'tabular-nums' }}>
                  {format.money(line.totalCents)}
                </Text>
              )}
            </Group>
          </Box>
        ))}
      </Stack>
      <Divider my="sm" />
      <Group justify="space-between">
        <Text size="sm" fw={650}>
          {t('dossier.lines.total')}
        </Text>
        {request.isToBePriced ? (
          <ToBePriced title={t('dossier.lines.toBePricedTitle')} fw={650} />
        ) : (
          <Text size="sm" fw={650} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {format.money(request.totalCents)}
          </Text>
        )}
      </Group>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('dossier.lines.paid')}
        </Text>
        <Text
          size="sm"
          c={request.paidCents > 0 ? 'teal.8' : 'dimmed'}
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          {format.money(request.paidCents)}
        </Text>
      </Group>
    </SideCard>
  );
}

/** The customer's other files at this school, one click away. */
export function OtherFilesCard({ files }: { files: OtherRequest[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <SideCard
      id="panel-others"
      title={t('dossier.others.title')}
      icon={<IconFolder size={18} stroke={1.8} aria-hidden />}
    >
      {files.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('dossier.others.none')}
        </Text>
      ) : (
        <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {files.map((file) => (
            <Group component="li" key={file.id} justify="space-between" wrap="nowrap" gap="xs">
              <Link href={fileHref(file.id)} asChild>
                <Anchor
                  size="sm"
                  ff="monospace"
                  fw={600}
                  aria-label={t('dossier.others.open', { number: file.number })}
                >
                  {file.number}
                </Anchor>
              </Link>
              <Group gap={8} wrap="nowrap">
                <StatusBadge status={file.status} size="sm" />
                <Text size="xs" c="dimmed" title={format.longDateTime(file.lastMessageAt)} w={78} ta="right">
                  {format.shortDateTime(file.lastMessageAt)}
                </Text>
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </SideCard>
  );
}

const JOURNAL_PREVIEW = 8;

/** Journal d'activité: who did what, when ("Marie Dupont a changé la catégorie en « Groupes » — 26/11 14:02"). */
export function JournalCard({ activity }: { activity: ActivityItem[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? activity : activity.slice(0, JOURNAL_PREVIEW);
  return (
    <SideCard
      id="panel-journal"
      title={t('dossier.journal.title')}
      icon={<IconHistory size={18} stroke={1.8} aria-hidden />}
    >
      {activity.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('dossier.journal.empty')}
        </Text>
      ) : (
        <Stack gap={0} component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
          {shown.map((item) => (
            <Group
              component="li"
              key={item.id}
              gap="sm"
              wrap="nowrap"
              align="flex-start"
              py={6}
              style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
            >
              <Text size="sm" className="wrap-anywhere" style={{ flex: 1 }} miw={0}>
                {item.sentence}
              </Text>
              <Text
                component="time"
                dateTime={item.createdAt}
                size="xs"
                c="dimmed"
                title={format.longDateTime(item.createdAt)}
                style={{ flex: 'none', fontVariantNumeric: 'tabular-nums' }}
                mt={2}
              >
                {format.shortDateTime(item.createdAt)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      {activity.length > JOURNAL_PREVIEW && (
        <Button variant="subtle" size="compact-sm" mt="xs" onClick={() => setShowAll((v) => !v)}>
          {showAll ? t('dossier.journal.showLess') : t('dossier.journal.showAll', { count: activity.length })}
        </Button>
      )}
    </SideCard>
  );
}
