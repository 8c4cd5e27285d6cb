import type { GroupKind, HealthcareRegion } from '../working-groups/working-group.entity';

// The payer-code rule (SKL is SKR; case and spaces do not count) is defined once, in workflows/payer-code.ts, which
// the payout workflow's validators use too.
import { SKR, canonicalPayerCode, samePayer } from '../../workflows/payer-code';

export { SKR, canonicalPayerCode, samePayer };

export interface GroupForPayer {
  kind: GroupKind;
  hostRegion: HealthcareRegion | null;
}

export interface PayerResolution {
  payerCode: string;
  /** Why this payer, in Swedish, citing the routine. */
  basis: string;
  /**
   * RPO/RAG: the region pays under its own rules, outside the routine's fee model (§4.5.5); the region's own
   * rate table applies where it has one.
   */
  regionalModel: boolean;
}

export class PayerResolutionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayerResolutionError';
  }
}

/**
 * Who pays a group's fees and travel (§4.5.4, §4.5.5):
 * - NPO → the healthcare region hosting it (värdregion);
 * - NAG under an NPO → that NPO's host region;
 * - NSG, and NAG under an NSG → SKR (the routine's SKL);
 * - RPO / RAG → its own healthcare region, with that region's rate table.
 * Pure; throws PayerResolutionError (Swedish message) when the group lacks what decides the payer.
 */
export function resolvePayer(group: GroupForPayer, parentGroup?: GroupForPayer | null): PayerResolution {
  switch (group.kind) {
    case 'NPO':
      return { payerCode: hostOf(group, 'NPO:n'), basis: 'Värdregionen för NPO:n betalar (rutinen §4.5.4).', regionalModel: false };
    case 'NSG':
      return { payerCode: SKR, basis: 'SKR betalar för nationella samverkansgrupper (rutinen §4.5.4).', regionalModel: false };
    case 'NAG':
      if (!parentGroup) throw new PayerResolutionError('En nationell arbetsgrupp (NAG) behöver sin överordnade NPO eller NSG för att avgöra vem som betalar.');
      if (parentGroup.kind === 'NPO') {
        return { payerCode: hostOf(parentGroup, 'den överordnade NPO:n'), basis: 'Värdregionen för den överordnade NPO:n betalar (rutinen §4.5.4).', regionalModel: false };
      }
      if (parentGroup.kind === 'NSG') {
        return { payerCode: SKR, basis: 'SKR betalar för arbetsgrupper under en NSG (rutinen §4.5.4).', regionalModel: false };
      }
      throw new PayerResolutionError('En nationell arbetsgrupp (NAG) hör till en NPO eller en NSG.');
    case 'RPO':
    case 'RAG':
      return {
        payerCode: hostOf(group, `${group.kind}:n`),
        basis: 'Sjukvårdsregionen betalar enligt egna regler och egen taxetabell (rutinen §4.5.5).',
        regionalModel: true,
      };
    default: {
      const never: never = group.kind;
      throw new PayerResolutionError(`Okänd grupptyp ${String(never)}.`);
    }
  }
}

function hostOf(group: GroupForPayer, what: string): string {
  if (!group.hostRegion) throw new PayerResolutionError(`Ange värdregion för ${what}: den avgör vem som betalar.`);
  return group.hostRegion;
}
