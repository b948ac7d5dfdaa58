// The error of a bad environment (src/config.ts), in a module of its own so that
// the command line can recognise it without loading the validator.
export class ConfigError extends Error {
  override name = 'ConfigError';
}
