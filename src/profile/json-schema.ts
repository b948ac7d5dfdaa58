import * as z from 'zod';
import { profileSchema } from './schema.js';

/** The JSON Schema editors use for data/*.yaml, generated from the zod schema. */
export function buildProfileJsonSchema(): string {
  const schema = z.toJSONSchema(profileSchema, { io: 'input', target: 'draft-2020-12' });
  const document = {
    ...schema,
    title: 'portfolio-bot profile',
    description: 'Generated from src/profile/schema.ts by `npm run schema`; do not edit by hand.',
  };
  return JSON.stringify(document, null, 2) + '\n';
}
