import { awsCall } from './call.js';
import type { AwsConnectionOptions } from './client-factory.js';
import type { ManagedResource, ManagedResourceSummary, PracticeRunConfiguration, ZonalShiftResources } from './ports.js';
import { SignedRestJsonRequests } from './signed-rest-json-requests.js';

/**
 * ARC zonal shift (restJson1, signing name arc-zonal-shift, API 2022-10-30) through signed requests:
 * no @aws-sdk/client-arc-zonal-shift is installed, and the calls are two GETs. Bound as the service's
 * model binds them (aws/aws-sdk-js-v3 codegen/sdk-codegen/aws-models/arc-zonal-shift.json,
 * test/fixtures/arc-zonal-shift/README.md names the commit).
 */
export class ArcZonalShiftResources implements ZonalShiftResources {
  private readonly signed: SignedRestJsonRequests;

  constructor(options: AwsConnectionOptions) {
    this.signed = new SignedRestJsonRequests({ signingName: 'arc-zonal-shift', endpoint: 'arc-zonal-shift', endpointPrefix: 'arc-zonal-shift' }, options);
  }

  async list(): Promise<ManagedResourceSummary[]> {
    const found: ManagedResourceSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = await awsCall('arc-zonal-shift:ListManagedResources', () =>
        this.signed.send<{ items?: WireSummary[]; nextToken?: string }>({ operation: 'ListManagedResources', method: 'GET', path: '/managedresources', query: { maxResults: '100', ...(nextToken ? { nextToken } : {}) } }),
      );
      for (const item of page.items ?? []) {
        if (!item.arn) continue;
        found.push({
          arn: item.arn,
          ...(item.name ? { name: item.name } : {}),
          availabilityZones: item.availabilityZones ?? [],
          ...(item.zonalAutoshiftStatus ? { zonalAutoshiftStatus: item.zonalAutoshiftStatus } : {}),
          ...(item.practiceRunStatus ? { practiceRunStatus: item.practiceRunStatus } : {}),
        });
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return found;
  }

  async get(arn: string): Promise<ManagedResource> {
    const out = await awsCall('arc-zonal-shift:GetManagedResource', () =>
      this.signed.send<WireResource>({ operation: 'GetManagedResource', method: 'GET', path: `/managedresources/${encodeURIComponent(arn)}` }),
    );
    const config = out.practiceRunConfiguration;
    return {
      arn: out.arn ?? arn,
      ...(out.name ? { name: out.name } : {}),
      ...(out.zonalAutoshiftStatus ? { zonalAutoshiftStatus: out.zonalAutoshiftStatus } : {}),
      ...(config ? { practiceRunConfiguration: practiceRunConfiguration(config) } : {}),
      activeShifts: [
        ...(out.zonalShifts ?? []).map((z) => ({ kind: z.shiftType ?? 'ZONAL_SHIFT', awayFrom: z.awayFrom ?? '', ...time('startTime', z.startTime), ...time('expiryTime', z.expiryTime) })),
        ...(out.autoshifts ?? []).map((a) => ({ kind: 'ZONAL_AUTOSHIFT', awayFrom: a.awayFrom ?? '', ...time('startTime', a.startTime) })),
      ],
    };
  }
}

interface WireSummary {
  arn?: string;
  name?: string;
  availabilityZones?: string[];
  zonalAutoshiftStatus?: string;
  practiceRunStatus?: string;
}

interface WireControlCondition {
  type?: string;
  alarmIdentifier?: string;
}

interface WireResource {
  arn?: string;
  name?: string;
  zonalAutoshiftStatus?: string;
  practiceRunConfiguration?: { blockedWindows?: string[]; blockedDates?: string[]; allowedWindows?: string[]; blockingAlarms?: WireControlCondition[]; outcomeAlarms?: WireControlCondition[] };
  zonalShifts?: { shiftType?: string; awayFrom?: string; startTime?: number; expiryTime?: number }[];
  autoshifts?: { awayFrom?: string; startTime?: number }[];
}

function practiceRunConfiguration(config: NonNullable<WireResource['practiceRunConfiguration']>): PracticeRunConfiguration {
  const alarms = (list: WireControlCondition[] | undefined) => (list ?? []).map((a) => a.alarmIdentifier ?? '').filter((a) => a !== '');
  return {
    blockedWindows: config.blockedWindows ?? [],
    blockedDates: config.blockedDates ?? [],
    allowedWindows: config.allowedWindows ?? [],
    blockingAlarms: alarms(config.blockingAlarms),
    outcomeAlarms: alarms(config.outcomeAlarms),
  };
}

/** restJson1 timestamps are epoch seconds. */
function time<K extends string>(key: K, epochSeconds: number | undefined): Partial<Record<K, string>> {
  return typeof epochSeconds === 'number' ? ({ [key]: new Date(epochSeconds * 1000).toISOString() } as Record<K, string>) : {};
}
