import { expect, it } from 'vitest';
import { preparedQuery } from '../../src/db/prepared-query.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';

describeEachDatabase('prepared queries', (ctx) => {
  const usersOfSchool = preparedQuery((db, schoolId: string, role: 'admin' | 'secretary') =>
    db
      .selectFrom('users')
      .select(['email', 'role'])
      .where('school_id', '=', schoolId)
      .where('role', '=', role)
      .where('is_active', '=', 1)
      .orderBy('email'),
  );

  it('answers what the query builder answers, for each call’s own arguments, in and out of transactions', async () => {
    const db = ctx().deps.db.kysely;
    const [a, b] = [await makeSchool(ctx().deps), await makeSchool(ctx().deps)];
    for (const school of [a, b, a]) {
      // 'nobody' matches no row: an argument that finds nothing finds nothing.
      for (const role of ['admin', 'secretary', 'nobody'] as ('admin' | 'secretary')[]) {
        const expected = await db
          .selectFrom('users')
          .select(['email', 'role'])
          .where('school_id', '=', school.id)
          .where('role', '=', role)
          .where('is_active', '=', 1)
          .orderBy('email')
          .execute();
        expect(await usersOfSchool(db, school.id, role)).toEqual(expected);
      }
    }
    const inTransaction = await db.transaction().execute((trx) => usersOfSchool(trx, b.id, 'secretary'));
    expect(inTransaction).toEqual([{ email: b.secretary.email, role: 'secretary' }]);
  });

  it('refuses a builder that does not use every argument as a value', async () => {
    const broken = preparedQuery((db, schoolId: string, _unused: string) =>
      db.selectFrom('users').select('id').where('school_id', '=', schoolId),
    );
    await expect(broken(ctx().deps.db.kysely, 'sch_x', 'y')).rejects.toThrow(/every argument/);
  });
});
