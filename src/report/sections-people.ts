import type { PeopleReport } from '../core/people/people-report.js';
import { escapeXml as x, markdownCell as cell } from './escape.js';

/** The report sections about people (roles, approvals), for report.md and report.html. */

export const SIMULATION_NOTE = 'SIMULATION — a sandbox rehearsal, not production evidence';

function approvalsText(people: PeopleReport): string | undefined {
  const { required, given } = people.approvals;
  if (required.length === 0 && given.length === 0) return undefined;
  return required
    .map((name) => {
      const a = given.find((g) => g.by === name);
      return a ? `${name} (${a.at})` : `${name} (not approved${people.simulation ? '; not needed in the sandbox' : ''})`;
    })
    .join(', ');
}

function rolesText(roles: NonNullable<PeopleReport['roles']>): string {
  return `owner ${roles.owner ?? 'not named'}, coordinator ${roles.coordinator ?? 'not named'}, reporter ${roles.reporter ?? 'not named'}${
    roles.observers.length ? `, observers ${roles.observers.join(', ')}` : ''
  }`;
}

/** Right under the title, so a rehearsal is never read as production evidence. */
export function simulationMarkdown(people: PeopleReport): string[] {
  return people.simulation ? [`> **${SIMULATION_NOTE}**`, ''] : [];
}

export function peopleHeaderMarkdown(people: PeopleReport): string[] {
  const approvals = approvalsText(people);
  return [...(people.roles ? [`- **Roles:** ${cell(rolesText(people.roles))}`] : []), ...(approvals ? [`- **Approvals:** ${cell(approvals)}`] : [])];
}

export function simulationHtml(people: PeopleReport): string[] {
  return people.simulation ? [`<p class="simulation"><b>${x(SIMULATION_NOTE)}</b></p>`] : [];
}

export function peopleHeaderHtml(people: PeopleReport): string[] {
  const approvals = approvalsText(people);
  return [...(people.roles ? [`<li>Roles: ${x(rolesText(people.roles))}</li>`] : []), ...(approvals ? [`<li>Approvals: ${x(approvals)}</li>`] : [])];
}
