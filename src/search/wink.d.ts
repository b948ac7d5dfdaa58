// The two wink packages ship no types; only what ./stem.ts uses of them.
declare module 'wink-porter2-stemmer' {
  /** Porter's English stemmer, version 2: "managed" → "manag". */
  const stem: (word: string) => string;
  export default stem;
}

declare module 'wink-lexicon/src/irregular-verbs.js' {
  /** Every form of an English irregular verb → its base form: "led" → "lead", "won" → "win". */
  const forms: Record<string, string>;
  export default forms;
}
