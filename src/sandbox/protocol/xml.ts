import type { WireResponse } from './wire.js';

/** XML text for awsQuery responses: escaping and a value → element serialiser that mirrors the SDK's de_ functions. */

export function escapeXml(text: string): string {
  // Nearly every name, ARN and timestamp has nothing to escape: one test instead of a replace with a callback.
  return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"'\r\n]/g, (c) => XML_ENTITIES[c] ?? c) : text;
}

const NEEDS_ESCAPE = /[&<>"'\r\n]/;

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
 * The element name of a list's items, by the list's member name: awsQuery's <member>, EC2's <item>,
 * or the model's own per list (RDS and ElastiCache: <DBClusters><DBCluster>, <NodeGroups><NodeGroup>).
 */
export type ListItemName = (listName: string) => string;

export const MEMBER_ITEMS: ListItemName = () => 'member';

/** Lists named here take their model item name (the SDK's de_ functions read exactly it); others <member>. */
export function modelListItems(names: Readonly<Record<string, string>>): ListItemName {
  return (listName) => names[listName] ?? 'member';
}

/**
 * `<name>value</name>` with awsQuery conventions: lists of items named by `listItem`, Map values as
 * <entry><key/><value/></entry>, Dates as ISO 8601 (the SDK parses RFC 3339), nested structures by
 * member name. undefined/null members are left out, as the services do.
 */
export function toXmlElement(name: string, value: unknown, listItem: ListItemName = MEMBER_ITEMS): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    if (value.length === 0) return `<${name}/>`;
    const item = listItem(name);
    let xml = `<${name}>`;
    for (const v of value) xml += toXmlElement(item, v, listItem);
    return `${xml}</${name}>`;
  }
  if (value instanceof Map) {
    const entries = [...value.entries()].map(([k, v]) => `<entry>${toXmlElement('key', String(k))}${toXmlElement('value', v, listItem)}</entry>`);
    return entries.length === 0 ? `<${name}/>` : `<${name}>${entries.join('')}</${name}>`;
  }
  return `<${name}>${toXmlContent(value, listItem)}</${name}>`;
}

export function toXmlContent(value: unknown, listItem: ListItemName = MEMBER_ITEMS): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return escapeXml(value);
  if (typeof value === 'object' && value !== null) {
    let xml = '';
    for (const [k, v] of Object.entries(value)) xml += toXmlElement(k, v, listItem);
    return xml;
  }
  return escapeXml(String(value));
}

/** An XML response as the query protocols send it; EC2 names the charset, the awsQuery services do not. */
export function xmlResponse(status: number, requestId: string, xml: string, contentType = 'text/xml'): WireResponse {
  return { status, headers: { 'content-type': contentType, 'x-amzn-requestid': requestId }, body: xml };
}
