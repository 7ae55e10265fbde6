import { Button, Group, Text, Textarea } from '@mantine/core';
import { IconCheck, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type RequestPage, updateRequest } from '../../api/requests.api';
import type { RunEdit } from './run-edit';
import { SideCard } from './side-card';

const COMMENT_MAX_LENGTH = 5000;

/**
 * "Commentaire client": an internal note for colleagues, never shown to the customer. What is
 * being typed is a draft that survives live reloads and stale-edit refusals.
 */
export function StaffComment({ data, runEdit }: { data: RequestPage; runEdit: RunEdit }) {
  const { t } = useTranslation();
  const saved = data.request.staffComment;
  /** null: not being edited, the saved text shows (and follows live changes). */
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [isJustSaved, setIsJustSaved] = useState(false);
  const value = draft ?? saved;
  const isDirty = draft !== null && draft !== saved;

  const save = async () => {
    if (!isDirty || saving) return;
    setSaving(true);
    const result = await runEdit(() =>
      updateRequest(data.request.id, { version: data.request.version, staffComment: draft }),
    );
    setSaving(false);
    if (result.ok) {
      setDraft(null);
      setIsJustSaved(true);
    }
  };

  return (
    <SideCard
      id="panel-comment"
      title={t('dossier.comment.title')}
      icon={<IconLock size={18} stroke={1.8} color="var(--mantine-color-yellow-9)" aria-hidden />}
      tone="private"
    >
      <Text size="xs" c="yellow.9" fw={600} mb={8} id="comment-private">
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
          setDraft(event.currentTarget.value);
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
          <Text size="xs" c="yellow.9">
            {t('dossier.comment.unsaved')}
          </Text>
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={() => setDraft(null)} disabled={saving}>
              {t('common.cancel')}
            </Button>
            <Button size="xs" color="yellow.8" onClick={() => void save()} loading={saving}>
              {t('dossier.comment.save')}
            </Button>
          </Group>
        </Group>
      )}
    </SideCard>
  );
}
