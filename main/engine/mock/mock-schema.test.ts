import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { MOCK_SCHEMA } from './mock-schema.js';

const FILE = new URL('../../../docs/mock-schema.json', import.meta.url);

describe('docs/mock-schema.json', () => {
  it('is the schema the loader validates with (UPDATE_MOCK_SCHEMA=1 rewrites it)', () => {
    const written = `${JSON.stringify(MOCK_SCHEMA, null, 2)}\n`;
    if (process.env.UPDATE_MOCK_SCHEMA === '1') writeFileSync(FILE, written);
    expect(
      JSON.parse(readFileSync(FILE, 'utf8')),
      'docs/mock-schema.json is stale: run UPDATE_MOCK_SCHEMA=1 npx vitest run main/engine/mock/mock-schema.test.ts',
    ).toEqual(MOCK_SCHEMA);
  });

  it('is a valid draft-07 schema that describes every property for editors', () => {
    const ajv = new Ajv({ allowUnionTypes: true, strict: true, strictRequired: false });
    expect(ajv.validateSchema(MOCK_SCHEMA)).toBe(true);
    expect(MOCK_SCHEMA.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const undescribed: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (Array.isArray(node)) return node.forEach((item, i) => visit(item, `${where}/${i}`));
      if (node === null || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      for (const [name, property] of Object.entries(
        (schema.properties as Record<string, Record<string, unknown>> | undefined) ?? {},
      )) {
        if (typeof property.description !== 'string') undescribed.push(`${where}/properties/${name}`);
      }
      for (const [key, value] of Object.entries(schema)) visit(value, `${where}/${key}`);
    };
    visit(MOCK_SCHEMA, '#');
    expect(undescribed).toEqual([]);
  });
});
