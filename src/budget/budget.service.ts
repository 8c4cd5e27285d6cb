import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log.repository';
import type { AuthUser } from '../auth/auth-user';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { stockholmDate } from '../common/stockholm-time';
import { FeeInputError, TableRef } from '../fees';
import { payerOfGroup } from '../paying-bodies/payer-of-group';
import { findPayer, rateTablesFor } from '../payouts/payers';
import { BUDGET_LIMITS, BudgetCost, BudgetPlanFigures, calculatePlan, planProblems } from './budget-plan';
import { BudgetRepository } from './budget.repository';
import type { SaveBudgetPlanDto } from './dto/budget.dto';

export interface BudgetPlanView extends BudgetPlanFigures {
  note: string | null;
  version: number;
  updatedAt: Date;
  updatedByName: string | null;
}

export interface BudgetPaidView {
  payerCode: string;
  payerName: string;
  feesOre: number;
  travelOre: number;
  contributionsOre: number;
  /** Fees + travel + the contributions on them: what the payer paid. */
  costOre: number;
  people: number;
  lines: number;
  runs: number;
}

export interface BudgetComparisonView {
  payerCode: string;
  payerName: string;
  plannedOre: number;
  paidOre: number;
  /** Planned − paid: what is left of the budget (negative: more was paid than planned). */
  differenceOre: number;
}

export interface BudgetVersionView {
  version: number;
  savedAt: Date;
  savedByName: string | null;
}

export interface BudgetCostView extends BudgetCost {
  payerName: string;
  /** How the cost was computed, in Swedish (the table, the contribution rule, the trips). */
  basis: string;
}

/** A group's budget for one year: the plan (if any), what it costs the payer, and what was paid against it. */
export interface BudgetView {
  groupId: string;
  groupName: string;
  year: number;
  payer: { code: string; name: string } | null;
  /** Why the payer cannot be told (the group lacks its host region or parent). */
  payerProblem: string | null;
  editable: boolean;
  /** Why the plan can no longer be changed. */
  notEditableReason: string | null;
  plan: BudgetPlanView | null;
  cost: BudgetCostView | null;
  /** Why there is no cost (no plan yet, no rate table in force for the payer that year). */
  costProblem: string | null;
  paid: BudgetPaidView[];
  comparison: BudgetComparisonView[];
  versions: BudgetVersionView[];
}

/** One group in a payer's budget overview. */
export interface PayerBudgetGroupView {
  groupId: string;
  groupName: string;
  /** The plan's cost to this payer; null without a plan or without a cost (`costProblem` says why). */
  plannedOre: number | null;
  paidOre: number;
  differenceOre: number | null;
  costProblem: string | null;
}

/** Every group a payer pays with a budget or payouts in the year: the cost per payer, and what was paid. */
export interface PayerBudgetView {
  payerCode: string;
  payerName: string;
  year: number;
  groups: PayerBudgetGroupView[];
  plannedOre: number;
  paidOre: number;
  differenceOre: number;
}

const NOT_FOUND = 'Gruppen finns inte.';

/**
 * The year's budget of a working group (issue 19 #4). A coordinator plans the group's year before it starts and sees
 * what it will cost the payer — computed by the payout's own calculation with the rate table of that year
 * (`calculatePlan`) — and, as the year goes on, what approved payout runs paid for the group's activities of that
 * year. One plan per group and year, editable until the year ends; every save is a new version (kept) and an audit line.
 */
