import { BadRequestException } from '@nestjs/common';
import { CreateWorkingGroupDto } from '../working-groups/dto/create-working-group.dto';
import { NominateDto } from '../recruitment/dto/nominate.dto';
import { createValidationPipe } from './validation';

/** The answer of the validation pipe to a body, as the API sends it (the 400's body), or null when it passes. */
async function answer(metatype: new () => object, body: unknown): Promise<{ message: string; fields: Record<string, string[]> } | null> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype });
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(BadRequestException);
    return (e as BadRequestException).getResponse() as { message: string; fields: Record<string, string[]> };
  }
}

/**
 * The web app's forms show every error in one send (issue 17 #8, web/src/components/Form.tsx sendChecked): when the
 * page's own checks fail it sends the same body with one field no endpoint knows, and relies on this pipe to refuse
 * it with every other bad field in the same answer, so the body is checked and never reaches a handler.
 */
describe('validation pipe', () => {
  it('refuses an unknown field in the same answer as every other bad field', async () => {
    const res = await answer(CreateWorkingGroupDto, { name: '', kind: 'NAG', commission: 'Uppdrag', minRepresentatives: 1, endastKontroll: true });
    expect(res?.fields).toEqual({
      endastKontroll: ['Fältet "endastKontroll" finns inte här. Ta bort det och försök igen.'],
      name: ['Ange gruppens namn.'],
      minRepresentatives: ['En grupp ska ha minst två patient- eller närståendeföreträdare.'],
    });
  });

  it('refuses a body that is valid but for the unknown field, so a check-only send is never saved', async () => {
    const valid = { fullName: 'Maj Nominerad', email: 'maj@example.se', perspective: 'patient', representation: 'mandate' };
    await expect(answer(NominateDto, valid)).resolves.toBeNull();
    await expect(answer(NominateDto, { ...valid, endastKontroll: true })).resolves.toEqual({
      message: 'Uppgifterna är inte giltiga. Rätta fälten och försök igen.',
      fields: { endastKontroll: ['Fältet "endastKontroll" finns inte här. Ta bort det och försök igen.'] },
    });
  });
});
