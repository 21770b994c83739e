/** Text for HTML/XML element content and attribute values: everything a journal carries is untrusted. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** XML 1.0 forbids most control characters even when escaped; drop them. */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeXml(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));
}

/** Markdown table cells and inline text: pipes and newlines would break the table. */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/<(?=[a-zA-Z/!?])/g, '&lt;');
}

/**
 * A relative link, each segment percent-encoded: a folder named `javascript:x` stays a path, never a
 * scheme, and a leading `//` (another host) stays a path on this one.
 */
export function relativeHref(path: string): string {
  return `${path.startsWith('/') ? '.' : ''}${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** A link from a journal or config is followed only when it is http(s); javascript:, data: and the rest are not links. */
export function webHref(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? url.replace(/[\s()<>]/g, encodeURIComponent) : undefined;
}
