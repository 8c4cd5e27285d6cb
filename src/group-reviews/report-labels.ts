/** Swedish names the yearly report prints (the PDF carries its own text; the web app has web/src/labels.ts). */
export const GROUP_KIND_SV: Record<string, string> = {
  NPO: 'nationellt programområde, NPO',
  NSG: 'nationell samverkansgrupp, NSG',
  NAG: 'nationell arbetsgrupp, NAG',
  RPO: 'sjukvårdsregionalt programområde, RPO',
  RAG: 'regional arbetsgrupp, RAG',
};

export const PERSPECTIVE_SV: Record<string, string> = { patient: 'Patient', 'next-of-kin': 'Närstående' };

export const REPRESENTATION_SV: Record<string, string> = {
  mandate: 'Organisationens mandat',
  'own-experience': 'Egen erfarenhet',
  both: 'Mandat och egen erfarenhet',
};

export const ACTIVITY_KIND_SV: Record<string, string> = {
  meeting: 'Möte',
  'other-work': 'Annat arbete',
  'extra-preparation': 'Extra förberedelse',
  'open-information-meeting': 'Öppet informationsmöte',
};

export const MODE_SV: Record<string, string> = { 'on-site': 'på plats', video: 'video', phone: 'telefon' };

/** Where an assignment stands, for the staffing table. */
export function assignmentStateSv(state: string, endedOn: string | null): string {
  if (state === 'active') return 'Aktivt uppdrag';
  if (state === 'ended') return endedOn ? `Avslutat ${endedOn}` : 'Avslutat';
  return 'På väg in i uppdraget';
}
