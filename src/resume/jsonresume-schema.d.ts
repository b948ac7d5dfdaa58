// @jsonresume/schema ships no types: its validator, as validator.js exports it.
declare module '@jsonresume/schema' {
  import type { ValidationError } from 'jsonschema';

  export function validate(resume: unknown, callback: (errors: ValidationError[] | null, valid: boolean) => void): void;
  export const schema: Record<string, unknown>;
  const jsonResume: { validate: typeof validate; schema: Record<string, unknown> };
  export default jsonResume;
}
