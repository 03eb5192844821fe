import { describe, expect, it } from 'vitest';
import { CsvReader, CsvSyntaxError } from './csv-reader.ts';

/** Rows of `text` fed in pieces of `size` characters. */
function read(text: string, size = text.length, delimiter = ','): string[][] {
  const rows: string[][] = [];
  const reader = new CsvReader(delimiter, (row) => rows.push(row));
  for (let i = 0; i < text.length; i += Math.max(1, size)) reader.push(text.slice(i, i + Math.max(1, size)));
  reader.end();
  return rows;
}

const TRICKY = 'Name,Note\r\n"a,b","say ""hi"""\r\n"multi\nline",\nplain,"x"\rlast,""\n';

describe('CsvReader', () => {
  it('reads quoted delimiters, doubled quotes, embedded line breaks and every line ending', () => {
    expect(read(TRICKY)).toEqual([
      ['Name', 'Note'],
      ['a,b', 'say "hi"'],
      ['multi\nline', ''],
      ['plain', 'x'],
      ['last', ''],
    ]);
  });

  it('gives the same rows however the text is split into chunks', () => {
    const whole = read(TRICKY);
    for (const size of [1, 2, 3, 5, 7]) expect(read(TRICKY, size)).toEqual(whole);
  });

  it('takes the last row without a line end, and skips blank lines', () => {
    expect(read('A\n\nB\n\n\nC')).toEqual([['A'], ['B'], ['C']]);
  });

  it('uses the job’s delimiter', () => {
    expect(read('a|"b|c"|d\n', 2, '|')).toEqual([['a', 'b|c', 'd']]);
    expect(read('a\tb\n', 1, '\t')).toEqual([['a', 'b']]);
  });

  it('refuses an unterminated quoted field and text after a closing quote', () => {
    expect(() => read('a,"open\n')).toThrow(CsvSyntaxError);
    expect(() => read('"closed"x,y\n')).toThrow('Unexpected character after a closing quote');
  });
});
