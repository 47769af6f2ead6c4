import * as assert from 'node:assert/strict';
import { NO_SHAPE, RowTables } from '../../core/model/rowTables';
import { RowStore } from '../../core/csv/rowStore';
import { parseRows } from '../../core/csv/parseRows';

describe('RowTables (the keys and shapes the model keeps per row)', () => {
  it('keeps what was written in each slot while the tables grow, and reuses freed slots', () => {
    const tables = new RowTables(4, 2);
    const slots: number[] = [];
    for (let k = 0; k < 1000; k++) {
      const slot = tables.take();
      slots.push(slot);
      for (let i = 0; i < 4; i++) tables.keys[slot * 4 + i] = k * 10 + i;
      tables.shapes[slot * 2] = tables.shapeId(k % 3 === 0 ? '6 digits' : '5 digits');
      tables.shapes[slot * 2 + 1] = NO_SHAPE;
    }
    assert.equal(new Set(slots).size, 1000, 'every slot taken once');
    slots.forEach((slot, k) => {
      assert.deepEqual([...tables.keys.subarray(slot * 4, slot * 4 + 4)], [k * 10, k * 10 + 1, k * 10 + 2, k * 10 + 3]);
      assert.equal(tables.shapeName(tables.shapes[slot * 2] as number), k % 3 === 0 ? '6 digits' : '5 digits');
    });
    tables.free(slots[10] as number);
    assert.equal(tables.take(), slots[10], 'a freed slot is taken again');
    assert.equal(tables.shapeId('6 digits'), tables.shapeId('6 digits'), 'one number per shape');
    assert.notEqual(tables.shapeId('6 digits'), NO_SHAPE);
  });
});

describe('RowStore (the cell boundaries of every row in one array)', () => {
  it('reads every row the same after the store grows, and keeps rows longer than 16 bits can say', () => {
    const long = 'x'.repeat(70_000);
    const text = `${'a,"b",c\r\n'.repeat(3000)}${long},${long}\r\nd,e\r\n`;
    const store = new RowStore(text);
    let id = 0;
    const rows = parseRows(text, 0, text.length, 0, () => ++id, store);
    assert.equal(rows.length, 3002);
    assert.ok(store.spans.length > 1024, 'the store grew');
    assert.deepEqual(rows[0]?.cells.map((c) => c.value), ['a', 'b', 'c']);
    assert.deepEqual(rows[2999]?.cells.map((c) => [c.value, c.start, c.end, c.quoted]), [['a', 0, 1, false], ['b', 2, 5, true], ['c', 6, 7, false]]);
    assert.deepEqual(rows[3000]?.cells.map((c) => [c.value.length, c.start, c.end]), [[70_000, 0, 70_000], [70_000, 70_001, 140_001]]);
    assert.deepEqual(rows[3001]?.cells.map((c) => c.value), ['d', 'e']);
    assert.equal(rows[3001]?.value(2), undefined);
  });
});
