import { Flags } from '@oclif/core';

/**
 * `--endpoint-url`: one flag for every command that calls AWS (run, halt, abort, watch, plan --resolve,
 * the schedule commands' live check). Every AWS call goes to it (a standalone `gameday sandbox`, a
 * proxy); without it AWS_ENDPOINT_URL[_<SERVICE>] still apply. A command says what it uses it for.
 */
export function endpointUrlFlag(description = 'send every AWS call to this endpoint (e.g. a standalone `gameday sandbox`); also AWS_ENDPOINT_URL[_<SERVICE>]', relations: { dependsOn?: string[]; exclusive?: string[] } = {}) {
  return Flags.string({ description, helpValue: '<url>', ...relations });
}
