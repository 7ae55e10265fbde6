import { NumberInput, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addLine, type Catalogue, type DevisLine, editLine } from '../../../api/devis.api';
import { usePriceText } from './catalogue-line-dialog';
import { type DevisDialogProps, DialogFrame, type FieldErrors, useDialogWrite } from './dialog-frame';

const shown = (key: string) => key === 'productId' || key === 'quantity';

/**
 * "Ajouter une option": an extra of the catalogue (the insurance…), per participant or per file;
 * the customer may remove an optional one before paying. With `line`, changes its quantity.
 */
export function ExtraDialog({
  opened,
  onClose,
  devis,
  catalogue,
  line,
  write,
}: DevisDialogProps & {
  catalogue: Catalogue;
  line: DevisLine | null;
}) {
  const { t } = useTranslation();
  const priceText = usePriceText();
  const extras = catalogue.products.filter(
    (p) => p.kind === 'extra' && (!p.isArchived || p.id === line?.productId),
  );
  const participantsOnFile = devis.lines
    .filter((l) => l.isActive && l.kind !== 'extra')
    .reduce((most, l) => Math.max(most, l.participants.length), 0);
  const [productId, setProductId] = useState<string | null>(line?.productId ?? extras[0]?.id ?? null);
  const product = extras.find((p) => p.id === productId) ?? null;
  const quantityFor = (unit: string | undefined) =>
    unit === 'participant' ? Math.max(1, participantsOnFile) : 1;
  const [quantity, setQuantity] = useState<number | string>(
    line?.quantity ?? quantityFor(product?.priceUnit),
  );
  const { errors, setErrors, general, submitting, run } = useDialogWrite(write, shown);

  const submit = async () => {
    const found: FieldErrors = {};
    const count = typeof quantity === 'number' ? quantity : Number.NaN;
    if (!productId) found.productId = t('devis.errors.extra');
    if (!Number.isInteger(count) || count < 1 || count > 12) found.quantity = t('devis.errors.quantity');
    setErrors(found);
    if (Object.values(found).some(Boolean) || !productId) return;
    const done = await run(() =>
      line
        ? editLine(devis.requestId, line.id, { version: devis.version, quantity: count })
        : addLine(devis.requestId, { kind: 'extra', version: devis.version, productId, quantity: count }),
    );
    if (done) onClose();
  };

  return (
    <DialogFrame
      opened={opened}
      onClose={onClose}
      title={line ? t('devis.extra.editTitle') : t('devis.extra.title')}
      onSubmit={() => void submit()}
      submitLabel={line ? t('common.save') : t('devis.extra.submit')}
      submitting={submitting}
      general={general}
      size="md"
    >
      <Select
        label={t('devis.extra.product')}
        data={extras.map((p) => ({ value: p.id, label: `${p.name} · ${priceText(p)}` }))}
        value={productId}
        onChange={(value) => {
          setProductId(value);
          setQuantity(quantityFor(extras.find((p) => p.id === value)?.priceUnit));
        }}
        error={errors.productId}
        required
        disabled={line !== null}
        nothingFoundMessage={t('devis.extra.none')}
        placeholder={extras.length === 0 ? t('devis.extra.none') : undefined}
        comboboxProps={{ withinPortal: true }}
        data-autofocus
      />
      <NumberInput
        label={t('devis.extra.quantity')}
        value={quantity}
        onChange={setQuantity}
        min={1}
        max={12}
        allowDecimal={false}
        allowNegative={false}
        error={errors.quantity}
        w={160}
      />
      {product && (
        <Text size="sm" c="dimmed">
          {product.isOptional ? t('devis.extra.optionalNote') : t('devis.extra.requiredNote')}
        </Text>
      )}
    </DialogFrame>
  );
}
