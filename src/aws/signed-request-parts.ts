// What a signed request without an SDK client needs, named: a bundle then takes only these from each
// package (a namespace import of @smithy/node-http-handler would keep its HTTP/2 handler and node:http2).
export { SignatureV4 } from '@smithy/signature-v4';
export { HttpRequest } from '@smithy/protocol-http';
export { NodeHttpHandler } from '@smithy/node-http-handler';
import { Hash } from '@smithy/hash-node';

/** SHA-256 from Node's crypto, as the SDK clients sign in Node (a JavaScript SHA-256 costs ≈ 3× more per request, cold). */
export const sha256 = Hash.bind(null, 'sha256');
