import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/types.js';
import { makeSchool } from '../support/factories.js';
import { describeEachDatabase } from '../support/harness.js';
import { appFor, Client } from '../support/http.js';

describeEachDatabase('staff management (Paramètres → Personnel)', (ctx) => {
  let app: App;
  let a: Awaited<ReturnType<typeof makeSchool>>;
  let b: Awaited<ReturnType<typeof makeSchool>>;
  let adminA: Client;
  beforeAll(async () => {
    app = await appFor(ctx());
    a = await makeSchool(ctx().deps);
    b = await makeSchool(ctx().deps);
    adminA = new Client(app);
    await adminA.login(a.admin.email);
  });
  afterAll(() => app.close());

  it('an admin creates a secretary who can then log in, and the journal records who did it', async () => {
    const created = await adminA.post('/api/staff', {
      email: 'Héloïse.Février@Ecole.test',
      name: 'Héloïse Février-Dupont de la Motte',
      role: 'secretary',
      password: 'un-mot-de-passe-long',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      email: 'héloïse.février@ecole.test',
      role: 'secretary',
      isActive: true,
    });
    await new Client(app).login('HÉLOÏSE.FÉVRIER@ecole.test', 'un-mot-de-passe-long');
    const entries = await ctx()
      .deps.db.kysely.selectFrom('activity')
      .selectAll()
      .where('school_id', '=', a.id)
      .where('action', '=', 'staff.created')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actor_user_id).toBe(a.admin.id);
    expect(JSON.parse(entries[0]!.details_json)).toMatchObject({
      name: 'Héloïse Février-Dupont de la Motte',
    });
  });

  it('refuses bad input field by field, in French', async () => {
    const r = await adminA.post('/api/staff', {
      email: 'pas-un-email',
      name: '',
      role: 'chef',
      password: 'court',
    });
    expect(r.statusCode).toBe(400);
    const { error } = r.json();
    expect(error.code).toBe('VALIDATION');
    expect(Object.keys(error.fields).sort()).toEqual(['email', 'name', 'password', 'role']);
    expect(error.fields.password).toBe('Le mot de passe doit faire au moins 12 caractères.');
    expect(error.fields.email).toBe('Adresse e-mail invalide.');
  });

  it('refuses an e-mail that already has an account, naming the field', async () => {
    const r = await adminA.post('/api/staff', {
      email: b.admin.email,
      name: 'X',
      role: 'secretary',
      password: 'un-mot-de-passe-long',
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.fields).toEqual({
      email: 'Cette adresse e-mail ne peut pas servir à un nouveau compte : choisissez-en une autre.',
    });
  });

  it('answers the same for a colleague’s address as for another school’s: no cross-school oracle', async () => {
    const body = { name: 'X', role: 'secretary', password: 'un-mot-de-passe-long' };
    const otherSchool = await adminA.post('/api/staff', { ...body, email: b.admin.email });
    const sameSchool = await adminA.post('/api/staff', { ...body, email: a.secretary.email });
    expect(sameSchool.statusCode).toBe(otherSchool.statusCode);
    expect(sameSchool.body).toBe(otherSchool.body);
    expect(otherSchool.body).not.toMatch(/école|school/i);
  });

  it('a secretary cannot list, create or edit staff', async () => {
    const secretary = new Client(app);
    await secretary.login(a.secretary.email);
    expect((await secretary.get('/api/staff')).statusCode).toBe(403);
    const create = await secretary.post('/api/staff', {
      email: 'x@ecole.test',
      name: 'X',
      role: 'admin',
      password: 'un-mot-de-passe-long',
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('FORBIDDEN');
    expect((await secretary.patch(`/api/staff/${a.secretary.id}`, { role: 'admin' })).statusCode).toBe(403);
  });

  it('keeps at least one active admin', async () => {
    const r = await adminA.patch(`/api/staff/${a.admin.id}`, { role: 'secretary' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('INVALID_STATE');
  });

  it('school A’s admin gets 404 for school B’s staff and never sees them', async () => {
    for (const id of [b.admin.id, b.secretary.id]) {
      const r = await adminA.patch(`/api/staff/${id}`, { isActive: false });
      expect(r.statusCode).toBe(404);
    }
    const list = await adminA.get('/api/staff');
    const emails = list.json().items.map((u: { email: string }) => u.email);
    expect(emails).toContain(a.secretary.email);
    expect(emails).not.toContain(b.admin.email);
    const adminB = new Client(app);
    await adminB.login(b.admin.email);
    expect((await adminB.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('a password reset ends the colleague’s sessions', async () => {
    const secretary = new Client(app);
    await secretary.login(a.secretary.email);
    expect(
      (await adminA.patch(`/api/staff/${a.secretary.id}`, { password: 'nouveau-mot-de-passe' })).statusCode,
    ).toBe(200);
    expect((await secretary.get('/api/auth/me')).statusCode).toBe(401);
    await new Client(app).login(a.secretary.email, 'nouveau-mot-de-passe');
  });

  it('journals a password change as a fact: neither the password nor its hash is kept', async () => {
    const password = 'encore-un-autre-mot-de-passe';
    expect((await adminA.patch(`/api/staff/${a.secretary.id}`, { password })).statusCode).toBe(200);
    const [entry] = await ctx()
      .deps.db.kysely.selectFrom('activity')
      .select('details_json')
      .where('school_id', '=', a.id)
      .where('action', '=', 'staff.updated')
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    const user = await ctx()
      .deps.db.kysely.selectFrom('users')
      .select('password_hash')
      .where('id', '=', a.secretary.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry!.details_json)).toEqual({
      userId: a.secretary.id,
      name: a.secretary.name,
      changes: {},
      passwordChanged: true,
    });
    expect(entry!.details_json).not.toContain(password);
    expect(entry!.details_json).not.toContain(user.password_hash);
  });
});
