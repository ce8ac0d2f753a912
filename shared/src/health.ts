import { z } from 'zod';

export const DatabaseEngine = z.enum(['sqlite', 'mysql']);
export type DatabaseEngine = z.infer<typeof DatabaseEngine>;

export const Health = z.object({ status: z.literal('ok'), database: DatabaseEngine });
export type Health = z.infer<typeof Health>;
