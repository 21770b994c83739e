// What a signed request without an SDK client needs, named: a bundle then takes only these from each
// package (a namespace import of @smithy/node-http-handler would keep its HTTP/2 handler and node:http2).
export { SignatureV4 } from '@smithy/signature-v4';
export { HttpRequest } from '@smithy/protocol-http';
export { NodeHttpHandler } from '@smithy/node-http-handler';
export { Sha256 } from '@aws-crypto/sha256-js';
