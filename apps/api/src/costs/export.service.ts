import type { Writable } from 'node:stream';
import { type CostProjection, SPEND_STAGES } from '@gapline/domain';
import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { OrgId, TenantScope } from '../db/tenant.js';
import { TenantDb } from '../db/tenant.js';
import { SettingsRepository } from '../projects/settings.repository.js';
import { CostsRepository, type ExportFilter, type ExportProject } from './costs.repository.js';
import { CostsService } from './costs.service.js';

const PAGE = 250;
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
  project: ExportProject;
  projection: CostProjection;
  monthly: Map<string, number>;
}

type Kind = 'text' | 'money' | 'ratio';
interface Column {
  header: string;
  kind: Kind;
  value: (r: Row, currency: string) => string | number | null;
}

const minor = (v: bigint | null) => (v === null ? null : Number(v));

/** The project sheet, in order. Money is minor units here; each format writes it its own way. */
const COLUMNS: Column[] = [
  { header: 'Project ID', kind: 'text', value: (r) => r.project.id },
  { header: 'Name', kind: 'text', value: (r) => r.project.name },
  { header: 'Stage', kind: 'text', value: (r) => r.project.stage },
  { header: 'Owner', kind: 'text', value: (r) => r.project.owner.name },
  { header: 'Business unit', kind: 'text', value: (r) => r.project.businessUnit },
  { header: 'Currency', kind: 'text', value: (_, currency) => currency },
  { header: 'POC budget', kind: 'money', value: (r) => minor(r.project.pocBudget) },
  { header: 'Production budget', kind: 'money', value: (r) => minor(r.project.productionBudget) },
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
  { header: 'Expected annual value', kind: 'money', value: (r) => minor(r.project.expectedAnnualValue) },
];

function csvCell(kind: Kind, v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'string') return safeText(v);
  return kind === 'money' ? major(v) : String(v);
}

function xlsxCell(kind: Kind, v: string | number | null): string | number | null {
  if (typeof v === 'string') return safeText(v);
  return v !== null && kind === 'money' ? v / 100 : v;
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
    private readonly costs: CostsService,
    private readonly settings: SettingsRepository,
  ) {}

  private async months(scope: TenantScope, filter: ExportFilter): Promise<string[]> {
    const range = await this.repo.monthRange(scope, filter);
    const first = filter.from ? filter.from.toISOString().slice(0, 7) : range.first;
    const last = filter.to ? filter.to.toISOString().slice(0, 7) : range.last;
    return first && last ? monthsBetween(first, last) : [];
  }

  /** Calls `write` for each page of rows, in project id order. */
  private async pages(
    scope: TenantScope,
    filter: ExportFilter,
    write: (rows: Row[]) => Promise<void>,
  ): Promise<void> {
    const settings = await this.settings.getWithScale(scope);
    let after: string | null = null;
    for (;;) {
      const projects = await this.repo.exportPage(scope, filter, after, PAGE);
      if (!projects.length) return;
      const ids = projects.map((p) => p.id);
      const [projections, monthly] = await Promise.all([
        this.costs.projections(scope, projects, settings),
        this.repo.monthly(scope, ids, filter),
      ]);
      await write(
        projects.map((project) => ({
          project,
          projection: projections.get(project.id) as CostProjection,
          monthly: monthly.get(project.id) ?? new Map(),
        })),
      );
      if (projects.length < PAGE) return;
      after = projects[projects.length - 1]?.id ?? null;
    }
  }

  csv(orgId: OrgId, filter: ExportFilter, out: Writable): Promise<void> {
    return this.db.run(
      orgId,
      async (scope) => {
        const { currency } = await this.settings.get(scope);
        const months = await this.months(scope, filter);
        const csv = stringify({
          header: true,
          columns: [...COLUMNS.map((c) => c.header), ...months.map((m) => `Actuals ${m}`)],
        });
        csv.pipe(out);
        await this.pages(scope, filter, async (rows) => {
          for (const r of rows) {
            const cells = [
              ...COLUMNS.map((c) => csvCell(c.kind, c.value(r, currency))),
              ...months.map((m) => major(r.monthly.get(m) ?? 0)),
            ];
            if (!csv.write(cells)) await new Promise((resolve) => csv.once('drain', resolve));
          }
        });
        await new Promise<void>((resolve, reject) => {
          out.once('finish', resolve).once('error', reject);
          csv.end();
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
        const book = new ExcelJS.stream.xlsx.WorkbookWriter({
          stream: out,
          useStyles: true,
          useSharedStrings: false,
        });
        const money = `#,##0.00 "${currency}"`;
        const projectsSheet = book.addWorksheet('Projects', { views: [{ state: 'frozen', ySplit: 1 }] });
        projectsSheet.columns = COLUMNS.map((c, i) => ({
          header: c.header,
          key: String(i),
          width: c.header === 'Name' ? 36 : 18,
          style: c.kind === 'money' ? { numFmt: money } : {},
        }));
        projectsSheet.getRow(1).font = { bold: true };
        const monthlySheet = book.addWorksheet('Monthly actuals', {
          views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }],
        });
        monthlySheet.columns = [
          { header: 'Project ID', key: 'id', width: 38 },
          { header: 'Name', key: 'name', width: 36 },
          ...months.map((m) => ({ header: m, key: m, width: 14, style: { numFmt: money } })),
        ];
        monthlySheet.getRow(1).font = { bold: true };
        await this.pages(scope, filter, async (rows) => {
          for (const r of rows) {
            projectsSheet.addRow(COLUMNS.map((c) => xlsxCell(c.kind, c.value(r, currency)))).commit();
            monthlySheet
              .addRow([
                r.project.id,
                safeText(r.project.name),
                ...months.map((m) => (r.monthly.get(m) ?? 0) / 100),
              ])
              .commit();
          }
        });
        projectsSheet.commit();
        monthlySheet.commit();
        await book.commit();
      },
      { timeoutMs: 30 * 60_000 },
    );
  }
}
