import { Box, Button, Group, Paper, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type RequestPage, updateCustomer } from '../../api/requests.api';
import { TEXT_ON_ORANGE, TEXT_ON_YELLOW } from '../../components/tones';
import { useFormatters } from '../../format/use-formatters';
import type { RunEdit } from './run-edit';
import { SideCard } from './side-card';

const COMMENT_MAX_LENGTH = 5000;

interface Draft {
  text: string;
  /** The customer's version and note when the secretary started typing: what she edits. */
  baseVersion: number;
  baseNote: string;
  /**
   * After a refusal she has the colleague's note in front of her: the next save is meant to
   * replace it, so it goes with the version the page shows now.
   */
  hasSeenTheirs: boolean;
}

/**
 * "Commentaire client": an internal note about the customer, the same on every file of theirs,
 * never shown to the customer. What is being typed is a draft that survives live reloads and
 * stale-edit refusals; a colleague's newer note shows beside it instead of being overwritten.
 */
export function StaffComment({ data, runEdit }: { data: RequestPage; runEdit: RunEdit }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { customer } = data.request;
  const saved = customer.note;
  /** null: not being edited, the saved note shows (and follows live changes). */
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  const [isJustSaved, setIsJustSaved] = useState(false);
  const value = draft?.text ?? saved;
  const isDirty = draft !== null && draft.text !== saved;
  const isChangedMeanwhile = draft !== null && isDirty && saved !== draft.baseNote;
  const change = customer.noteChange;

  const save = async () => {
    if (!draft || !isDirty || saving) return;
    setSaving(true);
    const version = draft.hasSeenTheirs ? customer.version : draft.baseVersion;
    const result = await runEdit(async () => {
      await updateCustomer(data.request.id, { version, note: draft.text });
      return undefined;
    });
    setSaving(false);
    if (result.ok) {
      setDraft(null);
      setIsJustSaved(true);
    } else if (result.isStale) setDraft((current) => current && { ...current, hasSeenTheirs: true });
  };

  return (
    <SideCard
      id="panel-comment"
      title={t('dossier.comment.title')}
      icon={<IconLock size={18} stroke={1.8} color={TEXT_ON_YELLOW} aria-hidden />}
      tone="private"
    >
      <Text size="xs" c={TEXT_ON_YELLOW} fw={600} mb={8} id="comment-private">
        {t('dossier.comment.private')}
      </Text>
      <Textarea
        aria-labelledby="panel-comment"
        aria-describedby="comment-private"
        placeholder={t('dossier.comment.placeholder')}
        autosize
        minRows={2}
        maxRows={10}
        maxLength={COMMENT_MAX_LENGTH}
        value={value}
        onChange={(event) => {
          const text = event.currentTarget.value;
          setDraft((current) =>
            current
              ? { ...current, text }
              : { text, baseVersion: customer.version, baseNote: saved, hasSeenTheirs: false },
          );
          setIsJustSaved(false);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void save();
          }
        }}
        styles={{ input: { backgroundColor: 'var(--mantine-color-white)' } }}
      />
      {change && !isDirty && saved !== '' && (
        <Text size="xs" c="gray.7" mt={6} className="wrap-anywhere">
          {change.fileNumber && change.fileNumber !== data.request.number
            ? t('dossier.comment.changedOn', {
                name: change.byName,
                when: format.shortDateTime(change.at),
                number: change.fileNumber,
              })
            : t('dossier.comment.changed', { name: change.byName, when: format.shortDateTime(change.at) })}
        </Text>
      )}
      {isChangedMeanwhile && (
        <Paper
          withBorder
          radius="md"
          p="xs"
          mt="xs"
          bg="orange.0"
          style={{ borderColor: 'var(--mantine-color-orange-4)' }}
          role="region"
          aria-label={t('dossier.comment.theirsLabel')}
        >
          <Group gap={6} wrap="nowrap" align="flex-start" mb={4}>
            <IconAlertTriangle
              size={16}
              color={TEXT_ON_ORANGE}
              aria-hidden
              style={{ flex: 'none', marginTop: 2 }}
            />
            <Text size="xs" fw={600} c={TEXT_ON_ORANGE} className="wrap-anywhere">
              {change
                ? t('dossier.comment.theirs', { name: change.byName, when: format.shortDateTime(change.at) })
                : t('dossier.comment.theirsNoName')}
            </Text>
          </Group>
          <Box
            p={6}
            bg="white"
            style={{ borderRadius: 'var(--mantine-radius-sm)', maxHeight: 160, overflowY: 'auto' }}
          >
            <Text size="sm" className="pre-wrap wrap-anywhere">
              {saved === '' ? t('dossier.comment.theirsEmpty') : saved}
            </Text>
          </Box>
          <Text size="xs" c={TEXT_ON_ORANGE} mt={4}>
            {t('dossier.comment.theirsHint')}
          </Text>
        </Paper>
      )}
      {isJustSaved && !isDirty && (
        <Group gap={4} mt={6} c="teal.8">
          <IconCheck size={14} aria-hidden />
          <Text size="xs" fw={600} role="status">
            {t('dossier.comment.saved')}
          </Text>
        </Group>
      )}
      {isDirty && (
        <Group justify="space-between" mt="xs" gap="xs">
          <Text size="xs" c={TEXT_ON_YELLOW}>
            {t('dossier.comment.unsaved')}
          </Text>
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={() => setDraft(null)} disabled={saving}>
              {t('common.cancel')}
            </Button>
            <Button size="xs" color="yellow.5" autoContrast onClick={() => void save()} loading={saving}>
              {t('dossier.comment.save')}
            </Button>
          </Group>
        </Group>
      )}
    </SideCard>
  );
}
