import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { Clock } from '../clock';
import { atomicWriteFile } from './atomicWriteFile';

/** A file that exists but cannot be used: unreadable, not JSON, or not what the schema allows. */
export class JsonFileCorruptError extends Error {
  readonly code = 'JSON_FILE_CORRUPT';
  constructor(
    readonly file: string,
    readonly problem: string,
    /** where the damaged file was kept, so nothing is lost silently; null if it could not be moved */
    readonly keptAs: string | null,
  ) {
    super(`${path.basename(file)} is damaged (${problem}); ${keptAs ? `it was kept as ${path.basename(keptAs)} and ` : ''}the defaults are in use.`);
    this.name = 'JsonFileCorruptError';
  }
}

export interface JsonLoadResult<T> {
  value: T;
  /** null when the file loaded cleanly or did not exist yet */
  problem: JsonFileCorruptError | null;
}

export interface JsonFileStoreOptions<S extends z.ZodType> {
  file: string;
  schema: S;
  /** what a missing or damaged file is replaced by */
  defaults: () => z.output<S>;
  clock: Clock;
}

/**
 * One JSON document on disk: validated by a zod schema on load and on save,
 * written atomically. A damaged file is renamed to `<file>.corrupt-<ms>`
 * (never deleted), the defaults take its place, and the caller gets a typed
 * error to show the user.
 */
export class JsonFileStore<S extends z.ZodType> {
  private current: z.output<S> | null = null;

  constructor(private readonly options: JsonFileStoreOptions<S>) {}

  get file(): string {
    return this.options.file;
  }

  /** the value last loaded or saved (the defaults before the first load) */
  get value(): z.output<S> {
    return this.current ?? this.options.defaults();
  }

  async load(): Promise<JsonLoadResult<z.output<S>>> {
    const { file, schema } = this.options;
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.accept(this.options.defaults(), null);
      return this.accept(this.options.defaults(), await this.setAside(`unreadable: ${(error as Error).message}`));
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return this.accept(this.options.defaults(), await this.setAside(`not valid JSON: ${(error as Error).message}`));
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
      return this.accept(this.options.defaults(), await this.setAside(`invalid: ${where}${first?.message ?? 'does not match the schema'}`));
    }
    return this.accept(parsed.data, null);
  }

  /** validates, then replaces the file atomically */
  async save(next: z.input<S>): Promise<z.output<S>> {
    const value = this.options.schema.parse(next);
    await atomicWriteFile(this.options.file, `${JSON.stringify(value, null, 2)}\n`);
    this.current = value;
    return value;
  }

  private accept(value: z.output<S>, problem: JsonFileCorruptError | null): JsonLoadResult<z.output<S>> {
    this.current = value;
    return { value, problem };
  }

  private async setAside(problem: string): Promise<JsonFileCorruptError> {
    const { file, clock } = this.options;
    const keptAs = `${file}.corrupt-${clock.now()}`;
    const moved = await fs.rename(file, keptAs).then(
      () => true,
      () => false,
    );
    return new JsonFileCorruptError(file, problem, moved ? keptAs : null);
  }
}
