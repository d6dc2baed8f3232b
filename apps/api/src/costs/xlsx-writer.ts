import type { Writable } from 'node:stream';
import { crc32, createDeflateRaw, type DeflateRaw, deflateRawSync } from 'node:zlib';

/** Resolves once `out` can take more, or rejects if it closed first (the client went away). */
export function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (err?: Error) => {
      out.off('drain', onDrain).off('close', onClose).off('error', settle);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new Error('the export stream closed before the end'));
    out.on('drain', onDrain).on('close', onClose).on('error', settle);
  });
}

/** Writes `chunk`, waiting for the stream to drain when its buffer is full (backpressure). */
export async function write(out: Writable, chunk: string | Buffer): Promise<void> {
  if (out.destroyed) throw new Error('the export stream closed before the end');
  if (!out.write(chunk)) await drained(out);
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
// biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters, so they are dropped
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XML_SPECIAL = /[&<>"]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function xmlText(s: string): string {
  return s.replace(INVALID_XML, '').replace(XML_SPECIAL, (c) => ENTITIES[c] as string);
}

/** Column letters of 1-based column numbers: 1 → A, 27 → AA. */
export function columnName(n: number): string {
  let out = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) out = String.fromCharCode(65 + ((i - 1) % 26)) + out;
  return out;
}

/** Cell styles of the workbook (indices into cellXfs of styles.xml). */
export const STYLE = { plain: 0, header: 1, money: 2 } as const;
export type Style = (typeof STYLE)[keyof typeof STYLE];
export type CellValue = string | number | null;

export interface SheetSpec {
  name: string;
  columns: { header: string; width: number; style?: Style }[];
  /** Frozen rows and columns at the top left. */
  frozen: { rows: number; columns: number };
}

interface Entry {
  name: Buffer;
  offset: number;
  crc: number;
  size: number;
  compressedSize: number;
}

const DEFLATE_LEVEL = 3;

/** One deflated ZIP entry being written: sizes and CRC known only at its end (data descriptor). */
class EntryWriter {
  crc = 0;
  size = 0;
  compressedSize = 0;
  private pending = '';
  private readonly deflate: DeflateRaw = createDeflateRaw({ level: DEFLATE_LEVEL });
  private readonly done: Promise<void>;

  constructor(onData: (chunk: Buffer) => void) {
    this.deflate.on('data', (chunk: Buffer) => {
      this.compressedSize += chunk.length;
      onData(chunk);
    });
    this.done = new Promise((resolve, reject) => this.deflate.once('end', resolve).once('error', reject));
  }

  get stream(): DeflateRaw {
    return this.deflate;
  }

  /** Text is gathered into chunks of about 64 KB before it is deflated. */
  async text(s: string): Promise<void> {
    this.pending += s;
    if (this.pending.length >= 65_536) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.pending) return;
    const buf = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    this.crc = crc32(buf, this.crc);
    this.size += buf.length;
    if (!this.deflate.write(buf)) await drained(this.deflate);
  }

  async end(): Promise<void> {
    await this.flush();
    this.deflate.end();
    await this.done;
  }
}

/**
 * A streaming XLSX (Office Open XML) writer for plain tables: inline strings, numbers, a bold
 * header, one money format and frozen panes. Rows go out as they come, deflated, in a ZIP with data
 * descriptors; the first sheet streams straight to the output and the others are held deflated in
 * memory until it ends (a ZIP entry cannot interleave with another).
 */
export class XlsxWriter {
  private offset = 0;
  private readonly entries: Entry[] = [];
  private readonly sheets: { spec: SheetSpec; entry: EntryWriter; held: Buffer[]; rows: number }[] = [];
  private readonly time = dosTime(new Date());

  constructor(
    private readonly out: Writable,
    private readonly moneyFormat: string,
  ) {}

