import type { AwsConnectionOptions } from './client-factory.js';
import { CloudWatchMetrics } from './cloudwatch-metrics.js';
import { Ec2Compute } from './ec2-compute.js';
import { FisExperiments } from './fis-experiments.js';
import type { AwsPorts } from './ports.js';
import { ResilienceHub } from './resiliencehub-resilience.js';
import { StsIdentity } from './sts-identity.js';

/** Every port on the SDK clients; nothing is loaded or connected until a port is first used. */
export function connectAws(options: AwsConnectionOptions): AwsPorts {
  return {
    experiments: new FisExperiments(options),
    compute: new Ec2Compute(options),
    metrics: new CloudWatchMetrics(options),
    resilience: new ResilienceHub(options),
    identity: new StsIdentity(options),
  };
}
