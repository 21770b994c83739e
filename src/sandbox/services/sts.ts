import type { ServiceBackend } from '../contracts.js';

/** The sandbox's caller: a role session in the world's account, so account guards have something to check. */
export const SANDBOX_ROLE = 'gameday-sandbox';
const SESSION = 'gameday';

export function createStsBackend(options: { account: string }): ServiceBackend {
  const { account } = options;
  return {
    service: 'sts',
    operations: {
      GetCallerIdentity: () => ({
        // The role id of a session: AROA + 17 characters, then :session-name (as STS reports assumed roles).
        UserId: `AROA${account.padStart(17, '7').slice(-17)}:${SESSION}`,
        Account: account,
        Arn: `arn:aws:sts::${account}:assumed-role/${SANDBOX_ROLE}/${SESSION}`,
      }),
    },
  };
}
