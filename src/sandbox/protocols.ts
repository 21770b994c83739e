import type { SandboxService } from './contracts.js';
import { awsJsonProtocol } from './protocol/aws-json.js';
import { awsQueryProtocol } from './protocol/aws-query.js';
import { ec2QueryProtocol } from './protocol/ec2-query.js';
import { restJsonProtocol } from './protocol/rest-json.js';
import { ARC_ZONAL_SHIFT_ROUTES } from './protocol/routes/arc-zonal-shift.js';
import { FIS_ROUTES } from './protocol/routes/fis.js';
import { FIS_POST_SDK_ROUTES } from './protocol/routes/fis-post-sdk.js';
import { RESILIENCEHUB_ROUTES } from './protocol/routes/resiliencehub.js';
import { type WireProtocol, type WireRequest, header } from './protocol/wire.js';
import { modelListItems } from './protocol/xml.js';

/** The item element of each list RDS and ElastiCache return (their models name them; the SDK reads only these). */
const RDS_LIST_ITEMS = { DBClusters: 'DBCluster', DBInstances: 'DBInstance', DBClusterMembers: 'DBClusterMember', AvailabilityZones: 'AvailabilityZone', TagList: 'Tag' };
const ELASTICACHE_LIST_ITEMS = { ReplicationGroups: 'ReplicationGroup', NodeGroups: 'NodeGroup', NodeGroupMembers: 'NodeGroupMember', MemberClusters: 'ClusterId' };

const cloudwatchQuery = awsQueryProtocol({ xmlns: 'http://monitoring.amazonaws.com/doc/2010-08-01/' });
const cloudwatchJson = awsJsonProtocol({ target: 'GraniteServiceVersion20100801', version: '1.0', queryCompatible: true });
const fisRest = restJsonProtocol([...FIS_ROUTES, ...FIS_POST_SDK_ROUTES]);
const resiliencehubRest = restJsonProtocol(RESILIENCEHUB_ROUTES);
const arcZonalShiftRest = restJsonProtocol(ARC_ZONAL_SHIFT_ROUTES);
const ec2Query = ec2QueryProtocol();
const stsQuery = awsQueryProtocol({ xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/' });
const rdsQuery = awsQueryProtocol({ xmlns: 'http://rds.amazonaws.com/doc/2014-10-31/', listItems: modelListItems(RDS_LIST_ITEMS) });
const elasticacheQuery = awsQueryProtocol({ xmlns: 'http://elasticache.amazonaws.com/doc/2015-02-02/', listItems: modelListItems(ELASTICACHE_LIST_ITEMS) });
const iamQuery = awsQueryProtocol({ xmlns: 'https://iam.amazonaws.com/doc/2010-05-08/' });
const ecsJson = awsJsonProtocol({ target: 'AmazonEC2ContainerServiceV20141113', version: '1.1' });

/** Which wire protocol each service speaks, per request: CloudWatch speaks awsQuery and (newer SDKs) awsJson1_0. */
export function protocolFor(service: SandboxService, request: WireRequest): WireProtocol {
  switch (service) {
    case 'monitoring':
      return header(request, 'x-amz-target') === undefined ? cloudwatchQuery : cloudwatchJson;
    case 'sts':
      return stsQuery;
    case 'fis':
      return fisRest;
    case 'resiliencehub':
      return resiliencehubRest;
    case 'ec2':
      return ec2Query;
    case 'rds':
      return rdsQuery;
    case 'elasticache':
      return elasticacheQuery;
    case 'ecs':
      return ecsJson;
    case 'iam':
      return iamQuery;
    case 'arc-zonal-shift':
      return arcZonalShiftRest;
  }
}
