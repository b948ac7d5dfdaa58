// The short id shown with an internal error ("ref a1b2c3") and logged with its
// stack, so that a report can be found in the log. A module of its own: the
// transports use it without loading the dispatcher.
import { randomBytes } from 'node:crypto';

export function newRef(): string {
  return randomBytes(3).toString('hex');
}
