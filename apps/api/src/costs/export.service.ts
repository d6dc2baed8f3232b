import type { Writable } from 'node:stream';
import {
  type CostLine,
  type CostProjection,
  type Criterion,
  type OrgSettings,
  SPEND_STAGES,
} from '@gapline/domain';
import { Injectable } from '@nestjs/common';
import type { OrgId, TenantScope } from '../db/tenant.js';
import { TenantDb } from '../db/tenant.js';
import { SettingsRepository } from '../projects/settings.repository.js';
import { CostsRepository, type ExportFilter, type ExportRow } from './costs.repository.js';
import { applyingOf, projectionOf } from './costs.service.js';
import { STYLE, type Style, write, XlsxWriter } from './xlsx-writer.js';

/** Projects per statement: big enough that round trips vanish, small enough to keep memory flat. */
const PAGE = 2000;
const MAX_MONTHS = 120;

/** Integer minor units as a decimal string of major units: exact, no floating point. */
export function major(minor: number | null): string {
  if (minor === null) return '';
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A spreadsheet would run a cell that starts like a formula: neutralise it (OWASP CSV injection). */
export function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while ((y < ly || (y === ly && m <= lm)) && out.length < MAX_MONTHS) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

interface Row {
  project: ExportRow;
  projection: CostProjection;
  monthly: Record<string, number>;
}

type Kind = 'text' | 'money' | 'ratio';
interface Column {
  header: string;
  kind: Kind;
  value: (r: Row, currency: string) => string | number | null;
}

/** The project sheet, in order. Money is minor units here; each format writes it its own way. */
const COLUMNS: Column[] = [
  { header: 'Project ID', kind: 'text', value: (r) => r.project.id },
  { header: 'Name', kind: 'text', value: (r) => r.project.name },
  { header: 'Stage', kind: 'text', value: (r) => r.project.stage },
  { header: 'Owner', kind: 'text', value: (r) => r.project.ownerName },
  { header: 'Business unit', kind: 'text', value: (r) => r.project.businessUnit },
  { header: 'Currency', kind: 'text', value: (_, currency) => currency },
  { header: 'POC budget', kind: 'money', value: (r) => r.project.pocBudget },
  { header: 'Production budget', kind: 'money', value: (r) => r.project.productionBudget },
  ...SPEND_STAGES.map(
    (s): Column => ({ header: `Spend ${s}`, kind: 'money', value: (r) => r.projection.spendByStage[s] ?? 0 }),
  ),
  { header: 'Spend total', kind: 'money', value: (r) => r.projection.spendToDate },
  { header: 'POC cost', kind: 'money', value: (r) => r.projection.pocCost },
  { header: 'Benchmark low (10x)', kind: 'money', value: (r) => r.projection.benchmark.low },
  { header: 'Benchmark high (20x)', kind: 'money', value: (r) => r.projection.benchmark.high },
  { header: 'First-year production low', kind: 'money', value: (r) => r.projection.headline.low },
  { header: 'First-year production high', kind: 'money', value: (r) => r.projection.headline.high },
  { header: 'Ongoing ops low (a year)', kind: 'money', value: (r) => r.projection.ongoing.low },
  { header: 'Ongoing ops high (a year)', kind: 'money', value: (r) => r.projection.ongoing.high },
  {
    header: 'Cost multiple',
    kind: 'ratio',
    value: (r) =>
      r.projection.costMultiple === null ? null : Math.round(r.projection.costMultiple * 100) / 100,
  },
  { header: 'Expected annual value', kind: 'money', value: (r) => r.project.expectedAnnualValue },
];

const NEEDS_QUOTES = /[",\r\n]/;

/** A CSV field (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvCell(kind: Kind, v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'string') return csvField(safeText(v));
  return kind === 'money' ? major(v) : String(v);
}

function xlsxCell(kind: Kind, v: string | number | null): string | number | null {
  if (typeof v === 'string') return safeText(v);
  return v !== null && kind === 'money' ? v / 100 : v;
}

/**
 * The applying criteria of many projects: the same few combinations of inputs recur across a
 * portfolio, and evaluating them (with their explanations) is most of a projection's cost.
 */
function applyingMemo(settings: OrgSettings): (p: ExportRow) => readonly Criterion[] {
  const memo = new Map<string, readonly Criterion[]>();
  return (p) => {
    const key = `${p.riskClass}|${p.revenueAtRisk}|${p.regulatedDecisions}|${p.personalData}|${p.uptimeSlaBp}|${p.retentionYears}|${p.silentDegradation}|${p.dependentTeams}`;
    let applying = memo.get(key);
    if (!applying) {
      if (memo.size >= 10_000) memo.clear();
      applying = applyingOf(p, settings);
      memo.set(key, applying);
    }
    return applying;
  };
}

/** A row's cost projection, from the facts its export statement brought along. */
function projection(
  p: ExportRow,
  settings: OrgSettings & { costScalePercent: number },
  now: Date,
  applying: readonly Criterion[],
) {
  const estimates: Partial<Record<CostLine, { low: number; high: number }>> = {};
  for (const [line, [low, high]] of Object.entries(p.estimates ?? {})) {
    estimates[line as CostLine] = { low, high };
  }
  return projectionOf(
    p,
    {
      stage: p.stage,
      stageStartedAt: p.stageStartedAt,
      pocBudget: p.pocBudget,
      productionBudget: p.productionBudget,
      estimates,
      spendByStage: p.spend ?? {},
      spendLast90Days: p.recent,
    },
    settings,
    now,
    applying,
  );
}

/**
 * The finance export: one row per project with budgets, spend, projections and monthly actuals.
 * Projects are read a page at a time and written as they come, so memory stays flat.
 */
@Injectable()
export class ExportService {
  constructor(
    private readonly db: TenantDb,
    private readonly repo: CostsRepository,
    private readonly settings: SettingsRepository,
  ) {}

  private async months(scope: TenantScope, filter: ExportFilter): Promise<string[]> {
    const range = await this.repo.monthRange(scope, filter);
    const first = filter.from ? filter.from.toISOString().slice(0, 7) : range.first;
    const last = filter.to ? filter.to.toISOString().slice(0, 7) : range.last;
    return first && last ? monthsBetween(first, last) : [];
  }

  /**
   * Calls `write` for each page of rows, in project id order: one statement a page. The next
   * page is already on its way while this one is computed and written.
   */
  private async pages(
    scope: TenantScope,
    filter: ExportFilter,
    write: (rows: Row[]) => Promise<void>,
  ): Promise<void> {
    const settings = await this.settings.getWithScale(scope);
    const now = new Date();
    const applying = applyingMemo(settings);
    let next: Promise<ExportRow[]> | null = this.repo.exportRows(scope, filter, null, PAGE, now);
    while (next) {
      const page: ExportRow[] = await next;
      const last = page.length === PAGE ? page[page.length - 1] : undefined;
      next = last ? this.repo.exportRows(scope, filter, last.id, PAGE, now) : null;
      try {
        await write(
          page.map((project) => ({
            project,
            projection: projection(project, settings, now, applying(project)),
            monthly: project.monthly ?? {},
          })),
        );
      } catch (err) {
        await next?.catch(() => {}); // settle the query in flight before the transaction ends
        throw err;
      }
    }
  }

  csv(orgId: OrgId, filter: ExportFilter, out: Writable): Promise<void> {
    return this.db.run(
      orgId,
      async (scope) => {
        const { currency } = await this.settings.get(scope);
        const months = await this.months(scope, filter);
        const header = [...COLUMNS.map((c) => c.header), ...months.map((m) => `Actuals ${m}`)];
        await write(out, `${header.map(csvField).join(',')}\n`);
        await this.pages(scope, filter, async (rows) => {
          // A page becomes one string and one write: no per-row stream machinery.
          let chunk = '';
          for (const r of rows) {
            let line = '';
            for (const c of COLUMNS) line += `${csvCell(c.kind, c.value(r, currency))},`;
            for (const m of months) line += `${major(r.monthly[m] ?? 0)},`;
            chunk += `${line.slice(0, -1)}\n`;
          }
          await write(out, chunk);
        });
        await new Promise<void>((resolve, reject) => {
          out.once('finish', resolve).once('error', reject);
          out.end();
        });
      },
      { timeoutMs: 30 * 60_000 },
    );
  }

  xlsx(orgId: OrgId, filter: ExportFilter, out: Writable): Promise<void> {
    return this.db.run(
      orgId,
      async (scope) => {
        const { currency } = await this.settings.get(scope);
        const months = await this.months(scope, filter);
        const book = new XlsxWriter(out, `#,##0.00 "${currency}"`);
        const styles: Style[] = COLUMNS.map((c) => (c.kind === 'money' ? STYLE.money : STYLE.plain));
        const monthlyStyles: Style[] = [STYLE.plain, STYLE.plain, ...months.map(() => STYLE.money)];
        await book.start([
          {
            name: 'Projects',
            columns: COLUMNS.map((c) => ({ header: c.header, width: c.header === 'Name' ? 36 : 18 })),
            frozen: { rows: 1, columns: 0 },
          },
          {
            name: 'Monthly actuals',
            columns: [
              { header: 'Project ID', width: 38 },
              { header: 'Name', width: 36 },
              ...months.map((m) => ({ header: m, width: 14 })),
            ],
            frozen: { rows: 1, columns: 2 },
          },
        ]);
        await this.pages(scope, filter, async (rows) => {
          for (const r of rows) {
            await book.row(
              0,
              COLUMNS.map((c) => xlsxCell(c.kind, c.value(r, currency))),
              styles,
            );
            await book.row(
              1,
              [r.project.id, safeText(r.project.name), ...months.map((m) => (r.monthly[m] ?? 0) / 100)],
              monthlyStyles,
            );
          }
        });
        await book.end();
        await new Promise<void>((resolve, reject) => {
          out.once('finish', resolve).once('error', reject);
          out.end();
        });
      },
      { timeoutMs: 30 * 60_000 },
    );
  }
}
