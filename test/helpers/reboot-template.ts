import { CreateExperimentTemplateCommand, type FisClient } from '@aws-sdk/client-fis';

/** Through the real FIS client: a template that reboots one instance of the multi-AZ world, no stop condition; its id. */
export async function createRebootTemplate(fis: FisClient): Promise<string> {
  const template = await fis.send(
    new CreateExperimentTemplateCommand({
      description: 'reboot one instance',
      roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
      stopConditions: [{ source: 'none' }],
      targets: { web: { resourceType: 'aws:ec2:instance', resourceTags: { AzImpairmentPower: 'StopInstances' }, selectionMode: 'COUNT(1)' } },
      actions: { reboot: { actionId: 'aws:ec2:reboot-instances', targets: { Instances: 'web' } } },
    }),
  );
  return template.experimentTemplate!.id!;
}
