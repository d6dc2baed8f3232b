import { ValidateIf } from 'class-validator';

/**
 * The field may be left out but not sent as null: unlike `@IsOptional()`, which lets null through
 * to columns that cannot hold it (a 500 from the database instead of a 400). Fields the API
 * documents as nullable keep `@IsOptional()`.
 */
export const Optional = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
