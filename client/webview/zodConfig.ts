// Imported first by main.ts: zod builds fast parsers with `new Function` as each schema is
// made (probing for eval even when it may not), and the panel's Content-Security-Policy allows
// no eval. Told this before any schema exists, zod never tries.
import { z } from 'zod';

z.config({ jitless: true });
