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

  it('never lets a read outside a transaction see what an open transaction has not committed', async () => {
    const db = ctx().deps.db.kysely;
    const school = await makeSchool(ctx().deps);
    const activeNames = preparedQuery((kdb, schoolId: string) =>
      kdb.selectFrom('users').select('name').where('school_id', '=', schoolId).where('is_active', '=', 1),
    );
    const before = (await activeNames(db, school.id)).map((row) => row.name).sort();
    let readDuring: Promise<string[]> | null = null;
    let settledDuring = false;
    // A transaction renames everybody, lets the read start, then gives up: the read must not
    // answer the uncommitted names (on SQLite it waits for the one connection; on PostgreSQL it
    // reads the committed rows on another).
    await db
      .transaction()
      .execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ name: 'Pas encore validé' })
          .where('school_id', '=', school.id)
          .execute();
        readDuring = activeNames(db, school.id).then((rows) => rows.map((row) => row.name).sort());
        void readDuring.then(() => {
          settledDuring = true;
        });
        // Give the read every chance to run inside this transaction (several turns of the loop).
        for (let turn = 0; turn < 5; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
        if (ctx().dialect === 'sqlite') expect(settledDuring).toBe(false);
        throw new Error('rolled back on purpose');
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error) || error.message !== 'rolled back on purpose') throw error;
      });
    expect(await readDuring).toEqual(before);
    expect(before).not.toContain('Pas encore validé');
  });

  it('runs a write given outside a transaction, and reads after it see it', async () => {
    const db = ctx().deps.db.kysely;
    const school = await makeSchool(ctx().deps);
    const rename = preparedQuery((kdb, schoolId: string, name: string) =>
      kdb.updateTable('schools').set({ name }).where('id', '=', schoolId),
    );
    const nameOf = preparedQuery((kdb, schoolId: string) =>
      kdb.selectFrom('schools').select('name').where('id', '=', schoolId),
    );
    await rename(db, school.id, 'École renommée');
    expect(await nameOf(db, school.id)).toEqual([{ name: 'École renommée' }]);
  });
});
