import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateIf } from 'class-validator';

function collect(errors: ValidationError[], prefix = '', out: Record<string, string[]> = {}) {
  for (const e of errors) {
    const key = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      // One message per field, the one that says what to do: an unknown field is named as such.
      out[key] = e.constraints.whitelistValidation
        ? [`Fältet "${e.property}" finns inte här. Ta bort det och försök igen.`]
        : [Object.values(e.constraints)[0]];
    }
    if (e.children?.length) collect(e.children, key, out);
  }
  return out;
}

/** Validates every DTO; unknown fields are refused, and each bad field gets its own message. */
export function createValidationPipe() {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const fields = collect(errors);
      return new BadRequestException({ message: 'Uppgifterna är inte giltiga. Rätta fälten och försök igen.', fields });
    },
  });
}

/**
 * An optional field that may not be null: left out, it is not validated (and takes its default); sent as null, it is
 * validated like any other value and so refused with the field's own message. class-validator's IsOptional() skips
 * null too, which lets a null reach code that expects the field's type (a 500).
 */
export const IsOptionalNotNull = (): PropertyDecorator => ValidateIf((_object: unknown, value: unknown) => value !== undefined);
