import { afterAll, describe, expect, inject, it } from 'vitest';
import type { LiveEvent } from '../../src/app/events.js';
import { SESSIONS_ENDED } from '../../src/app/events.js';
import { openPostgres } from '../../src/db/connection.js';
import { PgEventBus } from '../../src/db/pg-event-bus.js';

describe.skipIf(!inject('pgAdminUrl'))('live events across processes [postgres]', () => {
  const dbs = [openPostgres(inject('pgAdminUrl')!, 2), openPostgres(inject('pgAdminUrl')!, 2)];
  const buses = dbs.map((db) => new PgEventBus(db.pgPool!));
  afterAll(async () => {
    for (const bus of buses) await bus.close();
    for (const db of dbs) await db.close();
  });

  it('carries an event from one process to the other through LISTEN/NOTIFY, for its school only', async () => {
    await Promise.all(buses.map((bus) => bus.start()));
    const [first, second] = buses as [PgEventBus, PgEventBus];
    const received: LiveEvent[] = [];
    const otherSchool: LiveEvent[] = [];
    const arrived = new Promise<void>((resolve) => {
      second.subscribe('sch_a', (event) => {
        received.push(event);
        if (event.requestId === 'req_2') resolve();
      });
    });
    second.subscribe('sch_b', (event) => otherSchool.push(event));
    const echoes: LiveEvent[] = [];
    first.subscribe('sch_a', (event) => echoes.push(event));
    first.publish({ schoolId: 'sch_a', type: 'request.changed', requestId: 'req_1' });
    first.publish({ schoolId: 'sch_a', type: 'request.changed', requestId: 'req_2' });
    await arrived;
    expect(received.map((e) => e.requestId)).toEqual(['req_1', 'req_2']);
    expect(otherSchool).toEqual([]);
    // NOTIFYs reach every listener in commit order: once the first process hears a marker sent
    // after its own two events, their echoes have reached it too — and were ignored.
    const marker = new Promise<void>((resolve) => {
      first.subscribe('sch_a', (event) => {
        if (event.requestId === 'req_marker') resolve();
      });
    });
    second.publish({ schoolId: 'sch_a', type: 'request.changed', requestId: 'req_marker' });
    await marker;
    expect(echoes.map((e) => e.requestId)).toEqual(['req_1', 'req_2', 'req_marker']);
  });

  it('tells the other processes that a user’s sessions ended, so their open streams close too', async () => {
    const [first, second] = buses as [PgEventBus, PgEventBus];
    const ended = new Promise<LiveEvent>((resolve) => {
      second.subscribe('sch_a', (event) => {
        if (event.type === SESSIONS_ENDED) resolve(event);
      });
    });
    first.publish({ schoolId: 'sch_a', type: SESSIONS_ENDED, userId: 'usr_fired' });
    expect(await ended).toMatchObject({ userId: 'usr_fired' });
  });
});
