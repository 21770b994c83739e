import { ArcZonalShiftResources } from './arc-zonal-shift-resources.js';
import type { AwsConnectionOptions } from './client-factory.js';
import { CloudWatchMetrics } from './cloudwatch-metrics.js';
import { Ec2Compute } from './ec2-compute.js';
import { EcsContainerServices } from './ecs-container-services.js';
import { ElastiCacheCaches } from './elasticache-caches.js';
import { FisExperiments } from './fis-experiments.js';
import { IamRoles } from './iam-roles.js';
import type { AwsPorts } from './ports.js';
import { RdsDatabases } from './rds-databases.js';
import { ResilienceHub } from './resiliencehub-resilience.js';
import { StsIdentity } from './sts-identity.js';

/** Every port on the SDK clients; nothing is loaded or connected until a port is first used. */
export function connectAws(options: AwsConnectionOptions): AwsPorts {
  return {
    experiments: new FisExperiments(options),
    compute: new Ec2Compute(options),
    databases: new RdsDatabases(options),
    caches: new ElastiCacheCaches(options),
    containers: new EcsContainerServices(options),
    metrics: new CloudWatchMetrics(options),
    resilience: new ResilienceHub(options),
    identity: new StsIdentity(options),
    roles: new IamRoles(options),
    zonalShift: new ArcZonalShiftResources(options),
  };
}
