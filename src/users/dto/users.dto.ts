import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROLES, type Role } from '../../auth/auth-user';
import { AuthUserDto } from '../../auth/dto/auth.dto';
import { PagedQueryDto, PagingRules } from '../../common/paging';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../auth/password-hasher';
import type { UserTaskInContext } from '../tasks';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Roles and the scope that goes with them. */
export class AccessDto {
  @ApiProperty({ enum: ROLES, isArray: true, example: ['org-contact'] })
  @IsArray({ message: 'roles måste vara en lista.' })
  @ArrayUnique({ message: 'Samma roll får bara anges en gång.' })
  @ArrayMaxSize(ROLES.length, { message: 'För många roller.' })
  @IsIn(ROLES, { each: true, message: `Varje roll måste vara en av ${ROLES.join(', ')}.` })
  roles: Role[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Företrädare: personposten.' })
  @IsOptional()
  @IsUUID('all', { message: 'personId måste vara ett UUID.' })
  personId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Organisationskontakt: organisationen.' })
  @IsOptional()
  @IsUUID('all', { message: 'organisationId måste vara ett UUID.' })
  organisationId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'SKR', description: 'Ekonomi: betalaren (SKR, en sjukvårdsregion eller en region).' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'payerCode måste vara text.' })
  @IsNotEmpty({ message: 'Ange betalare.' })
  @MaxLength(60, { message: 'payerCode får vara högst 60 tecken.' })
  payerCode?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Samordnare: grupperna hen samordnar.' })
  @IsOptional()
  @IsArray({ message: 'groupIds måste vara en lista.' })
  @ArrayUnique({ message: 'Samma grupp får bara anges en gång.' })
  @ArrayMaxSize(500, { message: 'För många grupper.' })
  @IsUUID('all', { each: true, message: 'Varje grupp-id måste vara ett UUID.' })
  groupIds?: string[];
}

export class InviteUserDto extends AccessDto {
  @ApiPropertyOptional({
    example: 'anna.andersson@example.se',
    description: 'Vart inbjudan skickas. För en befintlig personpost används personens registrerade adress.',
  })
  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'Ange en giltig e-postadress.' })
  @MaxLength(320, { message: 'E-postadressen är för lång.' })
  email?: string;

  @ApiPropertyOptional({ example: 'Anna Andersson', description: 'Namn som visas; för en befintlig personpost dess namn.' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'Namnet måste vara text.' })
  @IsNotEmpty({ message: 'Ange namn.' })
  @MaxLength(200, { message: 'Namnet får vara högst 200 tecken.' })
  displayName?: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'Token ur inbjudningslänken.', example: 'mvi_6Lq…' })
  @IsString({ message: 'Ange inbjudans token.' })
  @IsNotEmpty({ message: 'Ange inbjudans token.' })
  @MaxLength(200, { message: 'Ogiltig token.' })
  token: string;

  @ApiProperty({ description: `Nytt lösenord, ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} tecken.`, example: 'Mitt-eget-lösen-2026', format: 'password' })
  @IsString({ message: 'Ange ett lösenord.' })
  @MinLength(PASSWORD_MIN_LENGTH, { message: `Lösenordet måste vara minst ${PASSWORD_MIN_LENGTH} tecken.` })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `Lösenordet får vara högst ${PASSWORD_MAX_LENGTH} tecken.` })
  password: string;
}

export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const USER_PAGING: PagingRules = { defaultPageSize: 50, maxPageSize: 200 };

