export {
  createInteractionServer,
  DEFAULT_CLOSE_GRACE_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_SKEW_SECONDS,
  type HttpServerOptions,
  type InteractionResponder,
  type InteractionServer,
} from './server.js';
export { parsePublicKey, verifySignature } from './signature.js';
