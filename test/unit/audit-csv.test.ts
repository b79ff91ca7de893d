import assert from 'node:assert/strict';
import { csvField, csvRow, toCsv } from '@remotegpu/control/routes/audit-logs/csv';

describe('control: audit CSV', () => {
  it('leaves plain fields alone and writes nothing for null', () => {
    assert.equal(csvField('login'), 'login');
    assert.equal(csvField(42), '42');
    assert.equal(csvField(null), '');
    assert.equal(csvField(undefined), '');
    assert.equal(csvField(new Date('2024-01-02T03:04:05Z')), '2024-01-02T03:04:05.000Z');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\rhere'), '"cr\rhere"');
  });

  it('writes objects as JSON, quoted as needed', () => {
    assert.equal(csvField({ a: 1, b: 'x' }), '"{""a"":1,""b"":""x""}"');
    assert.equal(csvField({}), '{}');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    for (const s of ['+1', '-1', '@SUM(A1)', '\tx']) assert.equal(csvField(s), `'${s}`);
    assert.equal(csvField(-1), '-1'); // numbers are data, not formulas
  });

  it('ends every row with CRLF and keeps column order', () => {
    assert.equal(csvRow(['a', null, 1]), 'a,,1\r\n');
    assert.equal(toCsv(['id', 'x'], [{ id: 1, x: 'p,q' }, { id: 2 }]), 'id,x\r\n1,"p,q"\r\n2,\r\n');
  });
});
