/**
 * The header every response of the gameday sandbox carries, its value the simulated world's name. AWS never
 * sends it, so a run that sees it on the account guard's answer is a rehearsal, whatever its endpoint or
 * scenario say; a proxy could only add it, which labels a run SIMULATION and never the other way round.
 */
export const SANDBOX_HEADER = 'x-gameday-sandbox';
