import type { ApiSchool, Group, ImportRequest } from '../../core/importApi';
import { analyzeImportFile, type ImportFileAnalysis, unknownSchoolTargets } from '../../core/importFile';
import { ApiError } from '../errors';
import type { DistrictStore } from '../store/districtStore';

/** A request checked against the district: its file analysed, its mapping sound. */
export interface PreparedImport {
  request: ImportRequest;
  analysis: ImportFileAnalysis;
  schools: ApiSchool[];
  group: Group | null;
}

/**
 * Checks what must hold before a file can even be previewed: the school mapping names the
 * district's schools, the custom group exists, the column mapping fits the file and maps
 * every required field, and the file has rows. Throws the 422 that says what is wrong.
 */
export function prepareImport(request: ImportRequest, district: DistrictStore, today?: Date): PreparedImport {
  if (/^\uFEFF?\s*$/.test(request.csv)) {
    throw new ApiError(
      422,
      'file.empty',
      request.csv.length === 0
        ? 'The file is empty (0 bytes): it holds no header and no users. Check that you attached the right file. Nothing was written.'
        : 'The file is empty: it holds only blank lines (or only a byte order mark), no header and no users. Check that you attached the right file. Nothing was written.',
    );
  }
  const schools = district.schools();
  const unknownTargets = unknownSchoolTargets(request.schoolMapping, schools);
  if (unknownTargets.length > 0) {
    throw new ApiError(
      422,
      'school-mapping.unknown-school',
      `The school mapping sends ${unknownTargets.map((v) => `"${v}"`).join(', ')} to a school the district does not have. Map each value to one of the district's schools (GET /api/v1/district) or to null.`,
      {
        details: unknownTargets.map((value) => ({
          path: `schoolMapping.${value}`,
          message: `"${request.schoolMapping[value]}" is not a school of the district`,
        })),
      },
    );
  }
  let group: Group | null = null;
  if (request.options.customGroupId !== null) {
    group = district.group(request.options.customGroupId) ?? null;
    if (!group) {
      throw new ApiError(
        422,
        'group.unknown',
        `The district has no custom group with id ${request.options.customGroupId}. Choose one of its groups (GET /api/v1/district) or none.`,
        { details: [{ path: 'options.customGroupId', message: 'no such custom group' }] },
      );
    }
  }
  const analysis = analyzeImportFile(request.csv, {
    mapping: request.mapping,
    schools,
    schoolMapping: request.schoolMapping,
    fileName: request.fileName,
    today,
  });
  if (analysis.mappingIssues.length > 0) {
    const first = analysis.mappingIssues[0]!;
    throw new ApiError(422, first.code, analysis.mappingIssues.map((i) => i.message).join(' '), {
      details: analysis.mappingIssues.map((i) => ({ path: i.path, message: i.message })),
    });
  }
  if (analysis.rows.length === 0) {
    throw new ApiError(422, 'file.empty', 'The file has no users: it holds no data rows below its header. Nothing was written.');
  }
  return { request, analysis, schools, group };
}
