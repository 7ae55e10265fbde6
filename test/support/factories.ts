import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../../src/app/deps.js';
import { createSchool, type NewSchool } from '../../src/app/schools/create-school.js';

export const PASSWORD = 'correct-horse-battery';

/** A school with an admin and a secretary (and whatever the overrides add). Unique slug and e-mails. */
export async function makeSchool(deps: AppDeps, overrides: Partial<NewSchool> = {}) {
  const tag = randomBytes(4).toString('hex');
  const school = await createSchool(deps, {
    slug: `ecole-${tag}`,
    name: `École ${tag}`,
    staff: [
      { email: `admin-${tag}@ecole.test`, name: `Admin ${tag}`, role: 'admin', password: PASSWORD },
      {
        email: `secretaire-${tag}@ecole.test`,
        name: `Secrétaire ${tag}`,
        role: 'secretary',
        password: PASSWORD,
      },
    ],
    categories: ['Groupes', 'Familles'],
    ...overrides,
  });
  const admin = school.users.find((u) => u.role === 'admin')!;
  const secretary = school.users.find((u) => u.role === 'secretary')!;
  return { ...school, admin, secretary };
}
