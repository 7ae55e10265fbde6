import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const HERE = import.meta.dirname;
const contracts = readdirSync(HERE).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

/** Every `import … from` / `export … from` statement of a file, with whether it is type-only. */
function statementsFrom(source: string): { specifier: string; isTypeOnly: boolean }[] {
  const statements = source.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^;]*?)\s+from\s+'([^']+)'/gms);
  return [...statements].map((m) => ({ specifier: m[2]!, isTypeOnly: m[1] !== undefined }));
}

describe('the shared contracts', () => {
  it('exist', () => {
    expect(contracts.length).toBeGreaterThan(0);
  });

  it.each(contracts)(
    '%s takes only types from src/app, so the staff app never bundles server code',
    (file) => {
      const source = readFileSync(join(HERE, file), 'utf8');
      const fromApp = statementsFrom(source).filter((s) => s.specifier.includes('/app/'));
      // A contract either hands on the types of schemas defined in src/app, or defines its
      // schemas itself (sales.ts) and then imports nothing from src/app at all.
      const definesSchemas = /\bz\.object\(/.test(source);
      expect(definesSchemas || fromApp.length > 0).toBe(true);
      expect(fromApp.filter((s) => !s.isTypeOnly)).toEqual([]);
    },
  );
});
