/** The OpenAPI document: served, generated from the shared schemas, internally consistent. */
import * as assert from 'node:assert/strict';
import { ServiceProcess } from './helpers/serviceProcess';

type Json = Record<string, unknown>;

describe('import service: OpenAPI document', function () {
  let service: ServiceProcess;
  let doc: Json;
  before(async function () {
    service = await ServiceProcess.start();
    const response = await service.fetch('/api/v1/openapi.json', { token: null });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    doc = (await response.json()) as Json;
  });
  after(async function () {
    await service?.stop();
  });

  const paths = () => doc.paths as Record<string, Record<string, Json>>;
  const schemas = () => (doc.components as Json).schemas as Record<string, Json>;

  it('is OpenAPI 3.1 with the API described', function () {
    assert.equal(doc.openapi, '3.1.0');
    assert.equal((doc.info as Json).title, 'Classworks import service');
    const expected: Record<string, string[]> = {
      '/api/v1/health': ['get'],
      '/api/v1/me': ['get'],
      '/api/v1/accounts': ['post'],
      '/api/v1/district': ['get'],
      '/api/v1/district/seed': ['post'],
      '/api/v1/district/schools': ['post'],
      '/api/v1/district/groups': ['post'],
      '/api/v1/district/users': ['get'],
      '/api/v1/district/users/verify-password': ['post'],
      '/api/v1/imports/preview': ['post'],
      '/api/v1/imports': ['get', 'post'],
      '/api/v1/imports/{number}': ['get'],
      '/api/v1/imports/{number}/rows': ['get'],
      '/api/v1/imports/{number}/file': ['get'],
      '/api/v1/shutdown': ['post'],
    };
    assert.deepEqual(Object.keys(paths()).sort(), Object.keys(expected).sort());
    for (const [path, methods] of Object.entries(expected)) assert.deepEqual(Object.keys(paths()[path]!).sort(), methods.sort(), path);
  });

  it('names the shared schemas as components, and every $ref resolves', function () {
    for (const name of ['ImportRequest', 'ImportForm', 'ColumnMapping', 'ImportOptions', 'Preview', 'RowPreview', 'ImportSummary', 'ImportDetails', 'ImportRows', 'ImportList', 'District', 'School', 'CustomGroup', 'Problem', 'Error', 'FieldName', 'ImportStatus']) {
      assert.ok(schemas()[name], `components.schemas.${name}`);
    }
    const refs: string[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref' && typeof v === 'string') refs.push(v);
          else walk(v);
        }
      }
    };
    walk(doc);
    assert.ok(refs.length > 30);
    for (const ref of refs) {
      const match = /^#\/components\/schemas\/(.+)$/.exec(ref);
      assert.ok(match && schemas()[match[1]!], `unresolved ${ref}`);
    }
    const request = schemas().ImportRequest!;
    assert.deepEqual((request.required as string[]).sort(), ['csv', 'fileName']);
    assert.deepEqual(((schemas().ImportStatus!.enum) as string[]), ['Scheduled', 'Processing', 'Completed', 'Completed with errors', 'Failed']);
  });

  it('requires a bearer token everywhere but health and itself, and describes the errors', function () {
    const security = (doc.components as Json).securitySchemes as Record<string, Json>;
    assert.deepEqual(security.bearerAuth, { type: 'http', scheme: 'bearer', description: security.bearerAuth!.description });
    for (const [path, methods] of Object.entries(paths())) {
      for (const [method, op] of Object.entries(methods)) {
        const responses = op.responses as Record<string, Json>;
        for (const [status, r] of Object.entries(responses)) assert.ok(r.description, `${method} ${path} ${status}`);
        if (path === '/api/v1/health') continue;
        assert.deepEqual(op.security, [{ bearerAuth: [] }], `${method} ${path}`);
        assert.ok(responses['401'], `${method} ${path} documents 401`);
      }
    }
  });

  it('documents the submission: Idempotency-Key header, JSON or multipart body, its answers', function () {
    const submit = paths()['/api/v1/imports']!.post!;
    const header = (submit.parameters as Json[]).find((p) => p.in === 'header');
    assert.equal(header?.name, 'idempotency-key');
    assert.equal(header?.required, true);
    const content = (submit.requestBody as Json).content as Record<string, Json>;
    assert.deepEqual(Object.keys(content).sort(), ['application/json', 'multipart/form-data']);
    assert.deepEqual(content['application/json']!.schema, { $ref: '#/components/schemas/ImportRequest' });
    assert.deepEqual(Object.keys(submit.responses as Json).sort(), ['200', '201', '400', '401', '403', '413', '415', '422']);
    const rows = paths()['/api/v1/imports/{number}/rows']!.get!;
    assert.deepEqual((rows.parameters as Json[]).map((p) => `${p.in}:${p.name}`).sort(), ['path:number', 'query:limit', 'query:offset', 'query:outcome']);
  });

  it('every pattern is a JSON Schema (ECMA-262) regular expression, and a sample request matches ImportRequest\'s', function () {
    const patterns: [string, string][] = [];
    const walk = (node: unknown, at: string) => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}[${i}]`));
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'pattern' && typeof v === 'string') patterns.push([at, v]);
          else walk(v, `${at}.${k}`);
        }
      }
    };
    walk(doc, '');
    assert.ok(patterns.length > 0);
    for (const [at, pattern] of patterns) {
      assert.doesNotMatch(pattern, /\/[a-z]*$/, `${at}: a JavaScript flag leaked into ${pattern}`);
      assert.doesNotThrow(() => new RegExp(pattern, 'u'), `${at}: ${pattern}`);
    }
    const fileName = (schemas().ImportRequest!.properties as Record<string, Json>).fileName!;
    const re = new RegExp(fileName.pattern as string, 'u');
    for (const name of ['students.csv', 'Students.CSV', 'a.b.Csv']) assert.match(name, re, name);
    for (const name of ['students.txt', 'students.csv.txt', 'csv']) assert.doesNotMatch(name, re, name);
  });

  it('describes the request objects as closed (additionalProperties: false)', function () {
    for (const name of ['ImportRequest', 'ImportOptions', 'ColumnMapping', 'ImportForm']) {
      assert.equal(schemas()[name]!.additionalProperties, false, name);
    }
  });
});
