import { z } from 'zod';

/** The signed-in staff member, as the staff app receives it. */
export const MeSchema = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['admin', 'secretary']),
    language: z.string(),
  }),
  school: z.object({ id: z.string(), slug: z.string(), name: z.string(), timeZone: z.string() }),
});
export type Me = z.infer<typeof MeSchema>;
