/**
 * What counts as a UUID (issue 15 #3: one definition, in workflows/checks.ts, which the workflows' validators use;
 * src/ imports it from here): 8-4-4-4-12 hexadecimal digits, either case.
 */
export { UUID_PATTERN, isUuid } from '../../workflows/checks';
