import { z } from 'zod';

export const apiSchoolSchema = z
  .object({
    sisId: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .meta({ description: "The school's SIS code exactly as stored in Classworks.", example: '00123' }),
    name: z.string().trim().min(1).max(200).meta({ example: 'Lincoln Elementary' }),
  })
  .meta({ id: 'School' });
export type ApiSchool = z.infer<typeof apiSchoolSchema>;

export const groupSchema = z
  .object({
    id: z.number().int().min(1),
    name: z.string(),
    memberCount: z.number().int().min(0),
  })
  .meta({ id: 'CustomGroup', description: 'A custom group that an import can add its students to.' });
export type Group = z.infer<typeof groupSchema>;

export const newGroupSchema = z
  .object({ name: z.string().trim().min(1).max(200).meta({ example: 'Reading Intervention' }) })
  .meta({ id: 'NewCustomGroup' });
export type NewGroup = z.infer<typeof newGroupSchema>;

export const processingSchema = z
  .object({
    mode: z.enum(['off-peak', 'immediate']).meta({
      description: 'off-peak: a submitted import waits (Scheduled) for the off-peak window; immediate: it is processed as soon as the queue reaches it.',
    }),
    window: z.string().nullable().meta({
      description: 'The off-peak window in the service\'s local time, "HH:MM-HH:MM" (e.g. "22:00-05:00"); null when imports are processed at once.',
      example: '22:00-05:00',
    }),
  })
  .meta({ id: 'Processing', description: 'When the service processes submitted imports.' });
export type Processing = z.infer<typeof processingSchema>;

export const districtSchema = z
  .object({
    name: z.string(),
    schools: z.array(apiSchoolSchema),
    groups: z.array(groupSchema),
    processing: processingSchema.optional().meta({ description: 'When submitted imports are processed (absent from older services).' }),
  })
  .meta({ id: 'District' });
export type District = z.infer<typeof districtSchema>;

/**
 * A district to seed (merged into what exists: schools are added or renamed by SIS ID,
 * groups added by name). A `.classworks.json` is accepted as it is: its `schools` are used
 * and its other keys ignored.
 */
export const districtSeedSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    schools: z.array(apiSchoolSchema).optional(),
    groups: z
      .array(z.union([z.string().trim().min(1).max(200), newGroupSchema]))
      .optional()
      .meta({ description: 'Custom group names (or {"name": ...} objects).' }),
    admin: z
      .object({
        name: z.string().trim().min(1).max(200).optional(),
        email: z.email().optional(),
      })
      .optional()
      .meta({ description: "The sandbox administrator's name and e-mail (completion e-mails go there)." }),
  })
  .meta({ id: 'DistrictSeed' });
export type DistrictSeed = z.infer<typeof districtSeedSchema>;

export const roleSchema = z
  .enum(['district-admin', 'school-admin', 'teacher'])
  .meta({ id: 'Role', description: 'Only district administrators may preview, submit or read imports.' });
export type Role = z.infer<typeof roleSchema>;

export const accountSchema = z
  .object({
    username: z.string(),
    name: z.string(),
    email: z.string(),
    role: roleSchema,
  })
  .meta({ id: 'Account', description: 'The person a bearer token belongs to.' });
export type Account = z.infer<typeof accountSchema>;

export const newAccountSchema = z
  .object({
    username: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9._@-]+$/),
    name: z.string().trim().min(1).max(200),
    email: z.email(),
    role: roleSchema,
  })
  .meta({ id: 'NewAccount' });
export type NewAccount = z.infer<typeof newAccountSchema>;

export const newAccountResponseSchema = z
  .object({
    account: accountSchema,
    token: z.string().meta({ description: 'The bearer token. Shown this once; the service keeps only its hash.' }),
  })
  .meta({ id: 'NewAccountResponse' });
export type NewAccountResponse = z.infer<typeof newAccountResponseSchema>;

export const healthSchema = z
  .object({ status: z.literal('ok'), service: z.string(), version: z.string(), apiVersion: z.literal('v1') })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof healthSchema>;

/** The answer to POST /shutdown: the service stops once it has sent it. */
export const shutdownResponseSchema = z
  .object({ stopping: z.literal(true), pid: z.number().int().meta({ description: "The service's process id: gone once it has stopped." }) })
  .meta({ id: 'Shutdown' });
export type ShutdownResponse = z.infer<typeof shutdownResponseSchema>;
