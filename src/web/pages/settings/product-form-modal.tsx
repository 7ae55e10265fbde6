import {
  Checkbox,
  Fieldset,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_LANGUAGES, LEVELS, type Level, PRACTICES, type Practice } from '../../../shared/vocabulary';
import {
  type CatalogueProduct,
  createProduct,
  PRICE_UNITS,
  PRODUCT_KINDS,
  PRODUCT_NAME_MAX_LENGTH,
  type PriceUnit,
  type ProductBody,
  type ProductKind,
  updateProduct,
} from '../../api/catalogue.api';
import { notifySuccess } from '../../components/notify';
import { percentText, priceFromText } from './sales-settings-parts';
import { SettingsFormModal, useSettingsForm } from './settings-form-modal';

export type ProductFormTarget =
  | { kind: 'create'; productKind: ProductKind }
  | { kind: 'edit'; product: CatalogueProduct };

/** The VAT rates of French ski schools' sales (basis points): 10 % for lessons, 20 %, 5,5 %, none. */
const VAT_RATES = [1000, 2000, 550, 0] as const;
const OTHER_LANGUAGES = CUSTOMER_LANGUAGES.filter((l) => l !== 'fr');

const FIELDS = [
  'kind',
  'name',
  ...OTHER_LANGUAGES.map((l) => `names.${l}`),
  'description',
  'practice',
  'ageMin',
  'ageMax',
  'levels',
  'priceCents',
  'priceUnit',
  'vatRateBp',
  'isOnlineSale',
  'isOptional',
] as const;

interface Values {
  kind: ProductKind;
  name: string;
  names: Record<string, string>;
  description: string;
  practice: Practice | null;
  ageMin: number | string;
  ageMax: number | string;
  levels: Level[];
  price: string;
  priceUnit: PriceUnit;
  vatRateBp: number;
  isOnlineSale: boolean;
  isOptional: boolean;
}

/** Cents back as the price field takes them ("62,50"): integers only, no float on the way. */
function priceInputText(cents: number, language: string): string {
  const fraction = String(cents % 100).padStart(2, '0');
  return `${Math.floor(cents / 100)}${language === 'fr' ? ',' : '.'}${fraction}`;
}

function initialValues(target: ProductFormTarget, language: string): Values {
  if (target.kind === 'create') {
    const isExtra = target.productKind === 'extra';
    return {
      kind: target.productKind,
      name: '',
      names: {},
      description: '',
      practice: null,
      ageMin: '',
      ageMax: '',
      levels: [],
      price: '',
      priceUnit: isExtra
        ? 'participant'
        : target.productKind === 'cours_particulier'
          ? 'hour'
          : 'participant',
      vatRateBp: isExtra ? 2000 : 1000,
      // Catalogue products are sold online unless the school says otherwise (the POS imports them).
      isOnlineSale: true,
      isOptional: isExtra,
    };
  }
  const p = target.product;
  return {
    kind: (PRODUCT_KINDS as readonly string[]).includes(p.kind) ? (p.kind as ProductKind) : 'cours_collectif',
    name: p.name,
    names: Object.fromEntries(OTHER_LANGUAGES.map((l) => [l, p.names[l] ?? ''])),
    description: p.description ?? '',
    practice: p.practice,
    ageMin: p.ageMin ?? '',
    ageMax: p.ageMax ?? '',
    levels: [...p.levels],
    price: priceInputText(p.priceCents, language),
    priceUnit: p.priceUnit,
    vatRateBp: p.vatRateBp,
    isOnlineSale: p.isOnlineSale,
    isOptional: p.isOptional,
  };
}

const ageOf = (value: number | string): number | null => (typeof value === 'number' ? value : null);

interface ProductFormModalProps {
  target: ProductFormTarget;
  onClose(): void;
  onSaved(product: CatalogueProduct): void;
}

