import { readFileSync } from 'node:fs';
import { ASSIGNMENT_STATES, type AssignmentState } from '../workflows/assignment.messages';
import { FINAL, requireFrom } from '../workflows/assignment/onboarding';
import { inOnboarding } from '../workflows/assignment/declaration-renewal';
import { allows, TRANSITION_IDS, TRANSITIONS } from '../workflows/assignment/transitions';
import { BEGIN, END, LIFECYCLE_DOC, renderLifecycleTables, rewriteLifecycleDoc } from '../scripts/docs-lifecycle';

/**
 * docs/LIFECYCLE.md's table of states and transitions is the workflow's own table (workflows/assignment/transitions.ts,
 * which `moveTo` and the validators use). When this fails: run `npm run docs:lifecycle` and commit the doc.
 */
describe('docs/LIFECYCLE.md and the transition table', () => {
  const doc = readFileSync(LIFECYCLE_DOC, 'utf8');

  it('the doc shows exactly the table the workflow moves by (npm run docs:lifecycle rewrites it)', () => {
    expect(rewriteLifecycleDoc(doc)).toBe(doc);
  });

  it('a doc that differs from the code is caught: a changed row, a missing row, lost markers', () => {
    const tables = renderLifecycleTables();
    const changed = doc.replace('| `accept` | `nominated` | `accepted` |', '| `accept` | `nominated` | `details-given` |');
    expect(changed).not.toBe(doc);
    expect(rewriteLifecycleDoc(changed)).not.toBe(changed);
    const withoutRow = doc.replace(/\n\| `no-answer` \|[^\n]*/, '');
    expect(rewriteLifecycleDoc(withoutRow)).not.toBe(withoutRow);
    expect(rewriteLifecycleDoc(withoutRow)).toContain(tables);
    expect(() => rewriteLifecycleDoc(doc.replace(END, ''))).toThrow(/markers/);
    expect(doc.indexOf(BEGIN)).toBeGreaterThan(0);
  });

  it('every transition and every state is in the doc, each transition with its section of the routine', () => {
    for (const id of TRANSITION_IDS) {
      expect(TRANSITIONS[id].section).toMatch(/§\d/);
      expect(doc).toContain(`| \`${id}\` |`);
    }
    for (const s of ASSIGNMENT_STATES) expect(doc).toContain(`| \`${s}\` |`);
  });

  it('the table is whole: every state is reached, every state but the final ones can be left, final ones cannot', () => {
    const reached = new Set<AssignmentState>(TRANSITION_IDS.map((id) => TRANSITIONS[id].to));
    for (const s of ASSIGNMENT_STATES) expect(reached.has(s)).toBe(true);
    for (const s of ASSIGNMENT_STATES) {
      const leaving = TRANSITION_IDS.filter((id) => allows(id, s));
      if (FINAL.includes(s)) expect(leaving).toEqual([]);
      else expect(leaving.length).toBeGreaterThan(0);
    }
    expect(TRANSITION_IDS.filter((id) => TRANSITIONS[id].from.length === 0)).toEqual(['offered']);
  });

  it('the validators refuse a step outside its from-states, with the Swedish reason (they read the table)', () => {
    for (const s of ASSIGNMENT_STATES) {
      const attempt = () => requireFrom({ state: s }, 'agreement-signed', 'underteckna överenskommelsen');
      if (s === 'agreement-drafted') expect(attempt).not.toThrow();
      else expect(attempt).toThrow(/Det går inte att underteckna överenskommelsen nu: uppdraget är/);
      expect(inOnboarding({ state: s })).toBe(s === 'countersigned' || s === 'declaration-needs-changes');
    }
  });
});
