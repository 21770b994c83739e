import { describe, expect, it } from 'vitest';
import { HttpRequest, SignatureV4, sha256 } from '../../../src/aws/signed-request-parts.js';

// AWS's Signature Version 4 test suite, case get-vanilla (docs.aws.amazon.com, "Signature Version 4 test suite"):
// its published Authorization header for that request, key and instant.
const GET_VANILLA = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';

describe('the SHA-256 gameday signs its own requests with (FIS, ARC zonal shift)', () => {
  it("signs AWS's get-vanilla example to the published signature", async () => {
    const signer = new SignatureV4({ service: 'service', region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }, sha256, applyChecksum: false });
    const request = new HttpRequest({ method: 'GET', protocol: 'https:', hostname: 'example.amazonaws.com', path: '/', headers: { host: 'example.amazonaws.com' } });
    const signed = await signer.sign(request, { signingDate: new Date('2015-08-30T12:36:00Z') });
    expect(signed.headers['authorization']).toBe(GET_VANILLA);
  });
});
