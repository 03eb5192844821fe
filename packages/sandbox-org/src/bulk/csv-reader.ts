/**
 * An incremental CSV (RFC 4180) reader: text goes in chunk by chunk, as it arrives off the socket,
 * and complete rows come out through a callback, so an upload is never held as one string.
 * Quoted fields may contain delimiters, line breaks and doubled quotes; LF, CRLF and CR end rows.
 */

/** A CSV syntax error (an unterminated quoted field, text after a closing quote). */
export class CsvSyntaxError extends Error {}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

/** Reads rows of one CSV stream. */
export class CsvReader {
  private field = '';
  private row: string[] = [];
  private inQuotes = false;
  /** Inside quotes, a quote was the chunk's last character: an escape or the closing quote. */
  private quoteAtChunkEnd = false;
  /** The field was quoted and closed; only a delimiter or a line end may follow. */
  private closed = false;
  private lastWasCR = false;
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly onRow: (row: string[]) => void,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Feed the next chunk of text. */
  push(text: string): void {
    let i = 0;
    const n = text.length;
    if (this.quoteAtChunkEnd) {
      this.quoteAtChunkEnd = false;
      if (n > 0 && text.charCodeAt(0) === QUOTE) {
        this.field += '"';
        i = 1;
      } else {
        this.inQuotes = false;
        this.closed = true;
      }
    }
    while (i < n) {
      if (this.inQuotes) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          this.field += text.slice(i);
          return;
        }
        this.field += text.slice(i, q);
        if (q + 1 >= n) {
          this.quoteAtChunkEnd = true;
          return;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          this.field += '"';
          i = q + 2;
        } else {
          this.inQuotes = false;
          this.closed = true;
          i = q + 1;
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === LF && this.lastWasCR) {
        // The LF of a CRLF: the row already ended at the CR.
        this.lastWasCR = false;
        i++;
        continue;
      }
      this.lastWasCR = false;
      if (c === this.delimiter) {
        this.endField();
        i++;
      } else if (c === LF || c === CR) {
        this.endRow();
        this.lastWasCR = c === CR;
        i++;
      } else if (this.closed) {
        throw new CsvSyntaxError('Unexpected character after a closing quote');
      } else if (c === QUOTE && this.field === '') {
        this.inQuotes = true;
        i++;
      } else {
        i = this.takePlain(text, i);
      }
    }
  }

  /** The input is complete: emit the last row (if it had no line end). */
  end(): void {
    if (this.quoteAtChunkEnd) {
      this.quoteAtChunkEnd = false;
      this.inQuotes = false;
      this.closed = true;
    }
    if (this.inQuotes) throw new CsvSyntaxError('Unterminated quoted field at the end of the data');
    if (this.field !== '' || this.row.length > 0 || this.closed) this.endRow();
  }

  /** Copy an unquoted run of characters up to the next delimiter, line end or quote. */
  private takePlain(text: string, start: number): number {
    let i = start;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === this.delimiter || c === LF || c === CR) break;
      i++;
    }
    // A quote inside an unquoted field is kept as text, as lenient readers (and Salesforce) do.
    this.field += text.slice(start, i);
    return i;
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = '';
    this.closed = false;
  }

  private endRow(): void {
    this.endField();
    const row = this.row;
    this.row = [];
    // A blank line is no record.
    if (row.length === 1 && row[0] === '') return;
    this.onRow(row);
  }
}
