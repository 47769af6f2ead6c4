import type { FileRule } from './ruleTypes';

export const schoolNoList: FileRule = {
  kind: 'file',
  code: 'school.no-school-list',
  defaultSeverity: 'info',
  title: 'School SIS IDs are not checked because no school list is configured.',
  check(ctx) {
    if (ctx.config.schools && ctx.config.schools.length > 0) return;
    const column = ctx.mapping.columnOf['School SIS ID'];
    if (column === undefined || ctx.dataRows.every((r) => r.blank || r.broken)) return;
    const header = ctx.headerRow;
    const cell = header?.cells[column];
    const start = header && cell ? ctx.cellStart(header, cell) : (ctx.rows[0]?.start ?? 0);
    ctx.report({
      code: 'school.no-school-list',
      message:
        'School SIS IDs are not checked: no .classworks.json with a "schools" list was found for this file. A code that matches no school makes its user join the district without a school. ' +
        'Add {"schools": [{"sisId": "…", "name": "…"}]} to .classworks.json beside the file (codes as in Manage Classworks > Schools).',
      start,
      end: header && cell ? start + (cell.end - cell.start) : start,
      field: 'School SIS ID',
    });
  },
};
