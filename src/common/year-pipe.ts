import type { PipeTransform } from '@nestjs/common';
import { InvalidInputError } from './errors';

/** A year in the path or query: a whole year from 2000 to 2100, else a Swedish 400 (the validation pipe may have made it a number already). */
export class YearPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    const text = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
    const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
    if (!(year >= 2000 && year <= 2100)) throw new InvalidInputError('Året måste vara ett årtal, till exempel 2026.', { year: ['Ange ett år från 2000 till 2100.'] });
    return year;
  }
}

/** The OpenAPI description of such a year. */
export const YEAR_PARAM = { name: 'year', description: 'Året.', schema: { type: 'integer', minimum: 2000, maximum: 2100, example: 2026 } } as const;