  /** Declares the sheets and writes the workbook's fixed parts; call once, before any row. */
  async start(specs: SheetSpec[]): Promise<void> {
    const sheetNames = specs.map((_, i) => `/xl/worksheets/sheet${i + 1}.xml`);
    await this.small(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        sheetNames
          .map(
            (n) =>
              `<Override PartName="${n}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '</Types>',
    );
    await this.small(
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    );
    await this.small(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>` +
        specs
          .map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
          .join('') +
        '</sheets></workbook>',
    );
    await this.small(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        specs
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${specs.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    );
    await this.small('xl/styles.xml', stylesXml(this.moneyFormat));
    for (const [i, spec] of specs.entries()) {
      const held: Buffer[] = [];
      const entry = new EntryWriter((chunk) => {
        if (i > 0) held.push(chunk);
      });
      if (i === 0) {
        // The first sheet goes straight out, at the pace the client reads.
        const e = this.header('xl/worksheets/sheet1.xml');
        this.entries.push(e);
        await this.raw(this.localHeader(e));
        entry.stream.pipe(this.out, { end: false });
      }
      const sheet = { spec, entry, held, rows: 0 };
      this.sheets.push(sheet);
      await entry.text(sheetStart(spec));
      await this.row(
        i,
        spec.columns.map((c) => c.header),
        STYLE.header,
      );
    }
  }

  /** Appends a row to sheet `index`; `styles` gives each cell's style (or one for all). */
  async row(
    index: number,
    values: CellValue[],
    styles: Style | readonly Style[] = STYLE.plain,
  ): Promise<void> {
    const sheet = this.sheets[index];
    if (!sheet) throw new Error(`no sheet ${index}`);
    const r = ++sheet.rows;
    let xml = `<row r="${r}">`;
    for (let c = 0; c < values.length; c++) {
      const v = values[c];
      if (v === null || v === undefined || v === '') continue;
      const s = typeof styles === 'number' ? styles : (styles[c] ?? STYLE.plain);
      const ref = `${COLUMN_NAMES[c] ?? columnName(c + 1)}${r}`;
      const style = s ? ` s="${s}"` : '';
      xml +=
        typeof v === 'number'
          ? Number.isFinite(v)
            ? `<c r="${ref}"${style}><v>${v}</v></c>`
            : ''
          : `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${xmlText(v)}</t></is></c>`;
    }
    await sheet.entry.text(`${xml}</row>`);
  }

  /** Ends the sheets and the ZIP. */
  async end(): Promise<void> {
    for (const [i, sheet] of this.sheets.entries()) {
      await sheet.entry.text('</sheetData></worksheet>');
      await sheet.entry.end();
      if (i === 0) {
        sheet.entry.stream.unpipe(this.out);
        const e = this.entries[this.entries.length - 1] as Entry;
        this.offset += sheet.entry.compressedSize;
        await this.descriptor(e, sheet.entry);
      }
    }
    for (const [i, sheet] of this.sheets.entries()) {
      if (i === 0) continue;
      const e = this.header(`xl/worksheets/sheet${i + 1}.xml`);
      this.entries.push(e);
      await this.raw(this.localHeader(e));
      for (const chunk of sheet.held.splice(0)) await this.raw(chunk);
      await this.descriptor(e, sheet.entry);
    }
    const start = this.offset;
    for (const e of this.entries) await this.raw(this.centralHeader(e));
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.raw(end);
  }

  private async raw(buf: Buffer): Promise<void> {
    this.offset += buf.length;
    await write(this.out, buf);
  }

  /** A part small enough to deflate at once. */
  private async small(name: string, content: string): Promise<void> {
    const data = Buffer.from(content, 'utf8');
    const deflated = deflateRawSync(data, { level: DEFLATE_LEVEL });
    const e = this.header(name);
    this.entries.push(e);
    await this.raw(this.localHeader(e));
    await this.raw(deflated);
    await this.descriptor(e, { crc: crc32(data), size: data.length, compressedSize: deflated.length });
  }

  private header(name: string): Entry {
    return { name: Buffer.from(name, 'utf8'), offset: this.offset, crc: 0, size: 0, compressedSize: 0 };
  }

  private localHeader(e: Entry): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4); // version needed: 2.0
    h.writeUInt16LE(0x0808, 6); // sizes in a data descriptor; UTF-8 names
    h.writeUInt16LE(8, 8); // deflate
    h.writeUInt16LE(this.time.time, 10);
    h.writeUInt16LE(this.time.date, 12);
    h.writeUInt16LE(e.name.length, 26);
    return Buffer.concat([h, e.name]);
  }

  private async descriptor(
    e: Entry,
    done: { crc: number; size: number; compressedSize: number },
  ): Promise<void> {
    e.crc = done.crc;
    e.size = done.size;
    e.compressedSize = done.compressedSize;
    const d = Buffer.alloc(16);
    d.writeUInt32LE(0x08074b50, 0);
    d.writeUInt32LE(e.crc >>> 0, 4);
    d.writeUInt32LE(e.compressedSize, 8);
    d.writeUInt32LE(e.size, 12);
    await this.raw(d);
  }

  private centralHeader(e: Entry): Buffer {
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(20, 4); // made by: 2.0
    h.writeUInt16LE(20, 6);
    h.writeUInt16LE(0x0808, 8);
    h.writeUInt16LE(8, 10);
    h.writeUInt16LE(this.time.time, 12);
    h.writeUInt16LE(this.time.date, 14);
    h.writeUInt32LE(e.crc >>> 0, 16);
    h.writeUInt32LE(e.compressedSize, 20);
    h.writeUInt32LE(e.size, 24);
    h.writeUInt16LE(e.name.length, 28);
    h.writeUInt32LE(e.offset, 42);
    return Buffer.concat([h, e.name]);
  }
}

const COLUMN_NAMES = Array.from({ length: 256 }, (_, i) => columnName(i + 1));

function sheetStart(spec: SheetSpec): string {
  const { rows, columns } = spec.frozen;
  const pane =
    rows || columns
      ? `<pane${columns ? ` xSplit="${columns}"` : ''}${rows ? ` ySplit="${rows}"` : ''} topLeftCell="${columnName(columns + 1)}${rows + 1}" activePane="${rows && columns ? 'bottomRight' : rows ? 'bottomLeft' : 'topRight'}" state="frozen"/>`
      : '';
  const cols = spec.columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`)
    .join('');
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`
  );
}

function stylesXml(moneyFormat: string): string {
  const font = (bold: boolean) =>
    `<font>${bold ? '<b/>' : ''}<sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`;
  return (
    `${XML_HEAD}<styleSheet xmlns="${MAIN}">` +
    `<numFmts count="1"><numFmt numFmtId="164" formatCode="${xmlText(moneyFormat)}"/></numFmts>` +
    `<fonts count="2">${font(false)}${font(true)}</fonts>` +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}

function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}
