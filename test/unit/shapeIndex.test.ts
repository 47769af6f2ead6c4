import { strict as assert } from 'node:assert';
import type { Row } from '../../core/csv/csvTypes';
import { ShapeIndex } from '../../core/model/shapeIndex';

/** What ShapeIndex was before it kept arrays: a Set of rows per shape. */
class SetModel {
  readonly byShape = new Map<string, Set<Row>>();
  add(shape: string, row: Row): void {
    if (!this.byShape.has(shape)) this.byShape.set(shape, new Set());
    this.byShape.get(shape)?.add(row);
  }
  remove(shape: string, row: Row): void {
    const rows = this.byShape.get(shape);
    rows?.delete(row);
    if (rows?.size === 0) this.byShape.delete(shape);
  }
}

describe('ShapeIndex', () => {
  it('after 30,000 random adds and removes (rows added again after removal, shapes emptied and refilled) agrees with a Set per shape: counts, shapes, rows in added and in document order', () => {
    const rows: Row[] = [];
    for (let i = 0; i < 600; i++) rows.push({ start: (i * 7919) % 600 } as unknown as Row);
    const shapes = ['d6', 'z6', 'd5', 'amb', 'dmy'];
    const index = new ShapeIndex();
    const model = new SetModel();
    const shapeOf = new Map<Row, string>();
    let seed = 3;
    const next = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const compare = (step: number) => {
      assert.deepEqual(index.shapes(), [...model.byShape.keys()].sort(), `step ${step}`);
      for (const shape of shapes) {
        const expected = [...(model.byShape.get(shape) ?? [])];
        assert.equal(index.count(shape), expected.length, `count ${shape} at step ${step}`);
        assert.deepEqual(index.rows(shape, false), expected, `rows ${shape} at step ${step}`);
        assert.deepEqual(index.rows(shape), [...expected].sort((a, b) => a.start - b.start), `ordered ${shape} at step ${step}`);
      }
    };
    for (let step = 0; step < 30_000; step++) {
      // Phases: mostly adds, then mostly removes (so that shapes empty out and the removed pile up), and so on.
      const adding = next(100) < (Math.floor(step / 3000) % 2 === 0 ? 80 : 15);
      const row = rows[next(rows.length)] as Row;
      const held = shapeOf.get(row);
      if (held !== undefined && !adding) {
        index.remove(held, row);
        model.remove(held, row);
        shapeOf.delete(row);
      } else if (held === undefined && adding) {
        const shape = shapes[next(row.start % 3 === 0 ? 2 : shapes.length)] as string;
        index.add(shape, row);
        model.add(shape, row);
        shapeOf.set(row, shape);
      }
      if (step % 997 === 0) compare(step);
    }
    compare(30_000);
    for (const [row, shape] of shapeOf) {
      index.remove(shape, row);
      model.remove(shape, row);
    }
    compare(30_001);
    assert.deepEqual(index.shapes(), []);
  });

  it('a row removed and added again comes last in the added order; rows() is a copy', () => {
    const [a, b, c] = [0, 1, 2].map((start) => ({ start }) as unknown as Row) as [Row, Row, Row];
    const index = new ShapeIndex();
    index.add('x', a);
    index.add('x', b);
    index.add('x', c);
    index.remove('x', a);
    assert.deepEqual(index.rows('x', false), [b, c]);
    index.add('x', a);
    assert.deepEqual(index.rows('x', false), [b, c, a]);
    assert.deepEqual(index.rows('x'), [a, b, c]);
    index.rows('x', false).pop();
    assert.equal(index.count('x'), 3);
    index.remove('x', a);
    index.remove('x', b);
    index.remove('x', c);
    assert.equal(index.count('x'), 0);
    assert.deepEqual(index.shapes(), []);
    assert.deepEqual(index.rows('x'), []);
  });
});