export class ListUsersQuery extends PagedQueryDto(USER_PAGING) {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role måste vara en av ${ROLES.join(', ')}.` })
  role?: Role;

  @ApiPropertyOptional({ enum: USER_STATUSES })
  @IsOptional()
  @IsIn(USER_STATUSES, { message: `status måste vara en av ${USER_STATUSES.join(', ')}.` })
  status?: UserStatus;

  @ApiPropertyOptional({ description: 'Söker i namn och e-post.', example: 'anna' })
  @IsOptional()
  @IsString({ message: 'q måste vara text.' })
  @MaxLength(200, { message: 'Söktexten får vara högst 200 tecken.' })
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'organisationId måste vara ett UUID.' })
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Samordnare för denna grupp.' })
  @IsOptional()
  @IsUUID('all', { message: 'groupId måste vara ett UUID.' })
  groupId?: string;
}

export class UserViewDto extends AuthUserDto {
  @ApiProperty({ type: [String], description: 'Grupper som samordnaren samordnar.' })
  coordinatedGroupIds: string[];
  @ApiProperty({ enum: USER_STATUSES, description: 'invited: har inte valt lösenord än.' })
  status: UserStatus;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'Spärrad efter misslyckade inloggningar till.' })
  lockedUntil: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  lastLoginAt: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  disabledAt: string | null;
}

export class UserPageDto {
  @ApiProperty({ type: [UserViewDto] })
  items: UserViewDto[];
  @ApiProperty({ example: 42 })
  total: number;
  @ApiProperty({ example: 1 })
  page: number;
  @ApiProperty({ example: 50 })
  pageSize: number;
}

export class InvitationInfoDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'date-time' })
  expiresAt: string;
  @ApiProperty({
    enum: ['smtp', 'outbox', 'failed', 'none'],
    description: 'smtp: skickad; outbox: sparad i utkorgen (MAIL_TRANSPORT=outbox); failed: SMTP svarade fel; none: ingen utkorg.',
  })
  delivery: string;
  @ApiPropertyOptional({
    description: 'Länken, bara när brevet inte skickas med SMTP (utveckling och demo), så att inbjudan kan lämnas över på annat sätt.',
    example: 'http://localhost:3000/inbjudan#token=mvi_6Lq…',
  })
  acceptUrl?: string;
}

export class InvitationResultDto {
  @ApiProperty({ type: UserViewDto })
  user: UserViewDto;
  @ApiProperty({ type: InvitationInfoDto })
  invitation: InvitationInfoDto;
}

export class PaymentDetailsDto {
  @ApiProperty({ format: 'uuid' })
  personId: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: '19121212-1212', description: 'Personnummer eller samordningsnummer.' })
  personalNumber: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '8327-9 123 456 789-0', description: 'Bankkonto för utbetalning.' })
  bankAccount: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'När personen lämnade uppgifterna.' })
  detailsGivenAt: string | null;
}

/** What a task is about: the page it links to. */
export class TaskSubjectDto {
  @ApiProperty({ example: 'assignment', description: 'Vad uppgiften gäller: assignment, nomination-request, nomination, group, batch, time-report.' })
  type: string;
  @ApiProperty({ format: 'uuid' })
  id: string;
}

export class UserTaskDto implements UserTaskInContext {
  @ApiProperty({ example: 'assignment.sign-agreement' })
  kind: string;
  @ApiProperty({ example: 'Signera överenskommelsen' })
  title: string;
  @ApiProperty({ type: TaskSubjectDto })
  subject: TaskSubjectDto;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  groupId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  deadline: string | null;
  @ApiProperty()
  urgent: boolean;
  @ApiProperty({ nullable: true, type: String, example: 'NAG Hjärtsvikt', description: 'Gruppens namn (null när uppgiften inte hör till en grupp).' })
  groupName: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Rut Företrädare', description: 'Personen uppgiften gäller (null när den inte gäller en person).' })
  personName: string | null;
}

export class MyAssignmentNextStepDto {
  @ApiProperty({ example: 'Signera överenskommelsen', description: 'Nästa steg, på svenska.' })
  title: string;
  @ApiProperty({ enum: ['you', 'coordinator', 'workflow', 'nobody'], description: 'Vems tur det är: du, samordnaren, tjänsten själv eller ingen (uppdraget är avslutat).' })
  who: 'you' | 'coordinator' | 'workflow' | 'nobody';
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Senast när steget ska vara gjort; null när steget saknar tidsfrist.' })
  deadline: string | null;
}

export class MyAssignmentPeriodDto {
  @ApiProperty({ example: '2026-03' })
  key: string;
  @ApiProperty({ type: String, format: 'date' })
  startsOn: string;
  @ApiProperty({ type: String, format: 'date' })
  endsOn: string;
  @ApiProperty({ enum: ['open', 'awaiting-report', 'submitted', 'attested', 'missed', 'unattested'] })
  state: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Sista dag att rapportera.' })
  dueAt: string | null;
}

export class MyAssignmentDocumentDto {
  @ApiProperty({ enum: ['agreement'] })
  kind: 'agreement';
  @ApiProperty({ example: 'Överenskommelse, version 1' })
  title: string;
  @ApiProperty({ format: 'uuid' })
  documentId: string;
  @ApiProperty({ example: 'countersigned', description: 'Överenskommelsens läge (drafted, signed, countersigned …).' })
  state: string;
}

export class MyAssignmentDeclarationDto {
  @ApiProperty({ enum: ['stored', 'submitted', 'approved', 'needs-changes'] })
  state: string;
  @ApiProperty({ type: String, format: 'date-time' })
  submittedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Nästa förnyelse (minst vart tredje år, eller enligt betalarens regel).' })
  nextDueAt: string | null;
}

export class MyAssignmentEventDto {
  @ApiProperty({ type: String, format: 'date-time' })
  at: string;
  @ApiProperty({ example: 'Du signerade överenskommelsen', description: 'Vad som hände, på svenska.' })
  event: string;
  @ApiProperty({ description: 'Om det var du som gjorde det.' })
  byYou: boolean;
}

/** `GET /me/assignments`: one of the logged-in representative's assignments ("Mina uppdrag"). */
export class MyAssignmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  groupId: string;
  @ApiProperty({ example: 'NAG Hjärtsvikt' })
  groupName: string;
  @ApiProperty({ description: 'Uppdragets läge (läsmodellen av arbetsflödet), t.ex. active.', example: 'active' })
  state: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' })
  periodStart: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' })
  periodEnd: string | null;
  @ApiProperty({ type: MyAssignmentNextStepDto, description: 'Nästa steg och vems tur det är, enligt arbetsflödets definition (workflows/assignment/turns.ts).' })
  nextStep: MyAssignmentNextStepDto;
  @ApiProperty({ type: [MyAssignmentPeriodDto], description: 'Rapportperioderna, äldst först.' })
  reportingPeriods: MyAssignmentPeriodDto[];
  @ApiProperty({ type: [MyAssignmentDocumentDto], description: 'Uppdragets dokument (överenskommelsen).' })
  documents: MyAssignmentDocumentDto[];
  @ApiProperty({ type: MyAssignmentDeclarationDto, nullable: true, description: 'Den senaste jävsdeklarationen (utan de deklarerade intressena).' })
  declaration: MyAssignmentDeclarationDto | null;
}
