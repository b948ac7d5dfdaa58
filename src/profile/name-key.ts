// How two project names (or aliases) are told apart: in lower case, with every
// run of other than letters and digits one space. The schema refuses an alias
// that has another project's key, and /project finds a name typed by its key,
// so the two must read names the same way; apart from the schema, which loads zod.

/** "Multi-Channel ResNets!" and "multi channel resnets" have the same key. */
export function nameKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