@Injectable()
export class BudgetService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(BudgetRepository) private readonly repo: BudgetRepository,
  ) {}

  async view(groupId: string, year: number): Promise<BudgetView> {
    const groupName = await this.repo.groupName(groupId);
    if (groupName === null) throw new NotFoundError(NOT_FOUND);
    const thisYear = currentYear();
    const payerOf = await payerOfGroup(this.ds, groupId);
    const payer = 'problem' in payerOf ? null : await findPayer(this.ds.manager, payerOf.payerCode);
    const plan = await this.repo.planOf(groupId, year);

    let cost: BudgetCostView | null = null;
    let costProblem: string | null = null;
    if (!plan) costProblem = `Ingen budget är sparad för ${year}.`;
    else if (!payer) costProblem = 'problem' in payerOf ? payerOf.problem : 'Gruppens betalare finns inte.';
    else {
      try {
        const c = calculatePlan({ plan, year, payerCode: payer.code, tables: await rateTablesFor(this.ds.manager, payer.code) });
        cost = { ...c, payerName: payer.name, basis: basisText(c.tables, year) };
      } catch (e) {
        if (!(e instanceof FeeInputError)) throw e;
        costProblem = `${e.message} En administratör lägger in årets taxetabell; tills dess kan kostnaden inte räknas.`;
      }
    }

    const paid: BudgetPaidView[] = [];
    for (const p of await this.repo.paidByPayer(groupId, year)) {
      const name = (await findPayer(this.ds.manager, p.payerCode))?.name ?? p.payerCode;
      paid.push({ ...p, payerName: name, costOre: p.feesOre + p.travelOre + p.contributionsOre });
    }
    const comparison: BudgetComparisonView[] = [];
    if (cost) comparison.push(compare(cost.payerCode, cost.payerName, cost.costOre, paid.find((p) => p.payerCode === cost.payerCode)?.costOre ?? 0));
    for (const p of paid) if (!comparison.some((c) => c.payerCode === p.payerCode)) comparison.push(compare(p.payerCode, p.payerName, 0, p.costOre));

    const ended = year < thisYear;
    return {
      groupId,
      groupName,
      year,
      payer: payer ? { code: payer.code, name: payer.name } : null,
      payerProblem: 'problem' in payerOf ? payerOf.problem : null,
      editable: !ended && year <= thisYear + BUDGET_LIMITS.yearsAhead,
      notEditableReason: ended
        ? `Året ${year} har slutat: budgeten kan inte längre ändras.`
        : year > thisYear + BUDGET_LIMITS.yearsAhead
          ? `En budget kan planeras högst ${BUDGET_LIMITS.yearsAhead} år framåt.`
          : null,
      plan: plan
        ? {
            representatives: plan.representatives,
            fullDays: plan.fullDays,
            halfDays: plan.halfDays,
            shortSessions: plan.shortSessions,
            extraPreparationDays: plan.extraPreparationDays,
            travel: plan.travel,
            note: plan.note,
            version: plan.version,
            updatedAt: plan.updatedAt,
            updatedByName: plan.updatedByName,
          }
        : null,
      cost,
      costProblem,
      paid,
      comparison,
      versions: plan ? (await this.repo.versionsOf(plan.id)).map((v) => ({ version: v.version, savedAt: v.savedAt, savedByName: v.savedByName })) : [],
    };
  }

  /**
   * A payer's budgets of the year (finance): every group the payer pays that has a budget for the year or payouts for
   * its activities of that year, each with the plan's cost, what was paid and the difference, and the sums.
   */
  async ofPayer(payerCode: string, year: number): Promise<PayerBudgetView> {
    const payer = await findPayer(this.ds.manager, payerCode);
    if (!payer) throw new NotFoundError('Betalaren finns inte.');
    const groups: PayerBudgetGroupView[] = [];
    for (const g of await this.repo.groupsWithBudgetOrPaid(payer.code, year)) {
      const v = await this.view(g.id, year);
      const paidOre = v.comparison.find((c) => c.payerCode === payer.code)?.paidOre ?? 0;
      const ours = v.payer?.code === payer.code;
      if (!ours && paidOre === 0) continue; // another payer's group: not in this payer's budget
      const plannedOre = ours && v.cost ? v.cost.costOre : null;
      groups.push({
        groupId: g.id,
        groupName: g.name,
        plannedOre,
        paidOre,
        differenceOre: plannedOre === null ? null : plannedOre - paidOre,
        costProblem: ours ? v.costProblem : `Gruppen betalas nu av ${v.payer?.name ?? 'en annan betalare'}; här visas bara det ${payer.name} har betalat.`,
      });
    }
    const plannedOre = groups.reduce((s, g) => s + (g.plannedOre ?? 0), 0);
    const paidOre = groups.reduce((s, g) => s + g.paidOre, 0);
    return { payerCode: payer.code, payerName: payer.name, year, groups, plannedOre, paidOre, differenceOre: plannedOre - paidOre };
  }

  /** Creates the group's plan for the year, or saves a new version of it. */
  async save(groupId: string, year: number, dto: SaveBudgetPlanDto, user: AuthUser): Promise<BudgetView> {
    if ((await this.repo.groupName(groupId)) === null) throw new NotFoundError(NOT_FOUND);
    const thisYear = currentYear();
    if (year < thisYear) throw new ConflictError(`Året ${year} har slutat: budgeten kan inte längre ändras.`, { year: ['Välj innevarande eller ett kommande år.'] });
    if (year > thisYear + BUDGET_LIMITS.yearsAhead) {
      throw new InvalidInputError(`En budget kan planeras högst ${BUDGET_LIMITS.yearsAhead} år framåt.`, { year: [`Välj ett år från ${thisYear} till ${thisYear + BUDGET_LIMITS.yearsAhead}.`] });
    }
    const figures: BudgetPlanFigures = {
      representatives: dto.representatives,
      fullDays: dto.fullDays,
      halfDays: dto.halfDays,
      shortSessions: dto.shortSessions,
      extraPreparationDays: dto.extraPreparationDays,
      travel: (dto.travel ?? []).map((t) => ({ representatives: t.representatives, tripsPerRepresentative: t.tripsPerRepresentative, costPerTripOre: t.costPerTripOre })),
    };
    const problems = planProblems(figures);
    if (Object.keys(problems).length) throw new InvalidInputError('Budgeten går inte ihop. Rätta fälten och försök igen.', problems);
    const note = dto.note?.trim() ? dto.note.trim() : null;

    await this.repo.transaction(async (em) => {
      await this.repo.lockPlan(em, groupId, year);
      const current = await this.repo.planOf(groupId, year, em, true);
      if (dto.version !== undefined && dto.version !== (current?.version ?? 0)) {
        throw new ConflictError(
          current
            ? `Budgeten har ändrats sedan du läste den (nu version ${current.version}). Läs in den igen och gör din ändring på nytt.`
            : 'Budgeten finns inte ännu: spara den utan version, eller med version 0.',
          { version: [`Nuvarande version är ${current?.version ?? 0}.`] },
        );
      }
      if (current && sameFigures(current, figures) && current.note === note) return; // nothing changed: no new version
      const version = (current?.version ?? 0) + 1;
      const planId = current?.id ?? randomUUID();
      if (current) await this.repo.updatePlan(em, { id: planId, version, figures, note, actor: user.id });
      else await this.repo.insertPlan(em, { id: planId, groupId, year, figures, note, actor: user.id });
      await this.repo.insertVersion(em, { planId, version, figures, note, actor: user.id });
      await appendAudit(em, {
        actor: user.id,
        action: 'budget-plan.saved',
        subjectType: 'working_group',
        subjectId: groupId,
        details: { year, version, ...figures, note: note !== null },
      });
    });
    return this.view(groupId, year);
  }
}

const currentYear = () => Number(stockholmDate(Date.now()).slice(0, 4));

const compare = (payerCode: string, payerName: string, plannedOre: number, paidOre: number): BudgetComparisonView => ({
  payerCode,
  payerName,
  plannedOre,
  paidOre,
  differenceOre: plannedOre - paidOre,
});

function sameFigures(a: BudgetPlanFigures, b: BudgetPlanFigures): boolean {
  const keys = ['representatives', 'fullDays', 'halfDays', 'shortSessions', 'extraPreparationDays'] as const;
  return keys.every((k) => a[k] === b[k]) && JSON.stringify(a.travel) === JSON.stringify(b.travel);
}

function basisText(tables: readonly TableRef[], year: number): string {
  const names = tables.map((t) => `${t.code} (version ${t.version})`).join(', ');
  return (
    `Beräknat som en utbetalning: taxetabell ${names}, som gäller 1 januari ${year}. Varje företrädare deltar i alla möten; ` +
    'arbetsgivaravgift med full sats (och ingen under årets gräns på 1 000 kr per person); resor som biljetter med kvitto, utan arbetsgivaravgift.'
  );
}