/** "Ajouter un produit" and "Modifier le produit": one form, sent as POST or PATCH. */
export function ProductFormModal({ target, onClose, onSaved }: ProductFormModalProps) {
  const { t, i18n } = useTranslation();
  const { values, set, errors, formError, submitting, submit } = useSettingsForm<Values>(
    () => initialValues(target, i18n.language),
    FIELDS,
  );
  const isCreate = target.kind === 'create';
  const isExtra = values.kind === 'extra';

  const handleSubmit = () => {
    const found: Record<string, string> = {};
    const name = values.name.trim();
    if (name === '') found.name = t('catalogue.form.nameRequired');
    const price = priceFromText(values.price);
    if ('error' in price)
      found.priceCents = t(
        price.error === 'required' ? 'catalogue.form.priceRequired' : 'catalogue.form.priceInvalid',
      );
    const ageMin = ageOf(values.ageMin);
    const ageMax = ageOf(values.ageMax);
    if (ageMin !== null && ageMax !== null && ageMin > ageMax)
      found.ageMax = t('catalogue.form.agesReversed');
    if (Object.keys(found).length > 0 || 'error' in price) return void submit(found, null);

    const body: ProductBody = {
      kind: values.kind,
      name,
      names: Object.fromEntries(
        OTHER_LANGUAGES.map((l) => [l, (values.names[l] ?? '').trim()]).filter(([, v]) => v !== ''),
      ),
      description: values.description.trim() === '' ? null : values.description.trim(),
      practice: isExtra ? null : values.practice,
      ageMin: isExtra ? null : ageMin,
      ageMax: isExtra ? null : ageMax,
      levels: isExtra ? [] : values.levels,
      priceCents: price.cents,
      priceUnit: values.priceUnit,
      vatRateBp: values.vatRateBp,
      isOnlineSale: values.isOnlineSale,
      isOptional: isExtra && values.isOptional,
    };
    void submit({}, async () => {
      const saved =
        target.kind === 'create' ? await createProduct(body) : await updateProduct(target.product.id, body);
      onSaved(saved);
      notifySuccess(t(isCreate ? 'catalogue.created' : 'catalogue.updated', { name: saved.name }));
      onClose();
    });
  };

  const vatOptions = [...new Set<number>([...VAT_RATES, values.vatRateBp])].map((bp) => ({
    value: String(bp),
    label: `${percentText(bp, i18n.language)} %`,
  }));
  const units = PRICE_UNITS.filter(
    (u) => !isExtra || u === 'participant' || u === 'file' || u === values.priceUnit,
  );

  return (
    <SettingsFormModal
      title={isCreate ? t(`catalogue.form.createTitle.${values.kind}`) : t('catalogue.form.editTitle')}
      size="xl"
      formError={formError}
      submitting={submitting}
      submitLabel={isCreate ? t('catalogue.form.submitCreate') : t('common.save')}
      onSubmit={handleSubmit}
      onClose={onClose}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Select
          label={t('catalogue.form.kind')}
          data={PRODUCT_KINDS.map((k) => ({ value: k, label: t(`catalogue.kinds.${k}`) }))}
          value={values.kind}
          allowDeselect={false}
          onChange={(value) => {
            if (value && (PRODUCT_KINDS as readonly string[]).includes(value))
              set('kind', value as ProductKind);
          }}
          error={errors.kind}
        />
        {!isExtra && (
          <Select
            label={t('catalogue.form.practice')}
            placeholder={t('catalogue.form.anyPractice')}
            data={PRACTICES.map((p) => ({ value: p, label: t(`intake.practices.${p}`) }))}
            value={values.practice}
            clearable
            onChange={(value) =>
              set(
                'practice',
                value && (PRACTICES as readonly string[]).includes(value) ? (value as Practice) : null,
              )
            }
            error={errors.practice}
          />
        )}
      </SimpleGrid>
      <TextInput
        label={t('catalogue.form.name')}
        description={t('catalogue.form.nameDescription')}
        data-autofocus
        required
        maxLength={PRODUCT_NAME_MAX_LENGTH}
        value={values.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        error={errors.name}
      />
      <Fieldset legend={t('catalogue.form.namesLegend')} variant="filled" radius="md">
        <Text size="xs" c="dimmed" mb="xs">
          {t('catalogue.form.namesDescription')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {OTHER_LANGUAGES.map((language) => (
            <TextInput
              key={language}
              label={t(`customerLanguages.${language}`)}
              lang={language}
              placeholder={values.name}
              maxLength={PRODUCT_NAME_MAX_LENGTH}
              value={values.names[language] ?? ''}
              onChange={(e) =>
                set('names', { ...values.names, [language]: e.currentTarget.value }, `names.${language}`)
              }
              error={errors[`names.${language}`]}
            />
          ))}
        </SimpleGrid>
      </Fieldset>
      <Textarea
        label={t('catalogue.form.description')}
        autosize
        minRows={2}
        maxRows={6}
        maxLength={2000}
        value={values.description}
        onChange={(e) => set('description', e.currentTarget.value)}
        error={errors.description}
      />
      {!isExtra && (
        <>
          <SimpleGrid cols={{ base: 2 }} spacing="md" maw={420}>
            <NumberInput
              label={t('catalogue.form.ageMin')}
              min={0}
              max={120}
              allowDecimal={false}
              allowNegative={false}
              value={values.ageMin}
              onChange={(value) => set('ageMin', value)}
              error={errors.ageMin}
            />
            <NumberInput
              label={t('catalogue.form.ageMax')}
              min={0}
              max={120}
              allowDecimal={false}
              allowNegative={false}
              value={values.ageMax}
              onChange={(value) => set('ageMax', value)}
              error={errors.ageMax}
            />
          </SimpleGrid>
          <Checkbox.Group
            label={t('catalogue.form.levels')}
            description={t('catalogue.form.levelsDescription')}
            value={values.levels}
            onChange={(value) =>
              set(
                'levels',
                LEVELS.filter((l) => value.includes(l)),
              )
            }
            error={errors.levels}
          >
            <Stack gap={6} mt="xs">
              {LEVELS.map((level) => (
                <Checkbox key={level} value={level} label={t(`intake.levels.${level}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
        </>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <TextInput
          label={t('catalogue.form.price')}
          description={t('catalogue.form.priceDescription')}
          required
          inputMode="decimal"
          autoComplete="off"
          rightSection="€"
          value={values.price}
          onChange={(e) => set('price', e.currentTarget.value, 'priceCents')}
          error={errors.priceCents}
        />
        <Select
          label={t('catalogue.form.priceUnit')}
          description={t('catalogue.form.priceUnitDescription')}
          data={units.map((u) => ({ value: u, label: t(`catalogue.units.${u}`) }))}
          value={values.priceUnit}
          allowDeselect={false}
          onChange={(value) => {
            if (value && (PRICE_UNITS as readonly string[]).includes(value))
              set('priceUnit', value as PriceUnit);
          }}
          error={errors.priceUnit}
        />
        <Select
          label={t('catalogue.form.vat')}
          description={t('catalogue.form.vatDescription')}
          data={vatOptions}
          value={String(values.vatRateBp)}
          allowDeselect={false}
          onChange={(value) => value !== null && set('vatRateBp', Number(value))}
          error={errors.vatRateBp}
        />
      </SimpleGrid>
      <Switch
        label={t('catalogue.form.onlineSale')}
        description={t('catalogue.form.onlineSaleDescription')}
        checked={values.isOnlineSale}
        onChange={(e) => set('isOnlineSale', e.currentTarget.checked)}
        error={errors.isOnlineSale}
      />
      {isExtra && (
        <Switch
          label={t('catalogue.form.optional')}
          description={t('catalogue.form.optionalDescription')}
          checked={values.isOptional}
          onChange={(e) => set('isOptional', e.currentTarget.checked)}
          error={errors.isOptional}
        />
      )}
    </SettingsFormModal>
  );
}
