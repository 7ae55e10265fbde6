import type { Role } from '../db/schema.js';

/** Who is acting: written into the journal with every change. */
export type Actor =
  | { kind: 'staff'; schoolId: string; userId: string; name: string; role: Role }
  | { kind: 'customer'; schoolId: string; customerId: string; name: string }
  | { kind: 'system'; schoolId: string; name: string }
  | { kind: 'pos'; schoolId: string; name: string };

export type StaffActor = Extract<Actor, { kind: 'staff' }>;
