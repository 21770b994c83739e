import { describe, expect, it } from 'vitest';
import { unflattenQuery } from '../../../src/sandbox/protocol/aws-query.js';
import { escapeXml, toXmlElement } from '../../../src/sandbox/protocol/xml.js';

describe('awsQuery members', () => {
  it('rebuilds lists, nested structures and maps from flattened keys', () => {
    const form = new URLSearchParams(
      'AlarmNames.member.2=b&AlarmNames.member.1=a&MetricData.member.1.MetricName=Err&MetricData.member.1.Dimensions.member.1.Name=Az' +
        '&MetricData.member.1.Dimensions.member.1.Value=use1-az1&Tags.entry.1.key=team&Tags.entry.1.value=sre&Empty=',
    );
    expect(unflattenQuery(form)).toEqual({
      AlarmNames: ['a', 'b'],
      MetricData: [{ MetricName: 'Err', Dimensions: [{ Name: 'Az', Value: 'use1-az1' }] }],
      Tags: { team: 'sre' },
      Empty: '',
    });
  });

  it('orders members by index numerically', () => {
    const entries: [string, string][] = Array.from({ length: 12 }, (_, i) => [`L.member.${12 - i}`, String(12 - i)]);
    expect(unflattenQuery(entries)).toEqual({ L: Array.from({ length: 12 }, (_, i) => String(i + 1)) });
  });
});

describe('XML output', () => {
  it('escapes text and renders lists, maps and dates the way the SDK parses them', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
    expect(toXmlElement('R', { L: ['x'], E: [], M: new Map([['p99', 1.5]]), T: new Date(Date.UTC(2026, 10, 26)), B: false, U: undefined })).toBe(
      '<R><L><member>x</member></L><E/><M><entry><key>p99</key><value>1.5</value></entry></M><T>2026-11-26T00:00:00.000Z</T><B>false</B></R>',
    );
  });
});
