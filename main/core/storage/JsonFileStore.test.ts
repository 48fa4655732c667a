import { promises as fs } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempFileEachTest } from '../../../test/support/tempFileEachTest';
import { z } from 'zod';
import { JsonFileCorruptError, JsonFileStore } from './JsonFileStore';

const Schema = z.strictObject({ usdt: z.string().default('1000'), count: z.number().int().default(0) }).prefault({});
const clock = { now: () => 1_764_000_000_000 };

const file = tempFileEachTest('jsonstore-', 'wallet.json');
const store = () => new JsonFileStore({ file: file.path, schema: Schema, defaults: () => Schema.parse(undefined), clock });

describe('JsonFileStore', () => {
  it('starts from the defaults when there is no file yet, without calling it a problem', async () => {
    expect(await store().load()).toEqual({ value: { usdt: '1000', count: 0 }, problem: null });
  });

  it('saves validated values and loads them back in a new instance', async () => {
    await store().save({ usdt: '12.5', count: 3 });
    expect((await store().load()).value).toEqual({ usdt: '12.5', count: 3 });
  });

  it('refuses to save a value the schema rejects, leaving the file as it was', async () => {
    const s = store();
    await s.save({ usdt: '1', count: 1 });
    await expect(s.save({ usdt: '1', count: 1.5 } as never)).rejects.toThrow();
    expect((await store().load()).value.count).toBe(1);
  });

  it('keeps a file that is not JSON as .corrupt-<ts>, reports a typed error, and falls back to the defaults', async () => {
    await fs.writeFile(file.path, '{"usdt": "12');
    const { value, problem } = await store().load();
    expect(value).toEqual({ usdt: '1000', count: 0 });
    expect(problem).toBeInstanceOf(JsonFileCorruptError);
    expect(problem!.code).toBe('JSON_FILE_CORRUPT');
    expect(problem!.problem).toMatch(/not valid JSON/);
    expect(problem!.keptAs).toBe(`${file.path}.corrupt-1764000000000`);
    expect(await fs.readFile(problem!.keptAs!, 'utf8')).toBe('{"usdt": "12');
    expect(problem!.message).toMatch(/wallet\.json is damaged .* kept as wallet\.json\.corrupt-1764000000000/);
  });

  it('treats valid JSON the schema rejects as damaged too, naming the field', async () => {
    await fs.writeFile(file.path, JSON.stringify({ usdt: '5', count: 'many' }));
    const { problem } = await store().load();
    expect(problem?.problem).toMatch(/^invalid: count: /);
    expect(await fs.readFile(`${file.path}.corrupt-1764000000000`, 'utf8')).toContain('many');
  });
});
