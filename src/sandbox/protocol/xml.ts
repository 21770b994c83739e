import type { WireResponse } from './wire.js';

/** XML text for awsQuery responses: escaping and a value → element serialiser that mirrors the SDK's de_ functions. */

export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r\n]/g, (c) => XML_ENTITIES[c] ?? c);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
  '\n': '&#10;',
};

/**
 * `<name>value</name>` with awsQuery conventions: lists as <member>, Map values as
 * <entry><key/><value/></entry>, Dates as ISO 8601 (the SDK parses RFC 3339), nested structures
 * by member name. undefined/null members are left out, as the services do. EC2's query protocol
 * names list items <item> instead of <member> (`listItem`).
 */
export function toXmlElement(name: string, value: unknown, listItem = 'member'): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    if (value.length === 0) return `<${name}/>`;
    return `<${name}>${value.map((item) => toXmlElement(listItem, item, listItem)).join('')}</${name}>`;
  }
  if (value instanceof Map) {
    const entries = [...value.entries()].map(([k, v]) => `<entry>${toXmlElement('key', String(k))}${toXmlElement('value', v, listItem)}</entry>`);
    return entries.length === 0 ? `<${name}/>` : `<${name}>${entries.join('')}</${name}>`;
  }
  return `<${name}>${toXmlContent(value, listItem)}</${name}>`;
}

export function toXmlContent(value: unknown, listItem = 'member'): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return escapeXml(value);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([k, v]) => toXmlElement(k, v, listItem))
      .join('');
  }
  return escapeXml(String(value));
}

/** An XML response as the query protocols send it; EC2 names the charset, CloudWatch and STS do not. */
export function xmlResponse(status: number, requestId: string, xml: string, contentType = 'text/xml'): WireResponse {
  return { status, headers: { 'content-type': contentType, 'x-amzn-requestid': requestId }, body: xml };
}
