/** Field names are plain words or small indexes: `customer.email`, `participants.0.birthDate`. */
const SEGMENT = /^(?:[A-Za-z][A-Za-z0-9]{0,40}|\d{1,2})$/;
const MULTI = new Set(['slots']);

type Node = Record<string, unknown>;

function isBlankRow(row: unknown): boolean {
  return (
    row !== null &&
    typeof row === 'object' &&
    Object.values(row as Node).every((v) => typeof v !== 'string' || v.trim() === '')
  );
}

/** `{ '0': a, '2': b }` → `[a, b]`, recursively, in index order. */
function arrays(node: unknown): unknown {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
  const entries = Object.entries(node as Node).map(([k, v]) => [k, arrays(v)] as const);
  if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}

/**
 * Turns an HTML form's flat fields into the JSON body the intake use case reads. Unknown shapes
 * are dropped; participant rows left blank (added, then not filled) are ignored unless they are
 * all blank, in which case the first stays so its fields can be pointed at.
 */
export function nestFields(flat: Record<string, unknown>): Node {
  const root: Node = {};
  for (const [key, raw] of Object.entries(flat ?? {})) {
    const parts = key.split('.');
    if (parts.length > 3 || !parts.every((p) => SEGMENT.test(p))) continue;
    const value = MULTI.has(key)
      ? (Array.isArray(raw) ? raw : [raw]).filter((v) => typeof v === 'string')
      : Array.isArray(raw)
        ? raw.find((v) => typeof v === 'string')
        : raw;
    if (value === undefined) continue;
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
      node = node[part] as Node;
    }
    node[parts.at(-1)!] = value;
  }
  const nested = arrays(root) as Node;
  if (Array.isArray(nested.participants)) {
    const filled = nested.participants.filter((row) => !isBlankRow(row));
    nested.participants = filled.length > 0 ? filled : nested.participants.slice(0, 1);
  }
  return nested;
}
